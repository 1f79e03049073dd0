/// What checking one signature on a received request found: which scheme, where it was
/// read, and whether a secret made it.
public struct SignatureVerdict: Sendable, Equatable, CustomStringConvertible {
    /// `standard-webhooks`, or `hmac-sha256` with the header it was read from; `none` when
    /// the request carries no signature at all.
    public var scheme: String
    /// True when a signature made with one of the secrets matched.
    public var isValid: Bool
    /// Why it did not match (or that nothing was signed); empty when valid.
    public var reason: String

    public init(scheme: String, isValid: Bool, reason: String = "") {
        self.scheme = scheme
        self.isValid = isValid
        self.reason = reason
    }

    /// `standard-webhooks: valid`, `hmac-sha256 (x-webhook-signature): INVALID (no signature matches the secret)`.
    public var description: String {
        isValid ? "\(scheme): valid" : "\(scheme): INVALID (\(reason))"
    }
}

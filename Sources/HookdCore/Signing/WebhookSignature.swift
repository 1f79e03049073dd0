/// How a webhook's deliveries are signed: the Standard Webhooks headers (the default), or an
/// HMAC-SHA256 of the raw body in one header of the webhook's choosing, as receivers written
/// for "`hmacSHA256(payload, secret)` in `X-Webhook-Signature`" or for GitHub's
/// `X-Hub-Signature-256: sha256=<hex>` expect.
///
/// For `hmac-sha256` the key is the UTF-8 bytes of the secret exactly as
/// `hookctl webhooks secret` prints it (`whsec_...`, the text a receiver pastes into its
/// configuration) and the message is the request body as sent. During a rotation's grace
/// the header holds one signature per secret, the current one first, separated by commas.
public struct WebhookSignature: Sendable, Hashable {
    /// The signing method.
    public enum Scheme: String, Sendable, CaseIterable {
        /// `webhook-id`, `webhook-timestamp` and `webhook-signature: v1,<base64>`.
        case standardWebhooks = "standard-webhooks"
        /// HMAC-SHA256 of the raw body in `header`.
        case hmacSHA256 = "hmac-sha256"
    }

    /// How the HMAC bytes are written in the header.
    public enum Encoding: String, Sendable, CaseIterable {
        /// Lowercase hexadecimal, 64 characters.
        case hex
        /// Standard base64 with padding, 44 characters.
        case base64
    }

    public var scheme: Scheme
    /// The header that carries the `hmac-sha256` signature.
    public var header: String
    public var encoding: Encoding
    /// Written before each signature (`sha256=` for GitHub's style).
    public var prefix: String
    /// With `hmac-sha256`: also send the Standard Webhooks headers.
    public var standardHeaders: Bool

    /// The header `hmac-sha256` uses when none is named.
    public static let defaultHeader = "X-Webhook-Signature"
    /// The longest prefix accepted.
    public static let maximumPrefixLength = 64

    /// The default: Standard Webhooks.
    public static let standardWebhooks = WebhookSignature(
        scheme: .standardWebhooks, header: "webhook-signature", encoding: .base64, prefix: "", standardHeaders: true)

    public init(scheme: Scheme, header: String, encoding: Encoding, prefix: String, standardHeaders: Bool) {
        self.scheme = scheme
        self.header = header
        self.encoding = encoding
        self.prefix = prefix
        self.standardHeaders = standardHeaders
    }

    /// The signature that settings already accepted by `WebhookFields.signature(_:)` stand
    /// for (as the store keeps them); `nil` when a member does not read.
    public init?(stored settings: WebhookSignatureSettings) {
        guard let scheme = Scheme(rawValue: settings.scheme ?? Scheme.standardWebhooks.rawValue),
            let encoding = Encoding(rawValue: settings.encoding ?? Encoding.hex.rawValue)
        else { return nil }
        guard scheme == .hmacSHA256 else {
            self = .standardWebhooks
            return
        }
        self.init(
            scheme: scheme, header: settings.header ?? Self.defaultHeader, encoding: encoding,
            prefix: settings.prefix ?? "", standardHeaders: settings.standardHeaders ?? false)
    }

    /// Whether the Standard Webhooks headers go out with each delivery.
    public var sendsStandardHeaders: Bool { scheme == .standardWebhooks || standardHeaders }

    /// The signature as settings (what the API shows and a manifest declares); `nil` for the
    /// default, so webhooks that never chose a scheme look as they always did.
    public var settings: WebhookSignatureSettings? {
        guard scheme != .standardWebhooks else { return nil }
        return WebhookSignatureSettings(
            scheme: scheme.rawValue, header: header, encoding: encoding.rawValue, prefix: prefix,
            standardHeaders: standardHeaders)
    }
}

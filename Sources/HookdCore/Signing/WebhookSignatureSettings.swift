/// A webhook's signature settings as the API, the manifests and the store carry them: every
/// member optional, each read and checked by `WebhookFields.signature(_:)`.
public struct WebhookSignatureSettings: Codable, Sendable, Hashable {
    /// `standard-webhooks` (the default) or `hmac-sha256`.
    public var scheme: String?
    /// `hmac-sha256` only: the header (default `X-Webhook-Signature`).
    public var header: String?
    /// `hmac-sha256` only: `hex` (the default) or `base64`.
    public var encoding: String?
    /// `hmac-sha256` only: written before each signature (default none; `sha256=` for GitHub's style).
    public var prefix: String?
    /// `hmac-sha256` only: also send the Standard Webhooks headers (default false).
    public var standardHeaders: Bool?

    public init(
        scheme: String? = nil, header: String? = nil, encoding: String? = nil, prefix: String? = nil,
        standardHeaders: Bool? = nil
    ) {
        self.scheme = scheme
        self.header = header
        self.encoding = encoding
        self.prefix = prefix
        self.standardHeaders = standardHeaders
    }

    /// True when no member is given.
    public var isEmpty: Bool {
        scheme == nil && header == nil && encoding == nil && prefix == nil && standardHeaders == nil
    }

    /// The settings as a JSON object of the members given, for plans and storage.
    public var json: JSONValue {
        var members: [String: JSONValue] = [:]
        if let scheme { members["scheme"] = .string(scheme) }
        if let header { members["header"] = .string(header) }
        if let encoding { members["encoding"] = .string(encoding) }
        if let prefix { members["prefix"] = .string(prefix) }
        if let standardHeaders { members["standardHeaders"] = .bool(standardHeaders) }
        return .object(members)
    }
}

extension WebhookSignatureSettings: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            scheme: try members.optional("scheme")?.string(), header: try members.optional("header")?.string(),
            encoding: try members.optional("encoding")?.string(), prefix: try members.optional("prefix")?.string(),
            standardHeaders: try members.optional("standardHeaders")?.bool())
    }
}

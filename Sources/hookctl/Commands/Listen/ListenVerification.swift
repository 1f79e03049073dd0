import HookdCore

/// What `hookctl listen` checks signatures with: the secrets, the webhook's signature
/// settings when known, and where they came from (`nil`: nothing to check with).
struct ListenVerification: Sendable {
    var secrets: [WebhookSecret]
    /// `nil` recognises any scheme hookd signs with.
    var signature: WebhookSignature?
    var source: String?
}

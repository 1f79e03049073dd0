import HookdCore

/// One resource a manifest document declares, as written.
public enum DeclaredResource: Sendable, Equatable {
    case account(AccountSpec)
    case eventType(EventTypeSpec)
    /// A webhook, with where its secret comes from (the spec's `secret` stays `nil` until
    /// it is resolved).
    case webhook(WebhookSpec, secret: SecretSource?)

    public var key: ResourceKey {
        switch self {
        case .account(let spec): spec.key
        case .eventType(let spec): spec.key
        case .webhook(let spec, _): spec.key
        }
    }
}

/// What one daemon on a shared database tells the others, on the `hookd` channel
/// (`PostgresClusterSchema` raises them from triggers, so every writer does).
public enum PostgresNotice: String, Sendable {
    /// A delivery awaits an attempt and nobody holds it: claim.
    case work
    /// A webhook was created, changed or deleted: take every webhook's settings again.
    case webhooks
}

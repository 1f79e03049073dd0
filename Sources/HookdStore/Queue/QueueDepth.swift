/// How much work the store holds, for metrics: deliveries awaiting an attempt now or later,
/// those waiting for a retry, and webhooks disabled.
public struct QueueDepth: Sendable, Equatable {
    /// Awaiting deliveries due now (their time has come; they wait for a slot or a turn).
    public var due: Int
    /// Awaiting deliveries due later.
    public var scheduled: Int
    /// Deliveries waiting for a retry after a failed attempt.
    public var retriesWaiting: Int
    /// Webhooks that are disabled.
    public var webhooksDisabled: Int

    public init(due: Int, scheduled: Int, retriesWaiting: Int, webhooksDisabled: Int) {
        self.due = due
        self.scheduled = scheduled
        self.retriesWaiting = retriesWaiting
        self.webhooksDisabled = webhooksDisabled
    }
}

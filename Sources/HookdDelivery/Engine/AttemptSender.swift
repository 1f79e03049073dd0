import HookdStore

/// Makes one HTTP attempt of a delivery: what the engine sends with. `WebhookSender` is the
/// real one; engine tests use a fake.
public protocol AttemptSender: Sendable {
    /// POSTs `work` signed with `timestamp` (Unix seconds) and classifies what came back;
    /// never throws.
    func send(_ work: DeliveryWork, timestamp: Int64) async -> AttemptResult
}

extension WebhookSender: AttemptSender {}

import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdRPC

/// A watch's life after its answer: passes each change its filter keeps to the client as a
/// notification, in feed order, until cancelled or the connection breaks; a watcher dropped
/// for falling behind hears why (`Watch.End`).
enum WatchStream {
    /// A new watch id, unique enough for one connection's handful of watches.
    static func newID() -> String {
        "wch_" + UUID().uuidString.prefix(13).lowercased().replacingOccurrences(of: "-", with: "")
    }

    /// Sends what `notices` makes of each change until the subscription ends.
    static func run<Notice: Encodable & Sendable>(
        _ subscription: ChangeSubscription, watch: String, notification: String, notifier: RPCNotifier,
        notices: @Sendable (SequencedChange) -> [Notice]
    ) async {
        defer { subscription.cancel() }
        for await change in subscription.changes {
            for notice in notices(change) {
                do {
                    try await notifier.notify(notification, notice)
                } catch {
                    return
                }
            }
        }
        guard subscription.overflowed, !Task.isCancelled else { return }
        let end = WatchEndNotice(
            watch: watch, reason: "hookd.WatchOverflow",
            message: "the watch fell \(subscription.capacity) changes behind and was dropped; watch again, "
                + "and read faster or narrow it with filters")
        try? await notifier.notify(APINotification.watchEnd.name, end)
    }
}

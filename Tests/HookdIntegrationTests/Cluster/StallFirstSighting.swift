import Foundation
import HookdTesting
import Synchronization

/// Answers the first request for each event whose id starts with `prefix` only after a
/// minute, so its attempt is still under way when the test kills the daemon making it; every
/// other request, and the second of those, gets 200 at once.
final class StallFirstSighting: Sendable {
    private let prefix: String
    /// Ids of stalled events already seen once.
    private let seen = Mutex<Set<String>>([])

    init(prefix: String) {
        self.prefix = prefix
    }

    func respond(to request: ReceivedRequest) -> ReceiverResponse {
        let id = request.headers["webhook-id"] ?? ""
        guard id.hasPrefix(prefix), seen.withLock({ $0.insert(id).inserted }) else { return ReceiverResponse(status: 200) }
        return ReceiverResponse(status: 200, delay: .seconds(60))
    }
}

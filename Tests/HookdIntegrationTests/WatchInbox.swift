import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// The notifications one client receives, kept in arrival order and read per watch: what
/// each watcher on the connection sees.
struct WatchInbox {
    private var iterator: AsyncStream<RPCNotification>.AsyncIterator
    /// Every notification received so far.
    private(set) var seen: [RPCNotification] = []
    /// Per watch, the index in `seen` up to which it has been read.
    private var read: [String: Int] = [:]

    init(_ client: RPCClient) async throws {
        iterator = try await client.notifications().makeAsyncIterator()
    }

    /// Reads `watch`'s `Watch.Delivery` notices until one satisfies `done`; returns those read
    /// on the way, the last one included. (The test's time limit bounds the wait.)
    mutating func deliveries(
        of watch: String, until done: (DeliveryWatchNotice) -> Bool
    ) async throws -> [DeliveryWatchNotice] {
        try await notices(of: watch, method: "Watch.Delivery", until: done)
    }

    /// Reads `watch`'s `Watch.Event` notices until one satisfies `done`.
    mutating func events(of watch: String, until done: (EventWatchNotice) -> Bool) async throws -> [EventWatchNotice] {
        try await notices(of: watch, method: "Watch.Event", until: done)
    }

    /// The watches of every notification received so far.
    var watches: [String] {
        seen.compactMap { $0.params["watch"]?.stringValue }
    }

    private mutating func notices<Notice: Decodable>(
        of watch: String, method: String, until done: (Notice) -> Bool
    ) async throws -> [Notice] {
        var notices: [Notice] = []
        while true {
            let index = read[watch, default: 0]
            if index == seen.count {
                guard let next = await iterator.next() else {
                    throw WaitTimeout(description: "the connection closed before the notice came; read \(notices.count)")
                }
                seen.append(next)
            }
            read[watch] = index + 1
            let notification = seen[index]
            guard notification.method == method, notification.params["watch"]?.stringValue == watch else { continue }
            let notice = try JSONCoding.decoder.decode(Notice.self, from: notification.params.canonicalData())
            notices.append(notice)
            if done(notice) { return notices }
        }
    }
}

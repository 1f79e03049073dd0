import NIOCore
import Synchronization

/// The server's open connections, so that closing the server can wind them down.
///
/// Winding down means closing each connection's *input*: the connection finishes the
/// request it is handling (and any it has already read), writes the answers and then ends,
/// because its stream of requests has ended. Nothing is cut off mid-answer.
final class ConnectionRegistry: Sendable {
    private struct State {
        var isClosing = false
        var channels: [ObjectIdentifier: any Channel] = [:]
        /// The most connections open at once since the last burst ended.
        var peak = 0
    }

    /// How many connections must have been open at once for their closing to count as the end
    /// of a burst (see ``remove(_:)``): a few hookctl calls never pay for a heap trim.
    static let burstSize = 64

    /// Guards the set of open channels (and their peak since the last burst ended) against
    /// the accept loop, finishing connections and `close()` running on different threads.
    private let state = Mutex(State())

    /// What became of a connection offered to the registry.
    enum Admission: Sendable, Equatable {
        case admitted
        /// `limit` connections are already open.
        case full
        /// The server is winding down.
        case closing
    }

    /// Adds a new connection unless `limit` are open already or the server is closing.
    func insert(_ channel: any Channel, limit: Int) -> Admission {
        state.withLock { state in
            guard !state.isClosing else { return .closing }
            guard state.channels.count < limit else { return .full }
            state.channels[ObjectIdentifier(channel)] = channel
            state.peak = max(state.peak, state.channels.count)
            return .admitted
        }
    }

    /// Forgets a finished connection; returns `true` when a burst has just ended: at least
    /// ``burstSize`` were open at once, and now at most a quarter of that peak are (long-lived
    /// clients such as watchers or producers may stay). That is the moment to give the memory
    /// the burst held back to the operating system; the next burst is measured from here.
    @discardableResult
    func remove(_ channel: any Channel) -> Bool {
        state.withLock { state in
            state.channels.removeValue(forKey: ObjectIdentifier(channel))
            let open = state.channels.count
            guard state.peak >= Self.burstSize, open <= state.peak / 4 else { return false }
            state.peak = open
            return true
        }
    }

    /// Winds down every open connection and refuses new ones.
    func closeAll() {
        let channels = state.withLock { state in
            state.isClosing = true
            return Array(state.channels.values)
        }
        for channel in channels {
            channel.close(mode: .input, promise: nil)
        }
    }
}

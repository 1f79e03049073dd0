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
    }

    /// Guards the set of open channels against the accept loop, finishing connections and
    /// `close()` running on different threads.
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
            return .admitted
        }
    }

    /// Forgets a finished connection.
    func remove(_ channel: any Channel) {
        _ = state.withLock { $0.channels.removeValue(forKey: ObjectIdentifier(channel)) }
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

import HookdCore
import NIOCore
import Synchronization

/// Tells clients why they are not served (over the cap, or no role), then closes their
/// connections without losing that line.
///
/// The line is followed by closing the writing side only, and what the client sends
/// meanwhile is read and dropped until it closes too. A Unix socket closed with the client's
/// request unread, or before the client wrote it, resets the client, whose write then fails
/// and whose connection may close before it has read the line. So the daemon waits for the
/// client to close first, for ``linger`` at most: long enough for a client stalled on a
/// loaded machine (a suite at load 36 once took more than 2 s between connecting and
/// writing), short enough that a client which never closes costs little. At most
/// ``maximumLingering`` refused connections wait at once; beyond that a flood of refused
/// clients is closed at once, holding no descriptors. ``closeAll()`` ends every wait, so a
/// daemon stopping never waits on a refused client.
final class ConnectionRefusals: Sendable {
    /// How long a refused connection waits for its client to close.
    static let linger = Duration.seconds(10)

    /// How many refused connections may wait for their clients at once.
    static let maximumLingering = 256

    private struct State {
        /// The refused connections waiting for their clients to close, by channel.
        var waiting: [ObjectIdentifier: any Channel] = [:]
        /// Set by ``closeAll()``: later refusals do not wait.
        var isClosing = false
    }

    private let state = Mutex(State())

    /// Writes `error` (id null) to the client and closes the connection once the client
    /// has closed its end or ``linger`` has passed.
    func refuse(_ accepted: AcceptedConnection, with error: RPCErrorObject) async {
        var line = RPCResponse(id: .null, error: error).serialized
        line.terminateLine()
        let channel = accepted.channel.channel
        let key = ObjectIdentifier(channel)
        let waits = state.withLock { state in
            guard !state.isClosing, state.waiting.count < Self.maximumLingering else { return false }
            state.waiting[key] = channel
            return true
        }
        defer { if waits { _ = state.withLock { $0.waiting.removeValue(forKey: key) } } }
        try? await accepted.channel.executeThenClose { inbound, _ in
            // Straight to the channel, not through the async writer: its future completes
            // once the line is written, so closing the writing side cannot overtake it.
            try await channel.writeAndFlush(line).get()
            try await channel.close(mode: .output).get()
            guard waits else { return }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await _ in inbound {}
                    } catch {
                        // Reset or cancelled: either way the client has what it needs.
                    }
                }
                group.addTask { try? await Task.sleep(for: Self.linger) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Closes every refused connection still waiting for its client (the server is stopping).
    func closeAll() {
        let channels = state.withLock { state in
            state.isClosing = true
            return Array(state.waiting.values)
        }
        for channel in channels { channel.close(promise: nil) }
    }
}

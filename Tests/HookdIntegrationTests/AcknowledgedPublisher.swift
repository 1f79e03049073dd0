import HookdAPI
import HookdCore
import HookdRPC
import Synchronization

/// A producer that keeps publishing to whichever daemon serves a socket, one event at a
/// time and in small batches, and keeps the ids of every event the daemon acknowledged.
///
/// A publish that fails because the daemon died (the connection dropped, or nothing
/// listens) was not acknowledged and does not count; the producer then waits for the test
/// to say a new daemon is up (``daemonRestarted()``) instead of hammering a dead socket.
final class AcknowledgedPublisher: Sendable {
    private struct State {
        var acknowledged: [String] = []
        /// How many daemons the test has started after the first.
        var generation = 0
        var stopped = false
        /// Producers waiting for a daemon newer than the generation they saw fail.
        var restartWaiters: [(generation: Int, continuation: CheckedContinuation<Void, Never>)] = []
        /// A test waiting until this many events are acknowledged.
        var countWaiters: [(count: Int, continuation: CheckedContinuation<Void, Never>)] = []
        /// Answers the daemon gave that are errors: a live daemon must accept every event.
        var refusals: [String] = []
    }

    /// Guards the acknowledged ids, the daemon generation, the stop flag and the waiters.
    private let state = Mutex(State())

    /// The sizes of successive calls: single publishes and batches, in a fixed rotation.
    static let callSizes = [1, 3, 1, 1, 5, 2]

    private let socketPath: String
    private let account: String
    private let eventType: String

    init(socketPath: String, account: String, eventType: String) {
        self.socketPath = socketPath
        self.account = account
        self.eventType = eventType
    }

    /// Every acknowledged id, in acknowledgement order.
    var acknowledged: [String] { state.withLock { $0.acknowledged } }

    /// Errors the daemon answered with (expected: none).
    var refusals: [String] { state.withLock { $0.refusals } }

    /// Publishes until ``stop()``.
    func run() async {
        let client = RPCClient(socketPath: socketPath)
        var sequence = 0
        var call = 0
        while !state.withLock({ $0.stopped }) {
            let size = Self.callSizes[call % Self.callSizes.count]
            call += 1
            let ids = (sequence..<sequence + size).map { "evt_crash_\($0)" }
            sequence += size
            let generation = state.withLock { $0.generation }
            do {
                try await publish(ids, on: client)
                acknowledge(ids)
            } catch let refusal as RPCRemoteError {
                state.withLock { $0.refusals.append("\(ids): \(refusal)") }
            } catch {
                await waitForRestart(after: generation)
            }
        }
        await client.close()
    }

    /// Tells the producer that a new daemon answers on the socket.
    func daemonRestarted() {
        let waiters = state.withLock { state in
            state.generation += 1
            defer { state.restartWaiters.removeAll() }
            return state.restartWaiters
        }
        for waiter in waiters { waiter.continuation.resume() }
    }

    /// Ends ``run()`` after its current call.
    func stop() {
        let (restarts, counts) = state.withLock { state in
            state.stopped = true
            defer {
                state.restartWaiters.removeAll()
                state.countWaiters.removeAll()
            }
            return (state.restartWaiters, state.countWaiters)
        }
        for waiter in restarts { waiter.continuation.resume() }
        for waiter in counts { waiter.continuation.resume() }
    }

    /// Returns once at least `count` events have been acknowledged in all (or the producer
    /// was stopped).
    func waitUntilAcknowledged(_ count: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.stopped || state.acknowledged.count >= count { return true }
                state.countWaiters.append((count, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }

    private func publish(_ ids: [String], on client: RPCClient) async throws {
        let inputs = ids.map { EventInput(account: account, type: eventType, data: ["customer_id": .string($0)], id: $0) }
        if inputs.count == 1 {
            _ = try await client.publish(inputs[0])
        } else {
            _ = try await client.publish(batch: inputs)
        }
    }

    private func acknowledge(_ ids: [String]) {
        let ready = state.withLock { state in
            state.acknowledged += ids
            let total = state.acknowledged.count
            defer { state.countWaiters.removeAll { $0.count <= total } }
            return state.countWaiters.filter { $0.count <= total }
        }
        for waiter in ready { waiter.continuation.resume() }
    }

    private func waitForRestart(after generation: Int) async {
        await withCheckedContinuation { continuation in
            let ready = state.withLock { state in
                if state.stopped || state.generation > generation { return true }
                state.restartWaiters.append((generation, continuation))
                return false
            }
            if ready { continuation.resume() }
        }
    }
}

import HookdCore
import Synchronization

/// The streams (watches) running on one connection: each sends notifications after the
/// call that opened it has been answered, until it ends, is cancelled by id, or the
/// connection closes.
///
/// A running stream counts as a call under way, so the idle timeout leaves a watching
/// connection alone.
public final class RPCStreams: Sendable {
    /// The most streams one connection may run at once.
    public static let maximumPerConnection = 16

    /// A stream's work: sends notifications through the notifier until it returns.
    public typealias Body = @Sendable (RPCNotifier) async -> Void

    private struct State {
        /// Opened by the call being answered; started once its answer is written.
        var opened: [(id: String, body: Body)] = []
        var running: [String: Task<Void, Never>] = [:]
        var closed = false
    }

    /// Guards the streams against the connection's read loop and the streams' own tasks.
    private let state = Mutex(State())
    private let notifier: RPCNotifier
    private let activity: ConnectionActivity

    init(notifier: RPCNotifier, activity: ConnectionActivity) {
        self.notifier = notifier
        self.activity = activity
    }

    /// Opens a stream named `id` (unique on the connection): `body` starts once the answer
    /// to the current call has been written. Refused with `RESOURCE_EXHAUSTED` beyond
    /// ``maximumPerConnection``.
    public func open(id: String, _ body: @escaping Body) throws(HookdError) {
        let refused: HookdError? = state.withLock { state in
            guard state.opened.count + state.running.count < Self.maximumPerConnection else {
                return HookdError(
                    .resourceExhausted, reason: "hookd.TooManyWatches",
                    "a connection runs at most \(Self.maximumPerConnection) watches; cancel one first (Watch.Cancel)")
            }
            state.opened.append((id, body))
            return nil
        }
        if let refused { throw refused }
    }

    /// Stops the stream named `id`; false when there is none on this connection.
    public func cancel(id: String) -> Bool {
        let task: Task<Void, Never>? = state.withLock { state in
            if let index = state.opened.firstIndex(where: { $0.id == id }) {
                state.opened.remove(at: index)
                return nil
            }
            return state.running.removeValue(forKey: id)
        }
        task?.cancel()
        return task != nil
    }

    /// Starts the streams the call just answered opened.
    func startOpened() {
        state.withLock { state in
            guard !state.closed else {
                state.opened = []
                return
            }
            for (id, body) in state.opened {
                activity.began()
                let (notifier, activity) = (notifier, activity)
                state.running[id] = Task { [weak self] in
                    defer { activity.ended() }
                    await body(notifier)
                    self?.finished(id)
                }
            }
            state.opened = []
        }
    }

    /// Cancels every stream: the connection is closing.
    func cancelAll() {
        let tasks = state.withLock { state in
            state.closed = true
            state.opened = []
            defer { state.running = [:] }
            return Array(state.running.values)
        }
        for task in tasks { task.cancel() }
    }

    private func finished(_ id: String) {
        state.withLock { _ = $0.running.removeValue(forKey: id) }
    }
}

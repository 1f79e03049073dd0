import Synchronization

/// A process's exit status, set once by its termination handler and awaited by a test.
final class ProcessExit: Sendable {
    /// Guards the status and the one waiter against the termination handler's thread.
    private let state = Mutex<(code: Int32?, waiter: CheckedContinuation<Int32, Never>?)>((nil, nil))

    /// Records the status and wakes the waiter.
    func ended(_ code: Int32) {
        let waiter = state.withLock { state in
            state.code = code
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume(returning: code)
    }

    /// The status, once the process has ended.
    func code() async -> Int32 {
        await withCheckedContinuation { continuation in
            let code = state.withLock { state in
                if state.code == nil { state.waiter = continuation }
                return state.code
            }
            if let code { continuation.resume(returning: code) }
        }
    }
}

import Synchronization

/// Named one-shot latches a test opens by hand, so a handler's completion finishes exactly
/// when the test says. Waiting ignores cancellation, like work that does not honour it.
final class Latches: Sendable {
    private enum Latch {
        case closed([CheckedContinuation<Void, Never>])
        case open
    }

    /// Guards the latches against handlers waiting and the test opening them.
    private let latches = Mutex<[String: Latch]>([:])

    /// Returns once the latch `name` is open (at once if it already is).
    func wait(_ name: String) async {
        await withCheckedContinuation { continuation in
            let isOpen = latches.withLock { latches in
                switch latches[name] {
                case .open?:
                    return true
                case .closed(let waiters)?:
                    latches[name] = .closed(waiters + [continuation])
                    return false
                case nil:
                    latches[name] = .closed([continuation])
                    return false
                }
            }
            if isOpen { continuation.resume() }
        }
    }

    /// Opens the latches `names`, releasing everything waiting on them now or later.
    func open(_ names: String...) {
        open(names)
    }

    /// Opens the latches `names`.
    func open(_ names: [String]) {
        let waiters: [CheckedContinuation<Void, Never>] = latches.withLock { latches in
            var waiters: [CheckedContinuation<Void, Never>] = []
            for name in names {
                if case .closed(let waiting)? = latches[name] { waiters += waiting }
                latches[name] = .open
            }
            return waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

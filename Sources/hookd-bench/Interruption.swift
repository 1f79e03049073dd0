import Dispatch
import Foundation
import Synchronization

/// Stops what a benchmark started when the benchmark itself is stopped (SIGINT, SIGTERM),
/// so a long run cut short leaves no hookd or nginx running and no folder behind.
enum Interruption {
    /// Guards the processes to stop, by pid, with the folder each one leaves behind.
    private static let started = Mutex<[Int32: String]>([:])

    /// The signal handlers, installed on first use and kept for the life of the bench.
    private static let handlers = SignalHandlers(signals: [SIGINT, SIGTERM]) { number in
        for (pid, folder) in started.withLock({ $0 }) {
            kill(pid, SIGKILL)
            try? FileManager.default.removeItem(atPath: folder)
        }
        exit(128 + number)
    }

    /// Stops process `pid` and removes `folder` if the bench is interrupted.
    static func track(pid: Int32, folder: String) {
        _ = handlers
        started.withLock { $0[pid] = folder }
    }

    /// Forgets a process the bench has stopped itself (its pid may be reused).
    static func forget(pid: Int32) {
        started.withLock { _ = $0.removeValue(forKey: pid) }
    }
}

/// Dispatch sources that run a handler on signals instead of the default action; holding
/// them keeps them active.
private final class SignalHandlers: @unchecked Sendable {
    // Written once in init, never changed: safe to share.
    private let sources: [any DispatchSourceSignal]

    init(signals: [Int32], handler: @escaping @Sendable (Int32) -> Void) {
        sources = signals.map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { handler(number) }
            source.resume()
            return source
        }
    }
}

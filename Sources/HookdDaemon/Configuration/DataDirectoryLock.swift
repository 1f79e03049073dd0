import Foundation

/// An exclusive lock on a data directory, so two daemons never share one store: both would
/// send the same deliveries. Held for the life of the process (the kernel drops it when the
/// process exits, even on a crash, so a stale lock is impossible).
final class DataDirectoryLock: Sendable {
    private let descriptor: Int32

    /// Takes the lock on `<directory>/hookd.lock`, writing this process's id into it.
    init(directory: String) throws {
        let path = (directory as NSString).appendingPathComponent("hookd.lock")
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            throw DaemonStartError("cannot open \(path): \(String(cString: strerror(errno)))")
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            let holder = (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
            close(descriptor)
            throw DaemonStartError(
                "another hookd\(holder.map { " (pid \($0))" } ?? "") is already using the data directory \(directory)")
        }
        _ = ftruncate(descriptor, 0)
        let pid = "\(getpid())\n"
        _ = pid.withCString { write(descriptor, $0, strlen($0)) }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}

/// Why the daemon could not start, in one sentence for the operator.
struct DaemonStartError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

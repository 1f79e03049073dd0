import Foundation
import Synchronization

extension Process {
    /// The lock every launch of the test support takes.
    private static let launching = Mutex(())

    /// Runs the process like `run()`, one launch at a time across the test process.
    ///
    /// Foundation's `Process.run()` on Linux crashed twice in full suites (a bad pointer in a
    /// `memmove` inside `run()` while building the child's arguments and environment, with
    /// dozens of tests starting daemons and commands at once); launches take a few
    /// milliseconds, so running them one at a time costs nothing a test can see.
    public func runOneAtATime() throws {
        try Self.launching.withLock { _ in try run() }
    }
}

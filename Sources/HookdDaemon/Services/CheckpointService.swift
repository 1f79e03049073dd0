import Foundation
import HookdStore
import Logging
import ServiceLifecycle

/// Keeps SQLite's write-ahead log checkpointed off the writer, so no publish or attempt
/// end waits for a checkpoint (`SQLiteStore.checkpointContinuously`).
struct CheckpointService: Service {
    /// How often the log is copied back: about as often as SQLite's own 1,000-page threshold
    /// would at 5,000 deliveries/s, so pages are not copied back more often than before (each
    /// checkpoint copies a page once however often it changed), and a few MB a time at most.
    static let interval: Duration = .milliseconds(250)

    let store: SQLiteStore
    let logger: Logger

    func run() async throws {
        let logger = logger
        try await cancelWhenGracefulShutdown {
            try await store.checkpointContinuously(every: Self.interval) { error in
                logger.warning("could not checkpoint the write-ahead log", metadata: ["error": "\(error)"])
            }
        }
    }
}

import Foundation
import HookdStore
import Logging
import ServiceLifecycle

/// Keeps SQLite's write-ahead log checkpointed off the writer, so no publish or attempt
/// end waits for a checkpoint (`SQLiteStore.checkpointContinuously`).
struct CheckpointService: Service {
    /// How often the log is copied back; at 10,000 deliveries/s that is a few MB a time.
    static let interval: Duration = .milliseconds(100)

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

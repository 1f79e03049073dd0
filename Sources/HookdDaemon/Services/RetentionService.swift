import Foundation
import HookdCore
import HookdStore
import Logging
import ServiceLifecycle

/// Deletes history older than the retention period: once at start-up, then every `interval`.
struct RetentionService: Service {
    let store: any Store
    /// How long events, deliveries and attempts are kept.
    let retention: Interval
    /// How often to prune.
    let interval: Interval
    let logger: Logger

    func run() async throws {
        do {
            try await cancelWhenGracefulShutdown {
                while !Task.isCancelled {
                    await pruneOnce()
                    try await Task.sleep(for: interval.duration)
                }
            }
        } catch is CancellationError {
            // Shutdown interrupted the wait between runs: a normal end, not a failure.
        }
    }

    private func pruneOnce() async {
        let cutoff = Date().addingTimeInterval(-retention.timeInterval)
        do {
            let removed = try await store.prune(before: cutoff, batchSize: 1000)
            if removed > 0 {
                logger.info(
                    "pruned history past retention",
                    metadata: ["events": "\(removed)", "retention": "\(retention)"])
            }
        } catch where Task.isCancelled {
            // Shutdown came in the middle: every batch pruned so far stays pruned (each is a
            // transaction of its own), and the next start prunes the rest. Not a failure.
            logger.info("pruning stopped by shutdown; the rest is pruned at the next start")
        } catch {
            logger.error("could not prune history", metadata: ["error": "\(error)"])
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting

/// Watches the daemon's own account of its work (`Daemon.Status`: events, and deliveries
/// by status) until it reaches a state, which is how benchmarks tell "recorded": a
/// delivery counts once the daemon reports it `delivered`.
struct DaemonProgress {
    /// The daemon watched.
    let daemon: RunningDaemon

    /// Fails when the counts stop moving this long: the daemon is stuck, not slow.
    static let stallLimit: Duration = .seconds(120)

    /// The daemon's status now.
    func status() async throws -> DaemonStatusResult {
        let client = daemon.client()
        do {
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            await client.close()
            return status
        } catch {
            await client.close()
            throw error
        }
    }

    /// Polls `Daemon.Status` until `condition` holds and returns the first status that
    /// satisfies it with the time it was asked for.
    ///
    /// The daemon is another process, so there is nothing to await: the poll interval is
    /// 1/50 of the time since `start` (5 ms to 1 s), so the reported moment is late by at
    /// most ~2 % of the measured span plus one status call, and a long run is not slowed
    /// by its own polling (the status counts scan the deliveries table).
    func waitUntil(
        _ what: String, since start: ContinuousClock.Instant,
        _ condition: (DaemonStatusResult) -> Bool
    ) async throws -> (at: ContinuousClock.Instant, status: DaemonStatusResult) {
        let client = daemon.client()
        do {
            let reached = try await poll(client, what, since: start, condition)
            await client.close()
            return reached
        } catch {
            await client.close()
            throw error
        }
    }

    private func poll(
        _ client: RPCClient, _ what: String, since start: ContinuousClock.Instant,
        _ condition: (DaemonStatusResult) -> Bool
    ) async throws -> (at: ContinuousClock.Instant, status: DaemonStatusResult) {
        var lastCounts: ResourceCounts?
        var lastChange = ContinuousClock.now
        var lastReport = ContinuousClock.now
        while true {
            let asked = ContinuousClock.now
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            if condition(status) { return (asked, status) }
            if status.counts != lastCounts {
                lastCounts = status.counts
                lastChange = asked
            } else if asked - lastChange > Self.stallLimit {
                throw BenchError.timedOut("\(what): nothing changed for \(Self.stallLimit) (\(Self.describe(status)))")
            }
            if asked - lastReport > .seconds(10) {
                lastReport = asked
                FileHandle.standardError.write(Data("  waiting for \(what): \(Self.describe(status))\n".utf8))
            }
            let interval = min(max((ContinuousClock.now - start) / 50, .milliseconds(5)), .seconds(1))
            try await Task.sleep(for: interval)
        }
    }

    /// The counts in one line: `events 1200, delivered 1000, pending 200, ...`.
    static func describe(_ status: DaemonStatusResult) -> String {
        let deliveries = status.counts.deliveries.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }
        return (["events \(status.counts.events)"] + deliveries + ["queued \(status.queued)", "in flight \(status.inFlight)"])
            .joined(separator: ", ")
    }
}

extension DaemonStatusResult {
    /// Deliveries the daemon reports in `status`.
    func deliveries(_ status: DeliveryStatus) -> Int {
        counts.deliveries[status.rawValue] ?? 0
    }
}

import Foundation
import HookdAPI
import HookdTesting
import Testing

/// Memory a burst of clients took is given back once they have gone: thousands of idle
/// connections do not leave hookd larger for good.
struct MemoryReleaseIntegrationTests {
    /// How many idle clients the burst opens (fewer when the open-files limit is lower).
    static let clients = 3000
    /// How far above its baseline hookd's RSS may stay once the clients have gone.
    static let marginKiB = 16 * 1024

    @Test("3,000 idle clients come and go: hookd's RSS falls back to within 16 MiB of its baseline", .timeLimit(.minutes(3)))
    func residentMemoryReturnsToBaseline() async throws {
        let count = min(Self.clients, try OpenFilesLimit.raise() - 128)
        try #require(count >= 1000, "the open-files limit allows only \(count) clients")
        try await withDaemon(arguments: ["--max-clients", "\(count + 64)"], logLevel: "info") { daemon, client in
            _ = try await client.call(.daemonStatus, EmptyParams())
            let baseline = try #require(ResidentMemory.of(pid: daemon.pid)).currentKiB

            let burst = try await IdleClients.open(count: count, socketPath: daemon.socketPath)
            let loaded = try #require(ResidentMemory.of(pid: daemon.pid)).currentKiB
            burst.close()

            // The daemon is another process: poll its RSS until it is back, or give up at the deadline.
            let deadline = ContinuousClock.now + .seconds(60)
            var after = loaded
            while after > baseline + Self.marginKiB, ContinuousClock.now < deadline {
                try await Task.sleep(for: .milliseconds(100))
                after = try #require(ResidentMemory.of(pid: daemon.pid), "hookd exited:\n\(daemon.log)").currentKiB
            }
            print("hookd RSS with \(count) idle clients: baseline \(baseline / 1024) MiB, loaded \(loaded / 1024) MiB, after \(after / 1024) MiB")
            // The burst must have cost clearly more than the margin, or the check proves nothing.
            #expect(loaded - baseline > 2 * Self.marginKiB, "baseline \(baseline) KiB, loaded \(loaded) KiB")
            #expect(after <= baseline + Self.marginKiB, "baseline \(baseline) KiB, loaded \(loaded) KiB, after \(after) KiB")
            // And the daemon still serves.
            _ = try await client.call(.daemonHealth, EmptyParams())
        }
    }
}

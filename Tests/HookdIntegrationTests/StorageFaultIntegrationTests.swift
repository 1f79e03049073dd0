import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// A full disk is answered UNAVAILABLE with a plain reason, shows in Daemon.Health as
/// degraded, and passes by itself once space is freed.
struct StorageFaultIntegrationTests {
    /// Runs `command`, returning its exit status.
    @discardableResult
    static func run(_ command: String, _ arguments: [String]) async throws -> Int32 {
        try await runCommand(command, arguments).exitCode
    }

    @Test("a full disk: writes answer UNAVAILABLE hookd.StorageFull, Health is degraded, and both recover once space frees")
    func diskFull() async throws {
        // A small tmpfs stands for the disk: mounting one takes root (and a mount namespace
        // of its own, which scripts/test and the CI container give).
        guard getuid() == 0 else { return }
        let root = try TemporaryDirectory(prefix: "hookd-full")
        defer { root.remove() }
        let data = root.path + "/data"
        try FileManager.default.createDirectory(atPath: data, withIntermediateDirectories: true)
        try #require(try await Self.run("/bin/mount", ["-t", "tmpfs", "-o", "size=4m", "tmpfs", data]) == 0)
        defer { _ = try? Process.run(URL(fileURLWithPath: "/bin/umount"), arguments: ["-l", data]).waitUntilExit() }

        let daemon = try await RunningDaemon.start(dataDirectory: data)
        let client = daemon.client()
        do {
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_1"), as: Account.self)
            _ = try await client.call(.eventTypesCreate, EventTypeCreateParams(name: "order.placed"), as: EventType.self)
            // Fill what is left of the disk.
            try await Self.run("/bin/dd", ["if=/dev/zero", "of=\(data)/filler", "bs=64k"])
            // Larger than the write-ahead log has grown by now, so the write needs new blocks:
            // the checkpointer lets the log start over from its first block between writes,
            // and a write that fits in blocks the log already has rightly succeeds.
            let huge: JSONValue = ["blob": .string(String(repeating: "x", count: 1_000_000))]
            let big: JSONValue = ["blob": .string(String(repeating: "x", count: 200_000))]
            let refused = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .eventTypesCreate, EventTypeCreateParams(name: "customer.created", example: huge), as: EventType.self)
            }
            #expect(refused?.data?.status == "UNAVAILABLE")
            #expect(refused?.data?.reason == "hookd.StorageFull")
            #expect(refused?.message.hasPrefix("hookd's disk is full: nothing was written") == true)
            // A publish is refused alike, and nothing of it is acknowledged.
            let publish = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.publish(
                    batch: (0..<6).map { _ in EventInput(account: "acc_1", type: "order.placed", data: big) })
            }
            #expect(publish?.data?.reason == "hookd.StorageFull")
            let degraded = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)
            #expect(degraded.status == "degraded")
            #expect(degraded.reason == "hookd.StorageFull")
            #expect(degraded.cause?.contains("disk is full") == true)

            try FileManager.default.removeItem(atPath: data + "/filler")
            let healthy = try await client.call(.daemonHealth, EmptyParams(), as: HealthResult.self)
            #expect(healthy == HealthResult(status: "ok"))
            let created = try await client.call(
                .eventTypesCreate, EventTypeCreateParams(name: "customer.created", example: big), as: EventType.self)
            #expect(created.name == "customer.created")
            let events = try await client.call(.eventsList, EventListParams(), as: [Event].self)
            #expect(events.isEmpty, "\(events)")
            await client.close()
            try await daemon.stop()
        } catch {
            await client.close()
            print("hookd log:\n\(daemon.log)")
            await daemon.cleanUp()
            throw error
        }
    }
}

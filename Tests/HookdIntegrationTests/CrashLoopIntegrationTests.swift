import Foundation
import GRDB
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("crash loop")
struct CrashLoopIntegrationTests {
    /// Kills per run, and the range of the random wait before each (from the moment the
    /// daemon answers again).
    static let kills = 4
    static let killDelayMilliseconds = 5...1_000

    /// Events the last daemon must acknowledge before publishing stops, so the run ends with
    /// work published to a daemon that has itself recovered from a crash.
    static let acknowledgedByLastDaemon = 20

    @Test("every acknowledged event reaches both webhooks across SIGKILLs at random moments, and the store passes integrity_check")
    func acknowledgedEventsSurviveKills() async throws {
        let seed = ProcessInfo.processInfo.environment["HOOKD_CRASH_SEED"].flatMap(UInt64.init)
            ?? UInt64.random(in: 0...UInt64.max)
        var random = SeededRandomNumberGenerator(seed: seed)
        let delays = (0..<Self.kills).map { _ in
            Duration.milliseconds(Int.random(in: Self.killDelayMilliseconds, using: &random))
        }
        let replay = "replay with HOOKD_CRASH_SEED=\(seed) (kill delays \(delays))"
        print("crash loop: \(replay)")

        let crm = try await LoopbackReceiver.start()
        let ledger = try await LoopbackReceiver.start()
        var daemon = try await RunningDaemon.start()
        do {
            try await crashLoop(daemon: &daemon, receivers: [crm, ledger], delays: delays, replay: replay)
            try await daemon.kill()
            // The file as the last crash left it (with its WAL), as the next start would find it.
            let store = try DatabaseQueue(path: daemon.dataDirectory + "/hookd.sqlite")
            let check = try await store.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
            #expect(check == ["ok"], "\(replay)")
        } catch {
            Issue.record(error, "\(replay)\nhookd log:\n\(daemon.log.suffix(4_000))")
        }
        await daemon.cleanUp()
        try await crm.stop()
        try await ledger.stop()
    }

    /// Publishes throughout while killing and restarting the daemon after each delay, then
    /// waits for every acknowledged event at both receivers. `daemon` is always the one
    /// started last, so the caller can clean it up whatever happens.
    private func crashLoop(
        daemon: inout RunningDaemon, receivers: [LoopbackReceiver], delays: [Duration], replay: String
    ) async throws {
        let setup = daemon.client()
        try await Loyalty.seed(setup)
        for (name, receiver) in zip(["crm", "ledger"], receivers) {
            _ = try await Loyalty.webhook(
                setup, name: name, url: receiver.url, events: ["customer.created"], retry: ["1s", "1s", "1s"])
        }
        await setup.close()

        let publisher = AcknowledgedPublisher(
            socketPath: daemon.socketPath, account: Loyalty.account, eventType: "customer.created")
        let producing = Task { await publisher.run() }
        do {
            for delay in delays {
                try await Task.sleep(for: delay)  // the random moment of the crash, not a wait for state
                try await daemon.kill()
                daemon = try await daemon.restarted()
                publisher.daemonRestarted()
            }
        } catch {
            publisher.stop()
            await producing.value
            throw error
        }
        let target = publisher.acknowledged.count + Self.acknowledgedByLastDaemon
        // Stopping the producer ends the wait too: this bound only matters when the last
        // daemon does not take events.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            publisher.stop()
        }
        await publisher.waitUntilAcknowledged(target)
        watchdog.cancel()
        publisher.stop()
        await producing.value
        guard publisher.acknowledged.count >= target else {
            throw WaitTimeout(description: "the restarted daemon acknowledged too few events within 60 s")
        }

        let acknowledged = Set(publisher.acknowledged)
        #expect(publisher.refusals.isEmpty, "the daemon refused publishes: \(publisher.refusals.prefix(5)); \(replay)")
        #expect(acknowledged.count >= Self.acknowledgedByLastDaemon, "\(replay)")
        for (name, receiver) in zip(["crm", "ledger"], receivers) {
            let requests = try await receiver.waitForRequests(
                until: "all \(acknowledged.count) acknowledged events", timeout: .seconds(90)
            ) { requests in
                requests.count >= acknowledged.count
                    && acknowledged.isSubset(of: Set(requests.compactMap { $0.headers["webhook-id"] }))
            }
            for request in requests {
                let eventId = try request.jsonBody()["event_id"] as? String
                #expect(eventId == request.headers["webhook-id"], "a repeat must keep its webhook-id; \(replay)")
            }
            print("crash loop: \(name) received \(requests.count) requests for \(acknowledged.count) acknowledged events")
        }
    }
}

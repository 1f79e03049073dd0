import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Thousands of generated requests, most of them wrong, against a running daemon: every one is
/// answered (no hang) with a valid JSON-RPC answer and a specific error, the daemon stays
/// healthy, and its state is what it was.
///
/// `HOOKD_FUZZ_REQUESTS` sets how many (2,000 by default, a few seconds); `HOOKD_FUZZ_SEED`
/// replays a run whose seed a failure printed.
struct RequestGeneratorIntegrationTests {
    /// The daemon's frame limit here: small, so oversized frames are cheap to send.
    static let frameLimit = 64 * 1024

    @Test("generated requests for every method get valid, specific answers and change nothing", .timeLimit(.minutes(30)))
    func generatedRequests() async throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["HOOKD_FUZZ_REQUESTS"].flatMap(Int.init) ?? 2000
        let seed = environment["HOOKD_FUZZ_SEED"].flatMap(UInt64.init) ?? UInt64.random(in: 1...UInt64.max)
        print("request generator: \(count) requests, seed \(seed) (replay: HOOKD_FUZZ_SEED=\(seed))")
        try await withDaemon(arguments: ["--max-request-bytes", "64KiB"], logLevel: "info") { daemon, client in
            try await Self.configure(daemon)
            let before = try await Self.state(client)
            var generator = RequestGenerator(
                seed: seed, frameLimit: Self.frameLimit,
                knownNames: ["acc_1", "customer.created", "hook-1", "acc_1/hook-1", "evt_0", "dlv_0", "nope"])
            let sender = daemon.client()
            defer { Task { await sender.close() } }
            var codes: [Int: Int] = [:]
            for index in 0..<count {
                let request = generator.next()
                let report = "seed \(seed), request \(index) (\(request.kind)): \(request.line.prefix(2000))"
                let answer = try await sender.exchange(rawLine: request.line, timeout: .seconds(20))
                let line = try #require(answer, "no answer within 20 s: \(report)")
                if let problem = AnswerCheck.problem(with: line, expecting: request.expectation) {
                    Issue.record("\(problem)\n  \(report)\n  answer: \(line.prefix(2000))")
                    return
                }
                for match in line.matches(of: #/"code":(-?\d+)/#) { codes[Int(match.1)!, default: 0] += 1 }
                if index % 100 == 99 {
                    let health = try await client.call(.daemonHealth, EmptyParams())
                    try #require(health.status == "ok", "hookd is \(health.status) after \(report)")
                }
            }
            print("request generator: answers by error code \(codes.sorted { $0.key > $1.key })")
            // Every kind of refusal came up, or the generator has stopped reaching them.
            #expect(Set(codes.keys).isSuperset(of: AnswerCheck.specificCodes), "\(codes)")
            let after = try await Self.state(client)
            #expect(after == before, "the state changed (seed \(seed))")
            #expect(try await client.call(.daemonHealth, EmptyParams()).status == "ok")
        }
    }

    /// An account, an event type, a disabled webhook and one published event with its
    /// skipped delivery: something for the calls to find, nothing that moves by itself.
    private static func configure(_ daemon: RunningDaemon) async throws {
        let hookctl = Hookctl(daemon)
        try await hookctl.succeed(["accounts", "create", "acc_1"])
        try await hookctl.succeed(["event-types", "create", "customer.created"])
        try await hookctl.succeed([
            "webhooks", "create", "hook-1", "--account", "acc_1", "--url", "http://127.0.0.1:9/hooks",
            "--events", "customer.created",
        ])
        try await hookctl.succeed(["webhooks", "disable", "acc_1/hook-1"])
        try await hookctl.succeed(["events", "publish", "--account", "acc_1", "--type", "customer.created", "--data", "{}"])
    }

    /// What must not change: the configuration as exported, the counts of everything (the
    /// deliveries by status included) and the webhook's secret.
    private static func state(_ client: RPCClient) async throws -> [String] {
        let export = try await client.exchange(rawLine: #"{"jsonrpc":"2.0","method":"Manifests.Export","id":1}"#)
        let counts = try await client.call(.daemonStatus, EmptyParams()).counts
        let secret = try await client.exchange(
            rawLine: #"{"jsonrpc":"2.0","method":"Webhooks.GetSecret","params":{"webhook":"acc_1/hook-1"},"id":2}"#)
        let countsText = String(decoding: try JSONCoding.canonicalEncoder.encode(counts), as: UTF8.self)
        return [export ?? "no export", countsText, secret ?? "no secret"]
    }
}

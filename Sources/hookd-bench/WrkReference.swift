import Foundation
import HookdCore
import HookdTesting

/// The raw rate of the sink: `wrk` POSTing the request hookd would send (same envelope,
/// same headers, a real signature) to nginx over `connections` kept-alive connections.
struct WrkReference {
    /// Concurrent connections: the in-flight limit the daemon runs with, for a fair ratio.
    var connections: Int
    /// wrk's threads (at most `connections`); 1 leaves the other core to nginx.
    var threads: Int
    /// How long wrk runs.
    var duration: Duration

    /// Runs wrk against `url` and returns its requests per second.
    ///
    /// - Throws: ``BenchError/tool(_:_:)`` when wrk fails or any answer is not 2xx (a broken
    ///   sink must not pass for a fast one).
    func requestsPerSecond(url: String) async throws -> Double {
        let scratch = try TemporaryDirectory(prefix: "hookd-wrk")
        defer { scratch.remove() }
        let script = scratch.path + "/post.lua"
        try Self.luaScript().write(toFile: script, atomically: true, encoding: .utf8)
        let seconds = max(1, Int(duration.seconds.rounded()))
        let wrk = try InstalledProgram.path(of: "wrk")
        let result = try await runCommand(
            wrk,
            ["-t", String(min(threads, connections)), "-c", String(connections), "-d", "\(seconds)s", "-s", script, url])
        guard result.exitCode == 0 else { throw BenchError.tool("wrk failed", result.description) }
        if let bad = Self.field("Non-2xx or 3xx responses:", in: result.stdout), bad > 0 {
            throw BenchError.tool("nginx answered \(Int(bad)) requests with other than 2xx", result.stdout)
        }
        guard let rate = Self.field("Requests/sec:", in: result.stdout) else {
            throw BenchError.tool("wrk printed no Requests/sec", result.description)
        }
        return rate
    }

    /// The number after `label` on its line of wrk's report.
    static func field(_ label: String, in report: String) -> Double? {
        for line in report.split(separator: "\n") {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix(label) else { continue }
            return Double(trimmed.dropFirst(label.count).trimmingCharacters(in: .whitespaces))
        }
        return nil
    }

    /// A wrk script sending what hookd sends for the benchmark's event.
    static func luaScript() throws -> String {
        let event = Event(
            id: "evt_bench_reference", account: CustomerCreated.account, type: CustomerCreated.type,
            timestamp: Date(), data: CustomerCreated.data)
        let body = try event.envelopeBody()
        let timestamp = Int64(Date().timeIntervalSince1970)
        var headers = [("content-type", "application/json"), ("user-agent", "hookd/0.1.0")]
        headers += WebhookSigner.headers(id: event.id, timestamp: timestamp, body: body, secrets: [.generate()])
        let bodyText = String(decoding: body, as: UTF8.self)
        return "wrk.method = \"POST\"\nwrk.body = [==[\(bodyText)]==]\n"
            + headers.map { "wrk.headers[\"\($0.0)\"] = \"\($0.1)\"\n" }.joined()
    }
}

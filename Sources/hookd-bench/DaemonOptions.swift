import ArgumentParser
import Foundation
import HookdTesting

/// The daemon flags every benchmark passes through to the `hookd` it starts, so the same
/// run can be repeated with other limits (`--max-in-flight-per-webhook 64`) or flags the
/// bench does not know (`--hookd-arg --shutdown-grace --hookd-arg 1s`).
struct DaemonOptions: ParsableArguments {
    @Option(help: "hookd --max-in-flight: attempts under way at once across all webhooks (hookd's default when omitted).")
    var maxInFlight: Int?

    @Option(help: "hookd --max-in-flight-per-webhook; also the connections of the wrk reference where a row compares with one webhook (default 16, hookd's).")
    var maxInFlightPerWebhook: Int?

    @Option(help: "hookd --max-in-flight-retries (hookd's default when omitted: half of --max-in-flight).")
    var maxInFlightRetries: Int?

    @Option(help: "hookd --log-level for the run.")
    var hookdLogLevel = "info"

    @Option(
        name: .customLong("hookd-arg"), parsing: .unconditionalSingleValue,
        help: "One more argument for hookd, passed as is; repeatable.")
    var hookdArguments: [String] = []

    /// hookd's own defaults, used where the bench needs the value.
    static let defaultMaxInFlight = 128
    static let defaultMaxInFlightPerWebhook = 16

    /// The global in-flight limit the daemon runs with.
    var effectiveMaxInFlight: Int { maxInFlight ?? Self.defaultMaxInFlight }

    /// The per-webhook in-flight limit the daemon runs with.
    var effectiveMaxInFlightPerWebhook: Int { maxInFlightPerWebhook ?? Self.defaultMaxInFlightPerWebhook }

    func validate() throws {
        for (flag, value) in [
            ("--max-in-flight", maxInFlight), ("--max-in-flight-per-webhook", maxInFlightPerWebhook),
            ("--max-in-flight-retries", maxInFlightRetries),
        ] {
            if let value, value < 1 { throw ValidationError("\(flag) must be at least 1") }
        }
    }

    /// The arguments for hookd, after the bench's own (`extra`).
    func arguments(_ extra: [String] = []) -> [String] {
        var arguments = extra
        if let maxInFlight { arguments += ["--max-in-flight", String(maxInFlight)] }
        if let maxInFlightPerWebhook { arguments += ["--max-in-flight-per-webhook", String(maxInFlightPerWebhook)] }
        if let maxInFlightRetries { arguments += ["--max-in-flight-retries", String(maxInFlightRetries)] }
        return arguments + hookdArguments
    }

    /// These options as a table row's command repeats them (only those given), so the row
    /// can be run again as printed.
    var commandSuffix: String {
        var flags: [String] = []
        if let maxInFlight { flags += ["--max-in-flight", String(maxInFlight)] }
        if let maxInFlightPerWebhook { flags += ["--max-in-flight-per-webhook", String(maxInFlightPerWebhook)] }
        if let maxInFlightRetries { flags += ["--max-in-flight-retries", String(maxInFlightRetries)] }
        if hookdLogLevel != "info" { flags += ["--hookd-log-level", hookdLogLevel] }
        return (flags + hookdArguments.flatMap { ["--hookd-arg", $0] }).joined(separator: " ")
    }

    /// Starts the release hookd beside the bench (or in `HOOKD_BIN_DIR`) on a fresh data
    /// directory with these flags and `extra`, hands it to `body`, and always stops it and
    /// removes its folder afterwards (printing the end of its log when `body` failed).
    func withDaemon<T>(_ extra: [String] = [], _ body: (RunningDaemon) async throws -> T) async throws -> T {
        let daemon = try await RunningDaemon.start(arguments: arguments(extra), logLevel: hookdLogLevel)
        Interruption.track(pid: daemon.pid, folder: (daemon.dataDirectory as NSString).deletingLastPathComponent)
        do {
            let result = try await body(daemon)
            await release(daemon)
            return result
        } catch {
            daemon.reportLogTail()
            await release(daemon)
            throw error
        }
    }

    private func release(_ daemon: RunningDaemon) async {
        await daemon.cleanUp()
        Interruption.forget(pid: daemon.pid)
    }
}

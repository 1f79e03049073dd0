import ArgumentParser
import Foundation
import HookdStore
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
        help: ArgumentHelp(
            "Run each hookd on PostgreSQL instead of SQLite: a fresh database made for it on the server this URL names (its user needs CREATEDB), dropped when it stops.",
            valueName: "url"))
    var database: String?

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
        if let database {
            do {
                _ = try PostgresLocation(url: database)
            } catch {
                throw ValidationError("--database: \(error.description)")
            }
        }
    }

    /// The store each daemon runs on, as a table row names it.
    var store: String { database == nil ? "sqlite" : "postgres" }

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
        if let database { flags += ["--database", (try? PostgresLocation(url: database).redacted) ?? database] }
        return (flags + hookdArguments.flatMap { ["--hookd-arg", $0] }).joined(separator: " ")
    }

    /// Starts the release hookd beside the bench (or in `HOOKD_BIN_DIR`) on a fresh data
    /// directory (and with `--database`, a fresh database) with these flags and `extra`, hands
    /// it to `body`, and always stops it and removes its folder and database afterwards
    /// (printing the end of its log when `body` failed).
    func withDaemon<T>(_ extra: [String] = [], _ body: (RunningDaemon) async throws -> T) async throws -> T {
        var fresh: TestDatabase?
        if let database { fresh = try await TestDatabase.create(on: database) }
        let daemon: RunningDaemon
        do {
            daemon = try await RunningDaemon.start(
                arguments: arguments(extra) + (fresh.map { ["--database", $0.url] } ?? []), logLevel: hookdLogLevel)
        } catch {
            await fresh?.drop()
            throw error
        }
        Interruption.track(pid: daemon.pid, folder: (daemon.dataDirectory as NSString).deletingLastPathComponent)
        do {
            let result = try await body(daemon)
            await release(daemon)
            await fresh?.drop()
            return result
        } catch {
            daemon.reportLogTail()
            await release(daemon)
            await fresh?.drop()
            throw error
        }
    }

    /// Starts `count` release hookds on one fresh database (each with its own data directory
    /// and `--node-id bench-N`), hands them and the database to `body`, and always stops them
    /// and drops the database afterwards. Needs `--database`.
    func withCluster<T>(
        of count: Int, _ body: ([RunningDaemon], TestDatabase) async throws -> T
    ) async throws -> T {
        guard let database else { throw BenchError.invalidRun("several daemons need --database") }
        let fresh = try await TestDatabase.create(on: database)
        var daemons: [RunningDaemon] = []
        do {
            for node in 1...count {
                let daemon = try await RunningDaemon.start(
                    arguments: arguments() + ["--database", fresh.url, "--node-id", "bench-\(node)"],
                    logLevel: hookdLogLevel)
                Interruption.track(pid: daemon.pid, folder: (daemon.dataDirectory as NSString).deletingLastPathComponent)
                daemons.append(daemon)
            }
            let result = try await body(daemons, fresh)
            for daemon in daemons { await release(daemon) }
            await fresh.drop()
            return result
        } catch {
            daemons.last?.reportLogTail()
            for daemon in daemons { await release(daemon) }
            await fresh.drop()
            throw error
        }
    }

    private func release(_ daemon: RunningDaemon) async {
        await daemon.cleanUp()
        Interruption.forget(pid: daemon.pid)
    }
}

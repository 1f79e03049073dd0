import ArgumentParser
import Foundation
import HookdCore
import CoreMetrics
import HookdDaemon
import Logging
import Prometheus

/// `hookd`: the webhook delivery daemon.
@main
struct Hookd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookd",
        abstract: "The hookd webhook delivery daemon.",
        discussion: """
            Holds accounts, event types and webhooks in an embedded SQLite store, takes events \
            over a JSON-RPC 2.0 Unix socket, and delivers each to its subscribed webhooks with \
            Standard Webhooks signatures, retries and a record of every attempt.

            With no options it uses ./.hookd/ for its data and ./.hookd/hookd.sock for its \
            socket. Stop it with SIGTERM or Ctrl-C: in-flight attempts finish and are recorded.

            Webhooks may target only https:// URLs whose host is public: loopback, private, \
            link-local (cloud metadata included), CGNAT, multicast and other special addresses \
            are refused when a webhook is saved and again before every attempt, for each \
            address the host resolves to; the attempt then connects to the address checked. \
            --allow-target opens named internal ranges; --allow-insecure-targets opens \
            everything (development only).

            Example:
              hookd --data-dir /var/lib/hookd
              hookd --allow-target 10.20.0.0/16 --trust-ca /etc/hookd/internal-ca.pem
              hookctl --socket /var/lib/hookd/hookd.sock status

            hookd secrets --help: seal webhook secrets at rest with a key file, rotate it.
            hookd copy-store --help: copy a store into an empty one of the other kind.

            --config FILE (env HOOKD_CONFIG) reads options from a file, one `key: value` \
            per line with the long option names as keys (`reader-group: support`, \
            `retention: 7d`, `allow-insecure-targets: true`); a repeatable option may appear \
            on several lines, and the command line wins over the file.
            """,
        version: HookdVersion.current)

    /// `hookd secrets …` and `hookd copy-store …` are commands of their own; anything else
    /// runs the daemon. (As a subcommand it would share the daemon's options, and
    /// ArgumentParser gives an option both declare to the daemon: `secrets encrypt
    /// --data-dir` would lose its directory.)
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "secrets" {
            await SecretsCommand.main(Array(arguments.dropFirst()))
            return
        }
        if arguments.first == "copy-store" {
            await CopyStoreCommand.main(Array(arguments.dropFirst()))
            return
        }
        do {
            await main(try ConfigurationFile.expand(arguments, environment: ProcessInfo.processInfo.environment))
        } catch {
            FileHandle.standardError.write(Data("Error: \(error)\n".utf8))
            Foundation.exit(ExitCode.validationFailure.rawValue)
        }
    }

    @Option(name: .long, help: ArgumentHelp("Data directory (env HOOKD_DATA_DIR; default ./.hookd).", valueName: "dir"))
    var dataDir: String?

    @Option(name: .long, help: ArgumentHelp("Socket path (env HOOKD_SOCKET; default <data dir>/hookd.sock).", valueName: "path"))
    var socket: String?

    @Flag(name: .long, help: "Permit http:// and loopback/private targets: development and tests only.")
    var allowInsecureTargets = false

    @Option(
        name: .customLong("allow-target"),
        help: ArgumentHelp(
            "Let webhooks reach this internal range (CIDR, e.g. 10.20.0.0/16 or fd00::/8) despite the address rules; repeatable. https is still required.",
            valueName: "cidr"))
    var allowTargets: [String] = []

    @Option(
        name: .customLong("trust-ca"),
        help: ArgumentHelp(
            "Also trust the CA certificates in this PEM file for https targets (e.g. an internal CA); repeatable.",
            valueName: "file"))
    var trustCAFiles: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Log format on stderr: text (one line per entry) or json (one object per line, for log shippers).",
            valueName: "text|json"))
    var logFormat: LogFormat = .text

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Least severe entries logged: trace, debug (one line per attempt), info (failures, the default), notice, warning (webhooks disabled), error, critical.",
            valueName: "level"))
    var logLevel: Logger.Level = .info

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Serve Prometheus metrics at http://HOST:PORT/metrics (e.g. 127.0.0.1:9464; port 0: any free port, logged).",
            valueName: "host:port"))
    var metricsListen: String?

    @Flag(
        name: .long,
        help: "Label attempt metrics with the webhook (one series per webhook: mind the cardinality).")
    var metricsPerWebhook = false

    @Option(name: .long, help: "Attempts under way at once across all webhooks.")
    var maxInFlight = 128

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How many of --max-in-flight may be retries, redeliveries and recoveries (default: half); the rest stay free for first attempts.",
            valueName: "n"))
    var maxInFlightRetries: Int?

    @Option(name: .long, help: "Attempts under way at once for any one webhook, so one slow endpoint cannot take every slot.")
    var maxInFlightPerWebhook = 16

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Deliveries held in memory at most (with their bodies); beyond it they wait in the store and are read in batches as room frees, so any backlog costs bounded memory.",
            valueName: "n"))
    var maxHeld = 50_000

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Keep the state in this PostgreSQL database instead of SQLite in the data directory (env HOOKD_DATABASE): postgres://USER[:PASSWORD]@HOST[:PORT]/DB, postgresql://..., or postgres://USER@/DB?host=/SOCKET/DIR for a Unix socket; ?sslmode=disable|prefer|require.",
            valueName: "url"))
    var database: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "This daemon's name as the holder of the deliveries it is sending (default: host name and pid). Daemons sharing a --database each need their own; one fixed across restarts lets a restarted daemon take back at once what it held when it died.",
            valueName: "id"))
    var nodeId: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How often this daemon tells the store it is alive (100ms to 1m). On a shared --database it also looks for work and webhook changes this often unasked, and a daemon silent for three intervals counts as dead: the others take its deliveries over.",
            valueName: "interval"))
    var heartbeatInterval = "5s"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "How long Daemon.Status and hookctl status keep listing a node that stopped sending heartbeats (0s to 24h; a node still holding work is listed until its work is taken over). The database forgets such nodes after a day.",
            valueName: "interval"))
    var listDeadNodesFor = "1h"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "full (default): an event is acknowledged once it is synced to disk, so it survives a power cut. normal: once it is written to the operating system, one fsync fewer per commit; a crash of hookd still loses nothing, but a power cut or a kernel crash may lose events already acknowledged (the database itself stays intact).",
            valueName: "full|normal"))
    var durability: Durability = .full

    @Option(name: .long, help: "On SIGTERM, how long attempts under way may finish before they are abandoned (sent again after restart).")
    var shutdownGrace = "10s"

    @Option(name: .long, help: "How long events, deliveries and attempts are kept (at least 1s; unfinished work is always kept).")
    var retention = "30d"

    @Option(name: .long, help: "Disable a webhook after this many deliveries in a row failed after all retries (0: never).")
    var disableAfterFailures = 10

    @Option(name: .long, help: "Disable a webhook whose deliveries have been failing this long (0s: never).")
    var disableAfterFailingFor = "5d"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Socket clients served at once; one more is answered RESOURCE_EXHAUSTED (hookd.TooManyClients) and closed.",
            valueName: "n"))
    var maxClients = DaemonConfiguration.defaultMaximumClients

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The longest request read in one call (one line on the socket): bytes, or with KiB, MiB or GiB (default 4MiB; 64KiB to 1GiB). Longer ones are answered RESOURCE_EXHAUSTED (hookd.FrameTooLarge); hookctl learns the limit and refuses a larger request before sending it. Raise it for manifests of thousands of webhooks.",
            valueName: "size"))
    var maxRequestBytes = ByteSize(bytes: DaemonConfiguration.defaultMaximumFrameBytes).description

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Close a socket connection with no call under way that has sent nothing for this long (0s: never); clients reconnect.",
            valueName: "duration"))
    var idleTimeout = "10m"

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seal webhook secrets in the store with the key in this file (env HOOKD_SECRET_KEY_FILE; mode 0600; see `hookd secrets`).",
            valueName: "file"))
    var secretKeyFile: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Members of this group (name or gid) may do everything, as hookd's own user and root may; repeatable.",
            valueName: "group"))
    var adminGroup: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Members may publish, test, redeliver, recover, enable and disable; no configuration changes, no secrets. Repeatable.",
            valueName: "group"))
    var operatorGroup: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Members may list, get, watch and read status; never a secret. Repeatable. With any role group the socket is mode 0666 and must lie outside the data directory; peers without a role are refused as they connect.",
            valueName: "group"))
    var readerGroup: [String] = []

    enum LogFormat: String, ExpressibleByArgument, CaseIterable {
        case text, json
    }

    func validate() throws {
        if try databaseURL() != nil && durability != .full {
            throw ValidationError(
                "--durability applies to SQLite only; with --database, PostgreSQL's synchronous_commit decides when a commit is durable")
        }
        _ = try allowedTargets()
        _ = try roleGroups()
        _ = try metricsAddress()
        if metricsPerWebhook && metricsListen == nil {
            throw ValidationError("--metrics-per-webhook needs --metrics-listen")
        }
        guard maxInFlight > 0 else { throw ValidationError("--max-in-flight must be at least 1") }
        if let retries = maxInFlightRetries, !(1...maxInFlight).contains(retries) {
            throw ValidationError("--max-in-flight-retries must be between 1 and --max-in-flight (\(maxInFlight))")
        }
        guard maxInFlightPerWebhook > 0 else { throw ValidationError("--max-in-flight-per-webhook must be at least 1") }
        guard maxHeld >= maxInFlight else {
            throw ValidationError("--max-held must be at least --max-in-flight (\(maxInFlight))")
        }
        if let nodeId, nodeId.isEmpty || nodeId.count > 255 || nodeId.contains(where: { $0.isWhitespace || $0.isNewline }) {
            throw ValidationError("--node-id must be 1 to 255 characters without spaces")
        }
        guard disableAfterFailures >= 0 else { throw ValidationError("--disable-after-failures must be 0 or more") }
        guard maxClients > 0 else { throw ValidationError("--max-clients must be at least 1") }
        _ = try maximumRequestSize()
        for (flag, text) in [
            ("--shutdown-grace", shutdownGrace), ("--retention", retention), ("--heartbeat-interval", heartbeatInterval),
            ("--disable-after-failing-for", disableAfterFailingFor), ("--idle-timeout", idleTimeout),
            ("--list-dead-nodes-for", listDeadNodesFor),
        ] {
            do {
                _ = try Interval(parsing: text)
            } catch {
                throw ValidationError("\(flag): \(error.description)")
            }
        }
        guard let beat = try? Interval(parsing: heartbeatInterval), (Interval(milliseconds: 100)...(.minutes(1))).contains(beat)
        else {
            throw ValidationError("--heartbeat-interval must be between 100ms and 1m")
        }
        guard let listed = try? Interval(parsing: listDeadNodesFor), listed <= .hours(24) else {
            throw ValidationError("--list-dead-nodes-for must be at most 24h: the database forgets dead nodes after a day")
        }
        guard let kept = try? Interval(parsing: retention), kept >= .seconds(1) else {
            throw ValidationError("--retention must be at least 1s")
        }
    }

    func run() async throws {
        let environment = ProcessInfo.processInfo.environment
        let dataDirectory = absolute(dataDir ?? environment["HOOKD_DATA_DIR"] ?? DaemonConfiguration.defaultDataDirectory)
        var configuration = DaemonConfiguration(
            dataDirectory: dataDirectory, socketPath: (socket ?? environment["HOOKD_SOCKET"]).map(absolute),
            allowInsecureTargets: allowInsecureTargets, allowedTargets: try allowedTargets(),
            trustedCAFiles: trustCAFiles.map(absolute), maximumInFlight: maxInFlight,
            maximumInFlightRetries: maxInFlightRetries,
            maximumInFlightPerWebhook: maxInFlightPerWebhook, maximumHeld: maxHeld,
            nodeId: nodeId ?? DaemonConfiguration.defaultNodeId,
            shutdownGrace: try Interval(parsing: shutdownGrace), retention: try Interval(parsing: retention),
            autoDisable: try autoDisablePolicy(), durability: durability, maximumClients: maxClients,
            idleTimeout: try idleTimeoutDuration(), metrics: try metricsSettings())
        configuration.maximumFrameBytes = try maximumRequestSize().bytes
        configuration.roleGroups = try roleGroups()
        configuration.database = try databaseURL()
        configuration.heartbeatInterval = try Interval(parsing: heartbeatInterval)
        configuration.deadNodesListedFor = try Interval(parsing: listDeadNodesFor)
        configuration.secretKeyFile = (secretKeyFile ?? environment["HOOKD_SECRET_KEY_FILE"]).map(absolute)
        let (format, level) = (logFormat, logLevel)
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                format == .json ? JSONLogHandler(label: label) : StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "hookd")
        do {
            try await Daemon.run(configuration: configuration, logger: logger)
        } catch {
            logger.critical("hookd could not start: \(error)")
            throw ExitCode.failure
        }
    }
}

extension Hookd {
    /// The `--database` URL (else `HOOKD_DATABASE`), checked; `nil` when neither names one.
    func databaseURL() throws -> DatabaseURL? {
        do {
            return try DatabaseURL.named(byFlag: database, environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
    }

    /// The `--allow-target` ranges, each checked; a bad one names itself and what is wrong.
    func allowedTargets() throws -> [IPNetwork] {
        try allowTargets.map { text in
            do {
                return try IPNetwork(cidr: text)
            } catch {
                throw ValidationError("--allow-target: \(error)")
            }
        }
    }

    /// The role groups the flags name, each resolved to its gid.
    func roleGroups() throws -> RoleGroups {
        func resolve(_ flag: String, _ names: [String]) throws -> [gid_t] {
            try names.map { name in
                do {
                    return try RoleGroups.groupId(name)
                } catch {
                    throw ValidationError("\(flag): \(error)")
                }
            }
        }
        return RoleGroups(
            admin: try resolve("--admin-group", adminGroup), operator: try resolve("--operator-group", operatorGroup),
            reader: try resolve("--reader-group", readerGroup))
    }

    /// The `--metrics-listen` address, checked; `nil` when not given.
    func metricsAddress() throws -> ListenAddress? {
        guard let metricsListen else { return nil }
        do {
            return try ListenAddress(parsing: metricsListen)
        } catch {
            throw ValidationError("--metrics-listen: \(error.message)")
        }
    }

    /// The metrics settings, with swift-metrics bootstrapped to a Prometheus registry the
    /// daemon serves; `nil` (and swift-metrics left doing nothing) without `--metrics-listen`.
    func metricsSettings() throws -> MetricsSettings? {
        guard let address = try metricsAddress() else { return nil }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        // Loopback receivers answer in well under a millisecond; real ones take up to the timeout.
        factory.defaultDurationHistogramBuckets = [
            .microseconds(500), .milliseconds(1), .milliseconds(2), .milliseconds(5), .milliseconds(10),
            .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500),
            .seconds(1), .milliseconds(2500), .seconds(5), .seconds(10), .seconds(30),
        ]
        MetricsSystem.bootstrap(factory)
        return MetricsSettings(address: address, perWebhook: metricsPerWebhook, registry: registry)
    }

    /// `--max-request-bytes` as a size, checked against its bounds.
    func maximumRequestSize() throws -> ByteSize {
        let size: ByteSize
        do {
            size = try ByteSize(parsing: maxRequestBytes)
        } catch {
            throw ValidationError("--max-request-bytes: \(error.description)")
        }
        let bounds = DaemonConfiguration.maximumFrameBytesBounds
        guard bounds.contains(size) else {
            throw ValidationError(
                "--max-request-bytes must be between \(bounds.lowerBound) and \(bounds.upperBound), not \(maxRequestBytes)")
        }
        return size
    }

    /// `--idle-timeout` as a duration; `nil` (never) for 0.
    func idleTimeoutDuration() throws -> Duration? {
        let interval = try Interval(parsing: idleTimeout)
        return interval.milliseconds > 0 ? .milliseconds(interval.milliseconds) : nil
    }

    /// The auto-disable policy the flags describe; 0 turns a limit off.
    func autoDisablePolicy() throws -> AutoDisablePolicy {
        let duration = try Interval(parsing: disableAfterFailingFor)
        return AutoDisablePolicy(
            maximumConsecutiveExhausted: disableAfterFailures > 0 ? disableAfterFailures : nil,
            maximumFailingDuration: duration.milliseconds > 0 ? duration : nil)
    }
}

/// The path made absolute against the working directory, so logs and `Daemon.Status` say
/// exactly where things are.
private func absolute(_ path: String) -> String {
    URL(fileURLWithPath: path).standardizedFileURL.path
}

extension Logger.Level: @retroactive ExpressibleByArgument {}

extension Durability: ExpressibleByArgument {}

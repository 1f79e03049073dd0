import Foundation
import HookdAPI
import HookdCore
import HookdDelivery
import HookdStore
import HookdRPC

/// Everything `hookd` is started with.
public struct DaemonConfiguration: Sendable {
    /// Where the store (and by default the socket) lives.
    public var dataDirectory: String
    /// The JSON-RPC socket.
    public var socketPath: String
    /// Allow `http://` and loopback or private targets (development and tests only).
    public var allowInsecureTargets: Bool
    /// Special-use ranges webhooks may reach all the same (`--allow-target`): internal targets.
    public var allowedTargets: [IPNetwork]
    /// PEM files of CA certificates trusted besides the system's (`--trust-ca`).
    public var trustedCAFiles: [String]
    /// Attempts under way at once across all webhooks.
    public var maximumInFlight: Int
    /// How many of those may be re-sends (retries, redeliveries, recoveries); `nil` for
    /// half of `maximumInFlight`.
    public var maximumInFlightRetries: Int?
    /// Attempts under way at once for any one webhook.
    public var maximumInFlightPerWebhook: Int
    /// Deliveries the engine holds in memory at most; the rest wait in the store.
    public var maximumHeld: Int
    /// This daemon's name as the owner of the deliveries it holds (`--node-id`).
    public var nodeId: String
    /// Longest JSON-RPC frame (one line) the socket accepts (`--max-request-bytes`).
    public var maximumFrameBytes: Int
    /// Largest `data` of one event, as compact JSON.
    public var maximumPayloadBytes: Int
    /// How long SIGTERM waits for attempts under way before abandoning them (they are sent
    /// again after the restart).
    public var shutdownGrace: Interval
    /// How long events, deliveries and attempts are kept (unfinished work is always kept).
    public var retention: Interval
    /// When failing webhooks are disabled automatically.
    public var autoDisable: AutoDisablePolicy
    /// When a commit counts as done (`--durability`): synced to disk (`full`) or written to
    /// the operating system (`normal`).
    public var durability: Durability
    /// Socket clients served at once (`--max-clients`).
    public var maximumClients: Int
    /// How long a connection with no call under way may stay silent (`--idle-timeout`);
    /// `nil` for never.
    public var idleTimeout: Duration?
    /// Where Prometheus metrics are served (`--metrics-listen`); `nil` for nowhere.
    public var metrics: MetricsSettings?

    /// The longest request line unless `--max-request-bytes` says otherwise: 4 MiB.
    public static let defaultMaximumFrameBytes = RPCServer.defaultMaximumFrameBytes

    /// What `--max-request-bytes` may be (64 KiB to 1 GiB).
    public static let maximumFrameBytesBounds = RPCServer.frameLimitBounds

    /// Socket clients served at once unless `--max-clients` says otherwise.
    public static let defaultMaximumClients = RPCServer.defaultMaximumClients

    /// The data directory when neither `--data-dir` nor `HOOKD_DATA_DIR` names one.
    public static let defaultDataDirectory = "./.hookd"

    public init(
        dataDirectory: String = DaemonConfiguration.defaultDataDirectory, socketPath: String? = nil,
        allowInsecureTargets: Bool = false, allowedTargets: [IPNetwork] = [], trustedCAFiles: [String] = [],
        maximumInFlight: Int = 128, maximumInFlightRetries: Int? = nil,
        maximumInFlightPerWebhook: Int = 16, maximumHeld: Int = 50_000,
        nodeId: String = DaemonConfiguration.defaultNodeId,
        maximumFrameBytes: Int = RPCServer.defaultMaximumFrameBytes,
        maximumPayloadBytes: Int = 256 * 1024, shutdownGrace: Interval = .seconds(10),
        retention: Interval = .days(30), autoDisable: AutoDisablePolicy = .standard, durability: Durability = .full,
        maximumClients: Int = RPCServer.defaultMaximumClients, idleTimeout: Duration? = RPCServer.defaultIdleTimeout,
        metrics: MetricsSettings? = nil
    ) {
        self.dataDirectory = dataDirectory
        self.socketPath = socketPath ?? Self.defaultSocketPath(dataDirectory: dataDirectory)
        self.allowInsecureTargets = allowInsecureTargets
        self.allowedTargets = allowedTargets
        self.trustedCAFiles = trustedCAFiles
        self.maximumInFlight = maximumInFlight
        self.maximumInFlightRetries = maximumInFlightRetries
        self.maximumInFlightPerWebhook = maximumInFlightPerWebhook
        self.maximumHeld = maximumHeld
        self.nodeId = nodeId
        self.maximumFrameBytes = maximumFrameBytes
        self.maximumPayloadBytes = maximumPayloadBytes
        self.shutdownGrace = shutdownGrace
        self.retention = retention
        self.autoDisable = autoDisable
        self.durability = durability
        self.maximumClients = maximumClients
        self.idleTimeout = idleTimeout
        self.metrics = metrics
    }

    /// The file holding the key that seals webhook secrets in the store
    /// (`--secret-key-file`); `nil` stores them in the clear, in a private data directory.
    public var secretKeyFile: String?

    /// The PostgreSQL database to keep the state in (`--database`, `HOOKD_DATABASE`); `nil`
    /// keeps it in SQLite in the data directory.
    public var database: DatabaseURL?

    /// How often the daemon tells the store it is alive (`--heartbeat-interval`); on a shared
    /// database it also claims and reloads webhooks this often unasked.
    public var heartbeatInterval: Interval = .seconds(5)

    /// How long a daemon may go without a heartbeat before the others take its work over:
    /// three heartbeat intervals.
    public var nodeTimeout: Interval { Interval(milliseconds: heartbeatInterval.milliseconds * 3) }

    /// How long `Daemon.Status` keeps listing a node after it counts as dead
    /// (`--list-dead-nodes-for`); a node still holding work is listed regardless.
    public var deadNodesListedFor: Interval = .hours(1)

    /// The groups whose members get a role on the socket beside the daemon's user and root
    /// (`--admin-group`, `--operator-group`, `--reader-group`).
    public var roleGroups = RoleGroups()

    /// The URL policy these settings ask for.
    public var targetPolicy: TargetPolicy {
        TargetPolicy(allowInsecureTargets: allowInsecureTargets, allowedNetworks: allowedTargets)
    }

    /// `HOSTNAME-PID`: this process's node id unless `--node-id` names one.
    public static var defaultNodeId: String { DeliveryEngine.Configuration.defaultNodeId }

    /// `<data dir>/hookd.sock`.
    public static func defaultSocketPath(dataDirectory: String) -> String {
        (dataDirectory as NSString).appendingPathComponent("hookd.sock")
    }
}

import Foundation
import HookdCore

extension DeliveryEngine {
    /// Tunables of the engine.
    public struct Configuration: Sendable {
        /// Attempts under way at once across all webhooks.
        public var maximumInFlight: Int
        /// How many of those may be re-sends (retries, redeliveries, recoveries); the rest
        /// stay free for first attempts. Between 1 and `maximumInFlight`.
        public var maximumInFlightRetries: Int
        /// Attempts under way at once for any one webhook.
        public var maximumInFlightPerWebhook: Int
        /// Deliveries held in memory at most; beyond it they wait in the store and are
        /// claimed as room frees, so a backlog of any size costs bounded memory.
        public var maximumHeld: Int
        /// A failed delivery due again within this long stays in memory; later ones go back
        /// to the store until due.
        public var keepRetriesWithin: Interval
        /// How many deliveries one claim takes from the store at most.
        public var claimBatch: Int
        /// Most events one group commit holds.
        public var maximumEventsPerCommit: Int
        /// How long to wait before trying a failed store write or claim again.
        public var storeRetryDelay: Interval
        /// When a failing webhook is disabled automatically.
        public var autoDisable: AutoDisablePolicy
        /// How long a graceful shutdown waits for attempts under way before abandoning them
        /// (unrecorded, so they are sent again after the restart).
        public var shutdownGrace: Interval
        /// This daemon's name as the owner of the deliveries it holds.
        public var nodeId: String
        /// How often the node tells the store it is alive.
        public var heartbeatInterval: Interval
        /// What the engine counts for metrics: nothing unless they are served.
        public var metrics: MetricsDetail

        /// - Parameter maximumInFlightRetries: defaults to half of `maximumInFlight` (at least 1).
        public init(
            maximumInFlight: Int = 128, maximumInFlightRetries: Int? = nil, maximumInFlightPerWebhook: Int = 16,
            maximumHeld: Int = 50_000, keepRetriesWithin: Interval = .seconds(60), claimBatch: Int = 1000,
            maximumEventsPerCommit: Int = 5000, storeRetryDelay: Interval = .seconds(5),
            shutdownGrace: Interval = .seconds(10), autoDisable: AutoDisablePolicy = .standard,
            nodeId: String = Configuration.defaultNodeId, heartbeatInterval: Interval = .seconds(10),
            metrics: MetricsDetail = .none
        ) {
            self.maximumInFlight = maximumInFlight
            self.maximumInFlightRetries = maximumInFlightRetries ?? AttemptLanes.defaultRetryLimit(of: maximumInFlight)
            self.maximumInFlightPerWebhook = maximumInFlightPerWebhook
            self.maximumHeld = maximumHeld
            self.keepRetriesWithin = keepRetriesWithin
            self.claimBatch = claimBatch
            self.maximumEventsPerCommit = maximumEventsPerCommit
            self.storeRetryDelay = storeRetryDelay
            self.autoDisable = autoDisable
            self.shutdownGrace = shutdownGrace
            self.nodeId = nodeId
            self.heartbeatInterval = heartbeatInterval
            self.metrics = metrics
        }

        /// `HOSTNAME-PID`.
        public static var defaultNodeId: String {
            "\(ProcessInfo.processInfo.hostName)-\(ProcessInfo.processInfo.processIdentifier)"
        }

        var limits: DeliveryScheduler.Limits {
            DeliveryScheduler.Limits(
                maximumInFlight: maximumInFlight, maximumInFlightRetries: maximumInFlightRetries,
                maximumInFlightPerWebhook: maximumInFlightPerWebhook, maximumHeld: maximumHeld,
                keepRetriesWithin: keepRetriesWithin.timeInterval)
        }
    }
}

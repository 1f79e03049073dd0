import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// A webhook's `rateLimit` holds for three daemons on one database as for one: one daemon at
/// a time sends to it, and the one taking it over counts what was sent before, a killed
/// daemon's possible attempts included.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct ClusterRateLimitIntegrationTests {
    static let perSecond = 20

    /// The most arrivals in any one-second window `[t, t + 1 s)`.
    static func busiestSecond(_ requests: [ReceivedRequest]) -> Int {
        let arrivals = requests.map(\.receivedAt).sorted()
        var most = 0
        var first = 0
        for (last, arrival) in arrivals.enumerated() {
            while arrival.timeIntervalSince(arrivals[first]) >= 1 { first += 1 }
            most = max(most, last - first + 1)
        }
        return most
    }

    /// Creates the limited webhook `crm` on `client`, its attempts timing out after `timeout`.
    static func limitedWebhook(_ client: RPCClient, url: String, timeout: String = "2s") async throws {
        let view = try await client.call(
            .webhooksCreate,
            WebhookCreateParams(
                account: Loyalty.account, name: "crm", url: url, events: ["customer.*"], timeout: timeout,
                rateLimit: RateLimit(perSecond: perSecond)),
            as: WebhookView.self)
        #expect(view.rateLimit == RateLimit(perSecond: perSecond))
    }

    /// Publishes `ids` in batches of ten, round-robin on `clients`.
    static func publish(_ ids: [String], on clients: [RPCClient]) async throws {
        for (index, start) in stride(from: 0, to: ids.count, by: 10).enumerated() {
            let batch = ids[start..<min(start + 10, ids.count)].map {
                EventInput(account: Loyalty.account, type: "customer.created", data: ["customer_id": "cust_67890"], id: $0)
            }
            _ = try await clients[index % clients.count].publish(batch: batch)
        }
    }

    /// Answers after 300 ms, so the sending daemon always has requests that arrived and are
    /// not recorded yet when it is killed.
    static func answerSlowly(_ request: ReceivedRequest) -> ReceiverResponse {
        ReceiverResponse(status: 200, delay: .milliseconds(300))
    }

    /// The nodes holding deliveries of the webhook awaiting an attempt.
    /// Seeds the limited webhook, publishes 150 events across the daemons and, once 40 have
    /// arrived, SIGKILLs the daemon sending them; returns those events, its node id and index.
    static func killTheSender(
        _ cluster: TestCluster, receiver: LoopbackReceiver
    ) async throws -> (before: [String], sender: String, index: Int) {
        try await Loyalty.seed(cluster.clients[0])
        try await limitedWebhook(cluster.clients[0], url: receiver.url)
        let before = (0..<150).map { "evt_before_\($0)" }
        try await publish(before, on: cluster.clients)
        try await receiver.waitForRequests(count: 40, timeout: .seconds(30))
        var sender = ""
        try await cluster.waitUntil("a daemon holding the webhook's deliveries") {
            sender = try await senders(cluster).first ?? ""
            return !sender.isEmpty
        }
        let index = try #require(Int(sender.dropFirst("node-".count)))
        try await cluster.daemons[index].kill()
        return (before, sender, index)
    }

    /// Waits for every one of `ids` at the receiver, then expects no others and never more
    /// than the limit in one second.
    static func expectEveryEventWithinTheLimit(_ ids: [String], at receiver: LoopbackReceiver, through what: String) async throws {
        let expected = Set(ids)
        let requests = try await receiver.waitForRequests(until: "every event", timeout: .seconds(90)) { requests in
            Set(eventIds(requests)).isSuperset(of: expected)
        }
        #expect(Set(eventIds(requests)) == expected)
        let busiest = busiestSecond(requests)
        print("rate limit \(perSecond)/s through \(what): \(requests.count) requests, at most \(busiest) in one second")
        #expect(busiest <= perSecond, "\(busiest) requests arrived within one second")
    }

    static func senders(_ cluster: TestCluster) async throws -> Set<String> {
        Set(
            try await cluster.strings(
                "SELECT DISTINCT lease_owner FROM deliveries WHERE lease_owner IS NOT NULL AND status IN ('pending', 'scheduled')"
            ).compactMap { $0 })
    }

    @Test("a webhook limited to 20 requests a second gets every one of 300 events published on three daemons, never more than 20 arriving in any second, from one daemon at a time")
    func limitHoldsForTheCluster() async throws {
        try await withReceiver { receiver in
            try await TestCluster.with { cluster in
                try await Loyalty.seed(cluster.clients[0])
                try await Self.limitedWebhook(cluster.clients[0], url: receiver.url)
                let ids = (0..<300).map { "evt_rate_\($0)" }
                try await Self.publish(ids, on: cluster.clients)
                var sendersSeen: [Set<String>] = []
                let expected = Set(ids)
                while Set(eventIds(receiver.requests)) != expected {
                    sendersSeen.append(try await Self.senders(cluster))
                    let next = receiver.requests.count + 20
                    try await receiver.waitForRequests(until: "20 more requests, or every event", timeout: .seconds(30)) {
                        $0.count >= next || Set(eventIds($0)) == expected
                    }
                }
                let requests = receiver.requests
                #expect(Set(eventIds(requests)) == expected)
                let busiest = Self.busiestSecond(requests)
                print("rate limit \(Self.perSecond)/s across three daemons: \(requests.count) requests, at most \(busiest) in one second")
                #expect(busiest <= Self.perSecond, "\(busiest) requests arrived within one second")
                #expect(sendersSeen.allSatisfy { $0.count <= 1 }, "several daemons held its deliveries at once: \(sendersSeen)")
            }
        }
    }

    @Test("the limit holds when the sending daemon is SIGKILLed mid-run: another takes its deliveries over once it is dead and its attempts' timeout has passed, and every event arrives")
    func limitHoldsThroughAKill() async throws {
        try await withReceiver(responder: Self.answerSlowly) { receiver in
            try await TestCluster.with { cluster in
                let (before, sender, index) = try await Self.killTheSender(cluster, receiver: receiver)
                let survivors = cluster.clients.enumerated().filter { $0.offset != index }.map(\.element)
                let after = (0..<150).map { "evt_after_\($0)" }
                try await Self.publish(after, on: survivors)
                try await Self.expectEveryEventWithinTheLimit(before + after, at: receiver, through: "a SIGKILL of \(sender)")
            }
        }
    }
    @Test("the limit holds when the sending daemon is SIGKILLed and restarted at once under its node id: what it had under way counts until the webhook's timeout has passed, and every event arrives")
    func limitHoldsThroughAQuickRestart() async throws {
        try await withReceiver(responder: Self.answerSlowly) { receiver in
            try await TestCluster.with { cluster in
                let (before, sender, index) = try await Self.killTheSender(cluster, receiver: receiver)
                // Its supervisor starts it again at once: the new process frees what the killed
                // one held as it registers, long before the node would have been found dead.
                let restarted = try await cluster.daemons[index].restarted()
                do {
                    let after = (0..<150).map { "evt_after_\($0)" }
                    try await Self.publish(after, on: cluster.clients.enumerated().filter { $0.offset != index }.map(\.element))
                    try await Self.expectEveryEventWithinTheLimit(
                        before + after, at: receiver, through: "a SIGKILL and restart of \(sender)")
                } catch {
                    print("hookd \(sender) restarted log:\n\(restarted.log)")
                    await restarted.cleanUp()
                    throw error
                }
                await restarted.cleanUp()
            }
        }
    }

    @Test("a rate limit added to a webhook three daemons send to holds for the events published after, a claim reading it before every daemon has heard; lifted, the daemons send it unpaced again")
    func limitFollowsTheWebhook() async throws {
        try await withReceiver { receiver in
            try await TestCluster.with { cluster in
                let clients = cluster.clients
                try await Loyalty.seed(clients[0])
                _ = try await Loyalty.webhook(clients[0], name: "crm", url: receiver.url, events: ["customer.*"])
                /// Publishes `count` events named `prefix` and a number and returns their requests once all arrived.
                func sendAll(_ prefix: String, count: Int) async throws -> [ReceivedRequest] {
                    let ids = (0..<count).map { "\(prefix)\($0)" }
                    try await Self.publish(ids, on: clients)
                    let expected = Set(ids)
                    let requests = try await receiver.waitForRequests(until: "every \(prefix) event", timeout: .seconds(60)) {
                        Set(eventIds($0)).isSuperset(of: expected)
                    }
                    return requests.filter { eventIds([$0]).allSatisfy { $0.hasPrefix(prefix) } }
                }
                _ = try await clients[1].call(
                    .webhooksUpdate,
                    WebhookUpdateParams(webhook: "\(Loyalty.account)/crm", rateLimit: RateLimit(perSecond: Self.perSecond)),
                    as: WebhookView.self)
                let limited = try await sendAll("evt_limited_", count: 160)
                print("rate limit \(Self.perSecond)/s added on node-1: at most \(Self.busiestSecond(limited)) in one second")
                #expect(Self.busiestSecond(limited) <= Self.perSecond)

                _ = try await clients[2].call(
                    .webhooksUpdate, WebhookUpdateParams(webhook: "\(Loyalty.account)/crm", rateLimit: RateLimit(perSecond: 0)),
                    as: WebhookView.self)
                let lifted = try await sendAll("evt_lifted_", count: 160)
                print("rate limit lifted on node-2: at most \(Self.busiestSecond(lifted)) in one second")
                #expect(Self.busiestSecond(lifted) > Self.perSecond, "still paced once the limit was lifted")
            }
        }
    }
}

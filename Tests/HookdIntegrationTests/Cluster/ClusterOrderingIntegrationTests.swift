import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// What must hold for the cluster as a whole rather than per daemon: a fifo webhook's line,
/// and the configuration's revision.
@Suite(.enabled(if: TestPostgres.isRequested, Comment(rawValue: TestPostgres.skipReason)))
struct ClusterOrderingIntegrationTests {
    @Test("a fifo webhook gets events published across three daemons one at a time in publish order, a failing head holding its line")
    func fifoAcrossDaemons() async throws {
        let ids = (0..<24).map { String(format: "evt_line_%02d", $0) }
        let head = FailingHead(eventId: ids[4], failures: 1)
        try await withReceiver(responder: { head.respond(to: $0, delay: .milliseconds(20)) }) { receiver in
            try await TestCluster.with { cluster in
                let clients = cluster.clients
                try await Loyalty.seed(clients[0])
                _ = try await createWebhook(clients[0], name: "ledger", url: receiver.url, retry: ["1s"], ordering: "fifo")
                for (index, id) in ids.enumerated() {
                    _ = try await Loyalty.publish(clients[index % 3], type: "reward.issued", id: id)
                }
                let requests = try await receiver.waitForRequests(count: ids.count + 1, timeout: .seconds(60))
                var expected = ids
                expected.insert(ids[4], at: 4)
                #expect(eventIds(requests) == expected)
                #expect(receiver.maximumConcurrentRequests == 1)
                try await cluster.waitUntil("the whole line delivered") {
                    try await cluster.strings("SELECT status FROM deliveries WHERE status <> 'delivered'").isEmpty
                }
            }
        }
    }

    @Test("Manifests.Apply on two daemons at once against one revision: one applies, the other is refused as a stale plan; never interleaved")
    func racingAppliesAcrossDaemons() async throws {
        try await TestCluster.with(count: 2) { cluster in
            let clients = cluster.clients
            func desired(_ host: String) -> DesiredState {
                DesiredState(
                    accounts: [AccountSpec(name: "acc_1")], eventTypes: [EventTypeSpec(name: "customer.created")],
                    webhooks: (1...6).map {
                        WebhookSpec(
                            account: "acc_1", name: "w\($0)", url: "https://\(host).example.com/\($0)",
                            events: ["customer.created"])
                    })
            }
            for round in 0..<4 {
                let revision = try await clients[0].call(
                    .manifestsApply, ManifestApplyParams(desired: desired("plan"), dryRun: true)
                ).stateRevision
                async let alpha = Self.apply(clients[0], desired("alpha\(round)"), at: revision)
                async let beta = Self.apply(clients[1], desired("beta\(round)"), at: revision)
                let outcomes = try await [alpha, beta]
                #expect(outcomes.filter { $0 == nil }.count == 1, "exactly one applies: \(outcomes)")
                let refusal = try #require(outcomes.compactMap { $0 }.first)
                #expect(refusal.data?.status == "FAILED_PRECONDITION" && refusal.data?.reason == "hookd.StalePlan")
                #expect(refusal.message.contains("computed at state revision \(revision), the state is now at \(revision + 1)"))
                for client in clients {
                    let urls = try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self).map(\.url)
                    let hosts = Set(urls.compactMap { URL(string: $0)?.host })
                    #expect(hosts.count == 1 && urls.count == 6, "an apply interleaved with another: \(urls)")
                }
            }
        }
    }

    /// Applies `desired` as a plan made at `revision`; `nil` when applied, the refusal otherwise.
    private static func apply(_ client: RPCClient, _ desired: DesiredState, at revision: Int64) async throws -> RPCRemoteError? {
        do {
            _ = try await client.call(.manifestsApply, ManifestApplyParams(desired: desired, expectedRevision: revision))
            return nil
        } catch let error as RPCRemoteError {
            return error
        }
    }
}

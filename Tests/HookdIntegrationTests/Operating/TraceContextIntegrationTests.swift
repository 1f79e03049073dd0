import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// W3C trace context: `Events.Publish` takes `traceparent` and `tracestate` per event,
/// checks them, stores them, and every receiver of the event gets them as headers on every
/// attempt, redeliveries read back from the store included.
@Suite("Trace context to receivers")
struct TraceContextIntegrationTests {
    static let traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    static let tracestate = "rojo=00f067aa0ba902b7,congo=t61rcWkgMzE"

    @Test("every receiver of the event gets traceparent and tracestate, on every attempt and on a redelivery")
    func sentToEveryReceiver() async throws {
        try await withReceiver { good in
            try await withReceiver(responder: { _ in ReceiverResponse(status: 503) }) { failing in
                try await withDaemon { daemon, client in
                    try await Loyalty.seed(client)
                    _ = try await Loyalty.webhook(client, name: "crm", url: good.url, events: ["customer.created"])
                    _ = try await Loyalty.webhook(
                        client, name: "flaky", url: failing.url, events: ["customer.created"], retry: ["1s"])
                    let published = try await client.publish(
                        EventInput(
                            account: Loyalty.account, type: "customer.created", data: ["customer_id": "cust_1"],
                            traceparent: Self.traceparent, tracestate: Self.tracestate))
                    #expect(published.event.traceparent == Self.traceparent)
                    #expect(published.event.tracestate == Self.tracestate)
                    let deliveries = try await waitForDelivery(
                        client, eventId: published.event.id, statuses: [.delivered, .failed])
                    #expect(Set(deliveries.map(\.status)) == [.delivered, .failed])

                    for request in good.requests + failing.requests {
                        #expect(request.headers["traceparent"] == Self.traceparent)
                        #expect(request.headers["tracestate"] == Self.tracestate)
                    }
                    #expect(failing.requests.count == 2, "the retry carries the context too")
                    let detail = try await client.call(.eventsGet, IdParams(id: published.event.id), as: EventDetail.self)
                    #expect(detail.event.traceparent == Self.traceparent)
                    #expect(detail.event.tracestate == Self.tracestate)

                    // A redelivery is read back from the store, context included.
                    let delivered = try #require(deliveries.first { $0.status == .delivered })
                    _ = try await client.call(.deliveriesRedeliver, IdParams(id: delivered.id), as: Delivery.self)
                    let again = try await good.waitForRequests(count: 2)
                    #expect(again[1].headers["traceparent"] == Self.traceparent)
                    #expect(again[1].headers["tracestate"] == Self.tracestate)

                    // An event published without one sends none; hookctl passes one on.
                    _ = try await Loyalty.publish(client, type: "customer.created")
                    let plain = try await good.waitForRequests(count: 3)
                    #expect(plain[2].headers["traceparent"] == nil)
                    let cli = try await runHookctl(
                        ["events", "publish", "--account", Loyalty.account, "--type", "customer.created", "--data", "{}",
                         "--traceparent", Self.traceparent],
                        socket: daemon.socketPath)
                    #expect(cli.exitCode == 0, "\(cli)")
                    let last = try await good.waitForRequests(count: 4)
                    #expect(last[3].headers["traceparent"] == Self.traceparent)
                    #expect(last[3].headers["tracestate"] == nil)
                }
            }
        }
    }

    @Test("in a batch each event carries its own context")
    func batchPerEvent() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"])
                let second = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"
                let batch = try await client.publish(
                    batch: [
                        EventInput(account: Loyalty.account, type: "customer.created", data: [:], id: "evt_t1", traceparent: Self.traceparent),
                        EventInput(account: Loyalty.account, type: "reward.issued", data: [:], id: "evt_t2", traceparent: second, tracestate: "k=v"),
                        EventInput(account: Loyalty.account, type: "customer.updated", data: [:], id: "evt_t3"),
                    ])
                #expect(batch.events.map(\.event.traceparent) == [Self.traceparent, second, nil])
                let requests = try await receiver.waitForRequests(count: 3)
                let byId = Dictionary(uniqueKeysWithValues: requests.map { ($0.headers["webhook-id"] ?? "", $0) })
                #expect(byId["evt_t1"]?.headers["traceparent"] == Self.traceparent)
                #expect(byId["evt_t1"]?.headers["tracestate"] == nil)
                #expect(byId["evt_t2"]?.headers["traceparent"] == second)
                #expect(byId["evt_t2"]?.headers["tracestate"] == "k=v")
                #expect(byId["evt_t3"]?.headers["traceparent"] == nil)
            }
        }
    }

    @Test("a malformed traceparent or a tracestate without one is refused, naming the field, and nothing is stored")
    func refused() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            let single = try await refusal(
                client,
                EventPublishParams(
                    EventInput(account: Loyalty.account, type: "customer.created", data: [:], traceparent: "00-abc-def-01")))
            #expect(single.data?.status == "INVALID_ARGUMENT")
            #expect(single.data?.violations?.map(\.field) == ["traceparent"])
            #expect(single.data?.violations?.first?.description.contains("VERSION-TRACEID-PARENTID-FLAGS") == true)
            let orphan = try await refusal(
                client,
                EventPublishParams(
                    EventInput(account: Loyalty.account, type: "customer.created", data: [:], tracestate: "k=v")))
            #expect(orphan.data?.violations?.map(\.field) == ["tracestate"])
            let batch = try await refusal(
                client,
                EventPublishParams(batch: [
                    EventInput(account: Loyalty.account, type: "customer.created", data: [:], traceparent: Self.traceparent),
                    EventInput(
                        account: Loyalty.account, type: "customer.created", data: [:],
                        traceparent: "00-00000000000000000000000000000000-00f067aa0ba902b7-01"),
                ]))
            #expect(batch.data?.violations?.map(\.field) == ["events[1].traceparent"])
            let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            #expect(status.counts.events == 0)
        }
    }

    private func refusal(_ client: RPCClient, _ params: EventPublishParams) async throws -> RPCRemoteError {
        do {
            _ = try await client.call(.eventsPublish, params)
        } catch let error as RPCRemoteError {
            return error
        }
        throw WaitTimeout(description: "the publish was expected to be refused")
    }
}

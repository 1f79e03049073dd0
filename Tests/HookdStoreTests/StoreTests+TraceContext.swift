import Foundation
import HookdCore
import Testing

@testable import HookdStore

extension StoreTests {
    @Test("an event's trace context is stored and comes back with the event and with its work, read or claimed", arguments: StoreKind.available)
    func traceContextKept(_ kind: StoreKind) async throws {
        try await kind.withStore { store in
            let crm = try Fixture.webhook("crm")
            try await Fixture.seed(store, webhooks: [crm])
            var traced = Fixture.event("evt_traced")
            traced.traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
            traced.tracestate = "rojo=1"
            let outcomes = try await store.publish([traced, Fixture.event("evt_plain")], at: Fixture.now)

            #expect(try await store.event(id: "evt_traced") == traced)
            #expect(try await store.event(id: "evt_plain")?.traceparent == nil)
            let tracedId = try #require(outcomes[0].deliveries.first).id
            let plainId = try #require(outcomes[1].deliveries.first).id
            let tracedWork = try #require(try await store.work(deliveryId: tracedId))
            #expect(tracedWork.traceContext == TraceContext(traceparent: traced.traceparent!, tracestate: "rojo=1"))
            let plainWork = try #require(try await store.work(deliveryId: plainId))
            #expect(plainWork.traceContext == nil)

            let claimed = try await store.claim(owner: "node_t", limit: 10, dueBy: Fixture.now)
            #expect(Set(claimed.work.map(\.traceContext)) == [nil, traced.traceContext])
        }
    }
}

import Foundation
import Testing

@testable import HookdCore

/// The rules a published event is checked against, without a daemon or a store.
struct PublishRulesTests {
    static let now = Date(timeIntervalSince1970: 1_764_000_000)

    static let rules = PublishRules(
        catalog: Catalog(
            accounts: [
                "acc_1": Account(name: "acc_1", createdAt: now),
                "acc_cards": Account(
                    name: "acc_cards", plan: AccountPlan(eventTypes: [try! EventPattern("card.*")]), createdAt: now),
            ],
            eventTypes: [
                "customer.created": EventType(name: "customer.created", createdAt: now),
                "card.installed": EventType(name: "card.installed", createdAt: now),
            ]),
        maximumPayloadBytes: 64,
        dataViolations: { data, _, field in
            data["customer_id"] == nil ? [Violation(field: field + ".customer_id", description: "missing")] : []
        })

    @Test("good drafts become events stamped now, keeping given ids and making the others")
    func accepts() throws {
        let events = try Self.rules.events(
            from: [
                EventDraft(account: "acc_1", type: "customer.created", data: ["customer_id": "c1"], id: "evt_given"),
                EventDraft(account: "acc_cards", type: "card.installed", data: ["customer_id": "c2"], id: nil),
            ], now: Self.now, summary: "invalid batch")
        #expect(events.map(\.id).first == "evt_given")
        #expect(events[1].id.hasPrefix("evt_"))
        #expect(events.allSatisfy { $0.timestamp == Self.now })
        #expect(events.map(\.type) == ["customer.created", "card.installed"])
    }

    @Test("an accepted event keeps the payload's canonical JSON it was measured with, forgets it when its data changes, and compares and encodes without it")
    func carriesWrittenData() throws {
        let data: JSONValue = ["customer_id": "c1", "a": [1, true]]
        let events = try Self.rules.events(
            from: [EventDraft(account: "acc_1", type: "customer.created", data: data, id: "evt_1")],
            now: Self.now, summary: "invalid batch")
        var event = try #require(events.first)
        #expect(event.writtenData == (try data.canonicalData()))
        #expect(try event.canonicalData() == data.canonicalData())
        #expect(try event.envelopeBody() == Event(
            id: "evt_1", account: "acc_1", type: "customer.created", timestamp: Self.now, data: data).envelopeBody())

        let plain = Event(id: "evt_1", account: "acc_1", type: "customer.created", timestamp: Self.now, data: data)
        #expect(event == plain)
        #expect(try JSONCoding.canonicalEncoder.encode(event) == JSONCoding.canonicalEncoder.encode(plain))
        // Answers copy the written bytes into the event's JSON: the same bytes as writing it.
        #expect(try event.canonicalJSON() == plain.canonicalJSON())

        event.data = ["customer_id": "c2"]
        #expect(event.writtenData == nil)
        #expect(try event.canonicalData() == Data(#"{"customer_id":"c2"}"#.utf8))
        #expect(String(decoding: try event.canonicalJSON(), as: UTF8.self).contains(#""data":{"customer_id":"c2"}"#))
        #expect(event != plain)
    }

    @Test("every problem of every draft is reported at once, under its field")
    func refusesWithEveryViolation() {
        let drafts = [
            EventDraft(account: "acc_nope", type: "customer.created", data: ["customer_id": "c"], id: "a", field: "events[0]."),
            EventDraft(account: "acc_1", type: "customer.creatd", data: ["customer_id": "c"], id: "b", field: "events[1]."),
            EventDraft(account: "acc_cards", type: "customer.created", data: ["customer_id": "c"], id: "c", field: "events[2]."),
            EventDraft(account: "acc_1", type: "customer.created", data: [1, 2], id: "d", field: "events[3]."),
            EventDraft(
                account: "acc_1", type: "customer.created", data: ["customer_id": .string(String(repeating: "x", count: 80))],
                id: "e", field: "events[4]."),
            EventDraft(account: "acc_1", type: "customer.created", data: ["name": "no id"], id: "f", field: "events[5]."),
            EventDraft(account: "acc_1", type: "customer.created", data: ["customer_id": "c"], id: "has space", field: "events[6]."),
            EventDraft(account: "acc_1", type: "customer.created", data: ["customer_id": "c"], id: "a", field: "events[7]."),
        ]
        do {
            _ = try Self.rules.events(from: drafts, now: Self.now, summary: "invalid batch, nothing was published")
            Issue.record("a batch of bad drafts was accepted")
        } catch let error as HookdError {
            #expect(error.message.hasPrefix("invalid batch, nothing was published: events[0].account"))
            let fields = Dictionary(error.violations.map { ($0.field, $0.description) }, uniquingKeysWith: { $1 })
            #expect(fields["events[0].account"] == "unknown account \"acc_nope\"")

            #expect(fields["events[1].type"] == "unknown event type \"customer.creatd\" (did you mean \"customer.created\"?)")
            #expect(fields["events[2].type"] == "the plan of account acc_cards does not allow \"customer.created\"")
            #expect(fields["events[3].data"] == "must be a JSON object, got array")
            #expect(fields["events[4].data"]?.hasSuffix("the limit is 64 bytes") == true)
            #expect(fields["events[5].data.customer_id"] == "missing")
            #expect(fields["events[6].id"] == "must be visible ASCII characters without spaces")
            #expect(fields["events[7].id"] == "\"a\" appears twice in this batch")
            #expect(error.violations.count == 8)
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("a misspelt account or event type is answered with the closest known name")
    func suggestsNames() {
        let draft = EventDraft(account: "acc_l", type: "reward.isued", data: ["customer_id": "c"], id: nil)
        #expect(throws: HookdError.self) { _ = try Self.rules.events(from: [draft], now: Self.now, summary: "invalid event") }
        do {
            _ = try Self.rules.events(from: [draft], now: Self.now, summary: "invalid event")
        } catch let error as HookdError {
            let found = Dictionary(error.violations.map { ($0.field, $0.description) }, uniquingKeysWith: { $1 })
            #expect(found["account"] == "unknown account \"acc_l\" (did you mean \"acc_1\"?)")
            #expect(found["type"] == "unknown event type \"reward.isued\"")
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }
}

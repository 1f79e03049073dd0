import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Payload filters through the real daemon: only matching events reach the receiver, the
/// rest are counted, `webhooks test-filter` explains, and bad filters are refused.
@Suite("payload filters")
struct PayloadFilterIntegrationTests {
    static let schema: JSONValue = [
        "type": "object", "additionalProperties": false,
        "properties": [
            "transaction_id": ["type": "string"], "amount": ["type": "number"],
            "card": ["type": "object", "additionalProperties": false, "properties": ["type": ["type": "string"]]],
        ],
    ]

    @Test("an event the filter keeps out is not delivered and is counted; matching ones arrive")
    func filteredDelivery() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
                _ = try await client.call(
                    .eventTypesCreate, EventTypeCreateParams(name: "transaction.completed", schema: Self.schema),
                    as: EventType.self)
                let filter = #"{"all": [{"path": "card.type", "in": ["apple", "google"]}, {"path": "amount", "gte": 100}]}"#
                let created = try await runHookctl(
                    [
                        "webhooks", "create", "engagement", "--account", Loyalty.account, "--url", receiver.url,
                        "--events", "transaction.completed", "--filter", filter,
                    ],
                    socket: daemon.socketPath)
                #expect(created.exitCode == 0, "\(created)")

                let cases: [(String, JSONValue)] = [
                    ("txn_small", ["transaction_id": "txn_small", "amount": 50, "card": ["type": "apple"]]),
                    ("txn_other", ["transaction_id": "txn_other", "amount": 500, "card": ["type": "samsung"]]),
                    ("txn_big", ["transaction_id": "txn_big", "amount": 150, "card": ["type": "google"]]),
                ]
                var published: [String: PublishedEvent] = [:]
                for (id, data) in cases {
                    published[id] = try await Loyalty.publish(client, type: "transaction.completed", data: data)
                }
                #expect(published["txn_small"]?.deliveries == 0)
                #expect(published["txn_other"]?.deliveries == 0)
                #expect(published["txn_big"]?.deliveries == 1)
                let big = try #require(published["txn_big"])
                _ = try await waitForDelivery(client, eventId: big.event.id, statuses: [.delivered])
                let received = try await receiver.waitForRequests(count: 1)
                #expect(received.count == 1)
                #expect(try received[0].jsonBody()["event_id"] as? String == big.event.id)
                #expect(try await client.call(.eventsGet, IdParams(id: published["txn_small"]!.event.id), as: EventDetail.self)
                    .deliveries.isEmpty)

                let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "engagement"), as: WebhookView.self)
                #expect(view.filteredEvents == 2)
                let shown = try await runHookctl(["webhooks", "get", "engagement"], socket: daemon.socketPath)
                #expect(shown.stdout.contains("2 events filtered out so far"), "\(shown.stdout)")
                #expect(shown.stdout.contains(#"{"all":[{"in":["apple","google"],"path":"card.type"}"#), "\(shown.stdout)")

                // Removing the filter lets everything through again.
                let removed = try await runHookctl(
                    ["webhooks", "update", "engagement", "--filter", "{}"], socket: daemon.socketPath)
                #expect(removed.exitCode == 0, "\(removed)")
                let small = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["transaction_id": "txn_again", "amount": 1])
                #expect(small.deliveries == 1)
            }
        }
    }

    @Test("test-filter says whether data would be sent and why; the exit status tells scripts")
    func testFilter() async throws {
        try await withDaemon { daemon, client in
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
            _ = try await client.call(
                .eventTypesCreate, EventTypeCreateParams(name: "transaction.completed", schema: Self.schema),
                as: EventType.self)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(
                    account: Loyalty.account, name: "engagement", url: "http://127.0.0.1:9/hooks",
                    events: ["transaction.completed"], filter: ["path": "amount", "gte": 100]),
                as: WebhookView.self)
            let scratch = try TemporaryDirectory(prefix: "hookd-filter")
            defer { scratch.remove() }
            let file = scratch.path + "/data.json"
            try Data(#"{"amount": 50}"#.utf8).write(to: URL(fileURLWithPath: file))

            let out = try await runHookctl(["webhooks", "test-filter", "engagement", "--data", file], socket: daemon.socketPath)
            #expect(out.exitCode == 2, "\(out)")
            #expect(out.stdout.contains("Filtered out: acc_12345/engagement: amount is 50, not >= 100."), "\(out.stdout)")
            let sent = try await runHookctl(
                ["webhooks", "test-filter", "engagement", "--data", #"{"amount": 150}"#], socket: daemon.socketPath)
            #expect(sent.exitCode == 0, "\(sent)")
            #expect(sent.stdout.contains("Sent: acc_12345/engagement: amount is 150, >= 100."), "\(sent.stdout)")
            let json = try await runHookctl(
                ["webhooks", "test-filter", "engagement", "--data", file, "-o", "json"], socket: daemon.socketPath)
            #expect(json.exitCode == 2)
            #expect(json.stdout.contains(#""matches" : false"#) || json.stdout.contains(#""matches":false"#), "\(json.stdout)")
        }
    }

    @Test("a filter with a wrong operator or a path the schema cannot hold is refused, naming the field")
    func refused() async throws {
        try await withDaemon { daemon, client in
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
            _ = try await client.call(
                .eventTypesCreate, EventTypeCreateParams(name: "transaction.completed", schema: Self.schema),
                as: EventType.self)
            let bad = try await runHookctl(
                [
                    "webhooks", "create", "engagement", "--account", Loyalty.account, "--url", "http://127.0.0.1:9/hooks",
                    "--events", "transaction.completed", "--filter",
                    #"{"any": [{"path": "card.kind", "eq": "apple"}, {"path": "amount", "above": 1}]}"#,
                ],
                socket: daemon.socketPath)
            #expect(bad.exitCode == 1)
            #expect(bad.stderr.contains("filter.any[1].above"), "\(bad.stderr)")
            let schema = try await runHookctl(
                [
                    "webhooks", "create", "engagement", "--account", Loyalty.account, "--url", "http://127.0.0.1:9/hooks",
                    "--events", "transaction.completed", "--filter", #"{"path": "card.kind", "eq": "apple"}"#,
                ],
                socket: daemon.socketPath)
            #expect(schema.exitCode == 1)
            #expect(
                schema.stderr.contains(#""card.kind" cannot occur in the data schema of transaction.completed"#),
                "\(schema.stderr)")

            // New subscriptions must still fit the kept filter.
            _ = try await client.call(
                .eventTypesCreate,
                EventTypeCreateParams(
                    name: "push.sent",
                    schema: ["type": "object", "additionalProperties": false, "properties": ["push_id": ["type": "string"]]]),
                as: EventType.self)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(
                    account: Loyalty.account, name: "big", url: "http://127.0.0.1:9/hooks",
                    events: ["transaction.completed"], filter: ["path": "amount", "gte": 100]),
                as: WebhookView.self)
            let moved = try await runHookctl(["webhooks", "update", "big", "--events", "push.sent"], socket: daemon.socketPath)
            #expect(moved.exitCode == 1)
            #expect(moved.stderr.contains(#""amount" cannot occur in the data schema of push.sent"#), "\(moved.stderr)")
            let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "big"), as: WebhookView.self)
            #expect(view.events == ["transaction.completed"])
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// An event type's JSON Schema guards every event's `data`, through the real daemon.
@Suite("event data is validated against the event type's schema")
struct SchemaValidationIntegrationTests {
    static let type = "transaction.completed"

    static let schema = transactionSchema()

    /// The transaction schema, with `amount` described by `amount`.
    static func transactionSchema(
        amount: JSONValue = ["type": "number", "minimum": 0, "multipleOf": 0.01]
    ) -> JSONValue {
        [
            "type": "object",
            "required": ["transaction_id", "customer_id", "amount"],
            "additionalProperties": false,
            "properties": [
                "transaction_id": ["type": "string", "pattern": "^txn_"],
                "customer_id": ["type": "string"],
                "amount": amount,
                "items": [
                    "type": "array",
                    "items": ["type": "object", "required": ["sku"], "properties": ["sku": ["type": "string"]]],
                ],
            ],
        ]
    }

    static let validData: JSONValue = [
        "transaction_id": "txn_11111", "customer_id": "cust_67890", "amount": 19.99, "items": [["sku": "A-1"]],
    ]

    func counts(_ client: RPCClient) async throws -> ResourceCounts {
        try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self).counts
    }

    func refusal<P, R>(_ client: RPCClient, _ method: APIMethod<P, R>, _ params: P) async throws
        -> RPCRemoteError
    {
        do {
            _ = try await client.call(method, params)
        } catch let error as RPCRemoteError {
            return error
        }
        throw WaitTimeout(description: "\(method.name) was expected to fail")
    }

    func violations(_ error: RPCRemoteError) -> [String] {
        (error.data?.violations ?? []).map { "\($0.field): \($0.description)" }
    }

    /// The account, the typed event type and a webhook to `receiver` for it.
    func seed(_ client: RPCClient, receiver: LoopbackReceiver) async throws {
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
        _ = try await client.call(
            .eventTypesCreate,
            EventTypeCreateParams(
                name: Self.type, schema: Self.schema,
                example: ["transaction_id": "txn_1", "customer_id": "cust_1", "amount": 50]),
            as: EventType.self)
        _ = try await Loyalty.webhook(client, name: "ledger", url: receiver.url, events: [Self.type])
    }

    @Test("an event type whose schema hookd cannot compile is refused with the place in the schema")
    func badSchemaRefused() async throws {
        try await withDaemon { _, client in
            let before = try await counts(client)
            let cases: [(JSONValue, String)] = [
                (["properties": ["amount": ["minimum": "x"]]], "/properties/amount/minimum: must be a number, got string"),
                (["properties": ["id": ["requried": ["x"]]]], #"/properties/id/requried: unknown keyword "requried" (did you mean "required"?)"#),
                (["$ref": "https://example.com/other.json"], "/$ref: only references inside this schema are supported"),
                (["pattern": "(unclosed"], #"/pattern: "(unclosed" is not a valid regular expression"#),
                (["$ref": "#"], "/$ref: $ref loops back without moving into the data"),
            ]
            for (schema, expected) in cases {
                let error = try await refusal(client, .eventTypesCreate, EventTypeCreateParams(name: "transaction.reversed", schema: schema))
                #expect(error.data?.status == "INVALID_ARGUMENT")
                #expect(error.data?.violations?.map(\.field) == ["schema"])
                #expect(error.data?.violations?.first?.description.contains(expected) == true, "\(error.message)")
                #expect(error.message.contains(expected))
            }
            #expect(try await counts(client) == before)
        }
    }

    @Test("an example that does not match the schema is refused with each failing path")
    func badExampleRefused() async throws {
        try await withDaemon { _, client in
            let before = try await counts(client)
            let error = try await refusal(
                client, .eventTypesCreate,
                EventTypeCreateParams(
                    name: Self.type, schema: Self.schema, example: ["transaction_id": "t1", "amount": "50"]))
            #expect(error.data?.status == "INVALID_ARGUMENT")
            #expect(
                violations(error) == [
                    #"example: missing required property "customer_id""#,
                    "example/amount: must be a number, got string",
                    #"example/transaction_id: must match the pattern "^txn_""#,
                ])
            #expect(try await counts(client) == before)
        }
    }

    @Test("data that breaks the schema is refused with every violation and nothing is stored; valid data is delivered")
    func publishValidated() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await seed(client, receiver: receiver)
                let before = try await counts(client)

                let bad: JSONValue = [
                    "transaction_id": "txn_2", "amount": "50", "items": [["sku": 7], [:]], "note": "x",
                ]
                let error = try await refusal(
                    client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: Self.type, data: bad)))
                #expect(error.code == -32003)
                #expect(error.data?.status == "INVALID_ARGUMENT")
                #expect(
                    violations(error) == [
                        #"data: missing required property "customer_id""#,
                        "data/amount: must be a number, got string",
                        "data/items/0/sku: must be a string, got number",
                        #"data/items/1: missing required property "sku""#,
                        "data/note: is not an allowed property",
                    ])
                #expect(error.message.hasPrefix("invalid event: "))
                let cents = try await refusal(
                    client, .eventsPublish,
                    EventPublishParams(
                        EventInput(
                            account: Loyalty.account, type: Self.type,
                            data: ["transaction_id": "txn_3", "customer_id": "c", "amount": 19.999])))
                #expect(violations(cents) == ["data/amount: must be a multiple of 0.01, got 19.999"])
                #expect(try await counts(client) == before)

                let published = try await Loyalty.publish(client, type: Self.type, data: Self.validData)
                #expect(published.deliveries == 1)
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                let envelope = try JSONValue.parse(request.body)
                #expect(envelope["data"] == Self.validData)
                #expect(envelope["event_id"] == .string(published.event.id))
                _ = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
            }
        }
    }

    @Test("a batch with one event breaking the schema publishes nothing, naming the event")
    func batchRefusedWhole() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await seed(client, receiver: receiver)
                let before = try await counts(client)
                let error = try await refusal(
                    client, .eventsPublish,
                    EventPublishParams(batch: [
                        EventInput(account: Loyalty.account, type: Self.type, data: Self.validData),
                        EventInput(
                            account: Loyalty.account, type: Self.type,
                            data: ["transaction_id": "txn_2", "customer_id": "c", "amount": -1]),
                    ]))
                #expect(error.data?.status == "INVALID_ARGUMENT")
                #expect(violations(error) == ["events[1].data/amount: must be at least 0, got -1"])
                #expect(error.message.hasPrefix("invalid batch, nothing was published"))
                #expect(try await counts(client) == before)
                #expect(receiver.requests.isEmpty)
            }
        }
    }

    @Test("a changed schema applies from the next publish; an update that breaks the example is refused")
    func updateTakesEffect() async throws {
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await seed(client, receiver: receiver)
                let small: JSONValue = ["transaction_id": "txn_1", "customer_id": "c", "amount": 500]
                _ = try await Loyalty.publish(client, type: Self.type, data: small)

                // The stored example (amount 50) does not fit a maximum of 10, so this is refused whole.
                let capped = Self.transactionSchema(amount: ["type": "number", "maximum": 100])
                let strict = Self.transactionSchema(amount: ["type": "number", "maximum": 10])
                let refused = try await refusal(client, .eventTypesUpdate, EventTypeUpdateParams(name: Self.type, schema: strict))
                #expect(violations(refused) == ["example/amount: must be at most 10, got 50"])
                let unchanged = try await client.call(.eventTypesGet, NameParams(name: Self.type), as: EventType.self)
                #expect(unchanged.schema == Self.schema)

                let updated = try await client.call(
                    .eventTypesUpdate, EventTypeUpdateParams(name: Self.type, schema: capped), as: EventType.self)
                #expect(updated.schema == capped)
                #expect(updated.example?["amount"] == 50)
                let error = try await refusal(
                    client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: Self.type, data: small)))
                #expect(violations(error) == ["data/amount: must be at most 100, got 500"])

                let badSchema = try await refusal(
                    client, .eventTypesUpdate, EventTypeUpdateParams(name: Self.type, schema: ["type": "float"]))
                #expect(badSchema.data?.violations?.map(\.field) == ["schema"])
                let reserved = try await refusal(
                    client, .eventTypesUpdate, EventTypeUpdateParams(name: "hookd.webhook.disabled", schema: [:]))
                #expect(reserved.data?.reason == "hookd.EventTypeReserved")
                let missing = try await refusal(client, .eventTypesUpdate, EventTypeUpdateParams(name: "nope.nope", description: "x"))
                #expect(missing.data?.reason == "hookd.EventTypeNotFound")
            }
        }
    }

    @Test("webhooks test refuses to send {} for a type whose schema needs more and has no example")
    func testEventNeedsMatchingExample() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
                _ = try await client.call(
                    .eventTypesCreate, EventTypeCreateParams(name: Self.type, schema: Self.schema), as: EventType.self)
                _ = try await Loyalty.webhook(client, name: "ledger", url: receiver.url, events: [Self.type])
                let error = try await refusal(
                    client, .webhooksTest, WebhookTestParams(webhook: "ledger", eventType: Self.type))
                #expect(error.data?.reason == "hookd.EventTypeExampleInvalid")
                #expect(error.message.contains(#"example: missing required property "transaction_id""#))

                // With an example set through hookctl, the test event is sent and matches.
                let scratch = try TemporaryDirectory(prefix: "hookd-schema")
                defer { scratch.remove() }
                let example = scratch.path + "/example.json"
                try #"{"transaction_id": "txn_9", "customer_id": "cust_9", "amount": 1.5}"#.write(
                    toFile: example, atomically: true, encoding: .utf8)
                let hookctl = Hookctl(daemon)
                let output = try await hookctl.succeed(["event-types", "update", Self.type, "--example", example])
                #expect(output.contains("Updated event type \(Self.type)."))
                _ = try await client.call(
                    .webhooksTest, WebhookTestParams(webhook: "ledger", eventType: Self.type), as: WebhookTestResult.self)
                let request = try #require(try await receiver.waitForRequests(count: 1).first)
                #expect(try JSONValue.parse(request.body)["data"]?["transaction_id"] == "txn_9")
            }
        }
    }

    @Test("hookctl shows the schema path of a bad schema and the violations of bad data")
    func hookctlReportsProblems() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                let hookctl = Hookctl(daemon)
                let scratch = try TemporaryDirectory(prefix: "hookd-schema")
                defer { scratch.remove() }
                let badSchema = scratch.path + "/bad.schema.json"
                try #"{"properties": {"amount": {"type": "number", "minimum": "0"}}}"#.write(
                    toFile: badSchema, atomically: true, encoding: .utf8)
                let refused = try await hookctl.fail(["event-types", "create", "transaction.reversed", "--schema", badSchema])
                #expect(refused.contains("/properties/amount/minimum: must be a number, got string"), "\(refused)")

                try await seed(client, receiver: receiver)
                let stderr = try await hookctl.fail([
                    "events", "publish", "--account", Loyalty.account, "--type", Self.type, "--data",
                    #"{"transaction_id": "txn_1", "customer_id": "c", "amount": "ten"}"#,
                ])
                #expect(stderr.contains("data/amount: must be a number, got string"), "\(stderr)")
            }
        }
    }
    @Test("a schema applied from a manifest guards publishes, a re-applied change takes effect, a bad one is refused")
    func manifestSchemas() async throws {
        try await withDaemon { daemon, client in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            try workspace.write("schemas/points.schema.json", #"{"type": "object", "required": ["points"], "properties": {"points": {"type": "integer", "maximum": 100}}}"#)
            let manifest = try workspace.write(
                "catalog.yaml",
                """
                apiVersion: hookd/v1
                kind: Account
                metadata: { name: \(Loyalty.account) }
                spec: { plan: { maxWebhooks: 1, eventTypes: ["*"] } }
                ---
                apiVersion: hookd/v1
                kind: EventType
                metadata: { name: reward.issued }
                spec:
                  schema: { $ref: schemas/points.schema.json }
                  example: { points: 10 }
                """)
            try await workspace.expect(0, ["apply", "-f", manifest])
            let big: JSONValue = ["points": 500]
            let refused = try await refusal(
                client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: "reward.issued", data: big)))
            #expect(violations(refused) == ["data/points: must be at most 100, got 500"])

            try workspace.write("schemas/points.schema.json", #"{"type": "object", "properties": {"points": {"type": "integer", "maximum": 1000}}}"#)
            try await workspace.expect(0, ["apply", "-f", manifest])
            _ = try await Loyalty.publish(client, type: "reward.issued", data: big)

            try workspace.write("schemas/points.schema.json", #"{"properties": {"points": {"type": "integer", "maximum": "1000"}}}"#)
            let badApply = try await workspace.expect(1, ["apply", "-f", manifest])
            #expect(badApply.stderr.contains("/properties/points/maximum: must be a number, got string"), "\(badApply)")
            let kept = try await client.call(.eventTypesGet, NameParams(name: "reward.issued"), as: EventType.self)
            #expect(kept.schema?["properties"]?["points"]?["maximum"] == 1000)
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Bad input always gets a clear, specific error and changes nothing.
@Suite("bad input through the real daemon")
struct BadInputIntegrationTests {
    /// The counts that must not move when a request is refused.
    func counts(_ client: RPCClient) async throws -> ResourceCounts {
        try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self).counts
    }

    /// Calls and expects an error answer; returns it.
    func refusal<P, R>(_ client: RPCClient, _ method: APIMethod<P, R>, _ params: P) async throws -> RPCRemoteError {
        do {
            _ = try await client.call(method, params)
        } catch let error as RPCRemoteError {
            return error
        }
        throw WaitTimeout(description: "\(method.name) was expected to fail")
    }

    @Test("publishing to an unknown account or type, or with data that is not an object, is refused and stores nothing")
    func badPublish() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            let before = try await counts(client)

            let unknownAccount = try await refusal(
                client, .eventsPublish, EventPublishParams(EventInput(account: "acc_nope", type: "customer.created", data: [:])))
            #expect(unknownAccount.code == -32003)
            #expect(unknownAccount.data?.status == "INVALID_ARGUMENT")
            #expect(unknownAccount.data?.violations?.map(\.field) == ["account"])

            let unknownType = try await refusal(
                client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: "customer.deleted", data: [:])))
            #expect(unknownType.data?.violations?.first?.description.contains("unknown event type") == true)

            let notObject = try await refusal(
                client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: "customer.created", data: [1, 2])))
            #expect(notObject.data?.violations?.first?.field == "data")
            #expect(notObject.message.contains("must be a JSON object, got array"))

            let batch = try await refusal(
                client, .eventsPublish,
                EventPublishParams(batch: [
                    EventInput(account: Loyalty.account, type: "customer.created", data: [:]),
                    EventInput(account: Loyalty.account, type: "nope.nope", data: "x"),
                ]))
            #expect(batch.data?.violations?.map(\.field) == ["events[1].type", "events[1].data"])

            #expect(try await counts(client) == before)
        }
    }

    @Test("an event whose data exceeds 256 KiB is refused with its size and the limit")
    func payloadLimit() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            let big = JSONValue.object(["blob": .string(String(repeating: "x", count: 300 * 1024))])
            let error = try await refusal(
                client, .eventsPublish, EventPublishParams(EventInput(account: Loyalty.account, type: "customer.created", data: big)))
            #expect(error.data?.violations?.first?.field == "data")
            #expect(error.message.contains("the limit is 262144 bytes"))
            #expect(try await counts(client).events == 0)
            let fits = JSONValue.object(["blob": .string(String(repeating: "x", count: 200 * 1024))])
            _ = try await Loyalty.publish(client, type: "customer.created", data: fits)
        }
    }

    @Test("a webhook with a bad URL, unknown events or bad durations is refused with every problem listed")
    func badWebhook() async throws {
        try await withDaemon { _, client in
            try await Loyalty.seed(client)
            let error = try await refusal(
                client, .webhooksCreate,
                WebhookCreateParams(
                    account: Loyalty.account, name: "bad", url: "ftp://x", events: ["customer.created", "nope.x", "Bad"],
                    secret: "not-a-secret", retry: ["1m", "soon"], timeout: "forever"))
            #expect(error.data?.status == "INVALID_ARGUMENT")
            #expect(
                Set(error.data?.violations?.map(\.field) ?? [])
                    == ["url", "events[1]", "events[2]", "secret", "retry[1]", "timeout"])
            let unknownAccount = try await refusal(
                client, .webhooksCreate,
                WebhookCreateParams(account: "acc_nope", name: "w", url: "https://example.com", events: ["*"]))
            #expect(unknownAccount.code == -32005)
            #expect(unknownAccount.data?.reason == "hookd.AccountNotFound")
            #expect(try await counts(client).webhooks == 0)
        }
    }

    @Test("without --allow-insecure-targets, http and loopback targets are refused with a pointer to the flag")
    func insecureTargetsRefused() async throws {
        try await withDaemon(allowInsecureTargets: false) { _, client in
            try await Loyalty.seed(client)
            for url in ["http://example.com/hook", "https://127.0.0.1:9/hook", "https://localhost/hook"] {
                let error = try await refusal(
                    client, .webhooksCreate,
                    WebhookCreateParams(account: Loyalty.account, name: "local", url: url, events: ["*"]))
                #expect(error.data?.violations?.first?.field == "url")
                #expect(error.message.contains("--allow-insecure-targets"))
            }
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(account: Loyalty.account, name: "public", url: "https://crm.example.com/hook", events: ["*"]),
                as: WebhookView.self)
        }
    }

    @Test("unknown names answer NOT_FOUND with a stable reason")
    func notFound() async throws {
        try await withDaemon { _, client in
            let webhook = try await refusal(client, .webhooksGet, WebhookRefParams(webhook: "ghost"))
            #expect(webhook.code == -32005)
            #expect(webhook.data?.status == "NOT_FOUND")
            #expect(webhook.data?.reason == "hookd.WebhookNotFound")
            let delivery = try await refusal(client, .deliveriesGet, IdParams(id: "dlv_nope"))
            #expect(delivery.data?.reason == "hookd.DeliveryNotFound")
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: "a"), as: Account.self)
            let duplicate = try await refusal(client, .accountsCreate, AccountCreateParams(name: "a"))
            #expect(duplicate.code == -32006)
            #expect(duplicate.data?.status == "ALREADY_EXISTS")
            #expect(duplicate.data?.reason == "hookd.AccountAlreadyExists")
        }
    }

    @Test("protocol errors: malformed JSON, unknown method, unknown or wrong params, oversize frames")
    func protocolErrors() async throws {
        try await withDaemon { _, client in
            func answer(_ line: String) async throws -> [String: Any] {
                let text = try #require(try await client.exchange(rawLine: line))
                return try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
            }
            func code(_ response: [String: Any]) -> Int? { (response["error"] as? [String: Any])?["code"] as? Int }

            #expect(code(try await answer(#"{"jsonrpc":"2.0","method":"Daemon.Status","id":1"#)) == -32700)
            #expect(code(try await answer(#"{"jsonrpc":"1.0","method":"Daemon.Status","id":2}"#)) == -32600)
            let unknown = try await answer(#"{"jsonrpc":"2.0","method":"Webhooks.Explode","id":3}"#)
            #expect(code(unknown) == -32601)
            #expect(unknown["id"] as? Int == 3)
            let extra = try await answer(#"{"jsonrpc":"2.0","method":"Accounts.Get","params":{"name":"a","colour":"red"},"id":4}"#)
            #expect(code(extra) == -32602)
            let wrongType = try await answer(#"{"jsonrpc":"2.0","method":"Accounts.Get","params":{"name":5},"id":5}"#)
            #expect(code(wrongType) == -32602)
            let oversize = try await answer(
                #"{"jsonrpc":"2.0","method":"Daemon.Health","params":{"pad":""# + String(repeating: "x", count: 5 * 1024 * 1024) + #""},"id":6}"#)
            #expect(code(oversize) == -32600)
            let after = try await answer(#"{"jsonrpc":"2.0","method":"Daemon.Health","id":7}"#)
            #expect((after["result"] as? [String: Any])?["status"] as? String == "ok")
            let batch = try #require(try await client.exchange(rawLine: #"[{"jsonrpc":"2.0","method":"Daemon.Health","id":8},{"jsonrpc":"2.0","method":"Daemon.Health"}]"#))
            let items = try #require(try JSONSerialization.jsonObject(with: Data(batch.utf8)) as? [[String: Any]])
            #expect(items.count == 1)
            #expect(try await client.exchange(rawLine: #"{"jsonrpc":"2.0","method":"Daemon.Health"}"#, timeout: .milliseconds(300)) == nil)
        }
    }
}

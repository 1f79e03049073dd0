import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The API applies the manifests' rules to names and URLs, and hookctl never prints a
/// control character raw.
struct NameRulesIntegrationTests {
    @Test(
        "Accounts.Create refuses the names manifests refuse, with the same rule, and creates nothing",
        arguments: ["", "a/b", "a\nb", "a\u{1B}]0;pwned\u{7}", " acc", "acc\u{202E}"])
    func accountNames(name: String) async throws {
        try await withDaemon { _, client in
            let error = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(.accountsCreate, AccountCreateParams(name: name), as: Account.self)
            }
            #expect(error?.data?.status == "INVALID_ARGUMENT")
            #expect(error?.data?.violations == [Violation(field: "name", description: Names.resourceNameProblem(name)!)])
            let accounts = try await client.call(.accountsList, EmptyParams(), as: [Account].self)
            #expect(accounts.isEmpty)
        }
    }

    @Test("a notification cannot create an account named \"\" either")
    func notification() async throws {
        try await withDaemon { _, client in
            _ = try await client.exchange(
                rawLine: #"{"jsonrpc":"2.0","method":"Accounts.Create","params":{"name":""}}"#, timeout: .milliseconds(300))
            // A barrier after it: answered only once the notification has run.
            let accounts = try await client.call(.accountsList, EmptyParams(), as: [Account].self)
            #expect(accounts.isEmpty)
        }
    }

    @Test("Webhooks.Create and Update refuse a URL with raw CR/LF, as manifests do")
    func urlWithLineBreaks() async throws {
        try await withDaemon { _, client in
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_1"), as: Account.self)
            let url = "http://127.0.0.1:9/hook\r\nX-Injected: yes"
            let created = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .webhooksCreate, WebhookCreateParams(account: "acc_1", name: "w", url: url, events: ["*"]),
                    as: WebhookView.self)
            }
            #expect(created?.data?.violations?.first?.field == "url")
            #expect(created?.data?.violations?.first?.description.contains("U+000D") == true)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(account: "acc_1", name: "w", url: "http://127.0.0.1:9/hook", events: ["*"]),
                as: WebhookView.self)
            let updated = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .webhooksUpdate, WebhookUpdateParams(webhook: "acc_1/w", url: url), as: WebhookView.self)
            }
            #expect(updated?.data?.violations?.first?.field == "url")
        }
    }

    @Test("Webhooks.Create, Update and EventTypes.Create refuse a description with a terminal escape, as manifests do")
    func descriptionsWithEscapes() async throws {
        try await withDaemon { _, client in
            _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_1"), as: Account.self)
            let hostile = "CRM \u{1B}]0;owned\u{07}"
            let created = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .webhooksCreate,
                    WebhookCreateParams(account: "acc_1", name: "w", url: "http://127.0.0.1:9/hook", events: ["*"], description: hostile),
                    as: WebhookView.self)
            }
            #expect(created?.data?.violations?.first?.field == "description")
            #expect(created?.data?.violations?.first?.description.contains("U+001B") == true)
            _ = try await client.call(
                .webhooksCreate,
                WebhookCreateParams(
                    account: "acc_1", name: "w", url: "http://127.0.0.1:9/hook", events: ["*"], description: "Two\nlines"),
                as: WebhookView.self)
            let updated = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .webhooksUpdate, WebhookUpdateParams(webhook: "acc_1/w", description: hostile), as: WebhookView.self)
            }
            #expect(updated?.data?.violations?.first?.field == "description")
            let eventType = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(
                    .eventTypesCreate, EventTypeCreateParams(name: "order.placed", description: hostile), as: EventType.self)
            }
            #expect(eventType?.data?.violations?.first?.field == "description")
            let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "acc_1/w"), as: WebhookView.self)
            #expect(view.description == "Two\nlines")
        }
    }

    @Test("hookctl prints control characters escaped: in tables, details, JSON and errors")
    func escapedOutput() async throws {
        // hookd refuses such descriptions now; a store written before it did may still hold
        // one, put here straight into the file while the daemon is stopped.
        let hostile = "desc \u{1B}[2J\u{1B}]0;pwned\u{7} \r\u{9B}31m \u{202E}txt\ttab\u{7F}"
        let first = try await RunningDaemon.start()
        let setup = first.client()
        _ = try await setup.call(
            .eventTypesCreate, EventTypeCreateParams(name: "customer.created", description: "placeholder"),
            as: EventType.self)
        await setup.close()
        try await first.stop()
        let written = try await runCommand(
            "/usr/bin/env",
            [
                "python3", "-c",
                "import sqlite3, sys; db = sqlite3.connect(sys.argv[1]); db.execute(\"UPDATE event_types SET description = ? WHERE name = 'customer.created'\", (sys.argv[2],)); db.commit()",
                first.dataDirectory + "/hookd.sqlite", hostile,
            ])
        #expect(written.exitCode == 0, "\(written)")
        let daemon = try await first.restarted()
        defer { Task { await daemon.cleanUp() } }
        do {
            let hookctl = Hookctl(daemon)
            for arguments in [
                ["event-types", "list"], ["event-types", "get", "customer.created"],
                ["event-types", "get", "customer.created", "-o", "json"],
                ["event-types", "get", "customer.created", "-o", "yaml"],
            ] {
                let stdout = try await hookctl.succeed(arguments)
                let raw = stdout.unicodeScalars.filter { $0 != "\n" && Self.isRawControl($0) }
                #expect(raw.isEmpty, "hookctl \(arguments.joined(separator: " ")) printed \(raw.map { String($0.value, radix: 16) })")
            }
            let table = try await hookctl.succeed(["event-types", "get", "customer.created"])
            #expect(table.contains(#"desc \u{1B}[2J\u{1B}]0;pwned\u{07} \r\u{9B}31m \u{202E}txt\ttab\u{7F}"#), "\(table)")
            let json = try await hookctl.succeed(["event-types", "get", "customer.created", "-o", "json"])
            let parsed = try JSONValue.parse(Data(json.utf8))
            #expect(parsed["description"] == .string(hostile))
            let stderr = try await hookctl.fail(["accounts", "get", "acc\u{1B}[31m"])
            #expect(!stderr.unicodeScalars.contains { $0 != "\n" && Self.isRawControl($0) }, "\(stderr)")
            #expect(stderr.contains(#"acc\u{1B}[31m"#), "\(stderr)")
            // A refused create is audited with its target; the escaped target must not push
            // the OUTCOME column out of line.
            _ = try await hookctl.fail(["accounts", "create", "acc\u{1B}[31m"])
            let audit = try await hookctl.succeed(["audit"]).split(separator: "\n").map(String.init)
            let header = try #require(audit.first { $0.hasPrefix("WHEN") })
            let row = try #require(audit.first { $0.contains(#"acc\u{1B}[31m"#) }, "\(audit)")
            let outcomeColumn = try #require(header.range(of: "OUTCOME")).lowerBound.utf16Offset(in: header)
            let outcome = try #require(row.range(of: "INVALID_ARGUMENT")).lowerBound.utf16Offset(in: row)
            #expect(outcome == outcomeColumn, "\(audit.joined(separator: "\n"))")
        }
        try await daemon.stop()
    }

    static func isRawControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.generalCategory == .control || (0x202A...0x202E).contains(scalar.value)
            || (0x2066...0x2069).contains(scalar.value)
    }
}

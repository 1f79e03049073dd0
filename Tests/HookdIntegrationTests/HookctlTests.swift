import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The `hookctl` binary against a real daemon: what an operator types and reads.
@Suite("hookctl")
struct HookctlTests {
    @Test("an operator sets up a webhook, inspects it, changes it and tests it")
    func webhookLifecycle() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, _ in
                let hookctl = Hookctl(daemon)
                let scratch = try TemporaryDirectory(prefix: "hookctl")
                defer { scratch.remove() }
                let example = scratch.path + "/example.json"
                try #"{"customer_id": "cust_1"}"#.write(toFile: example, atomically: true, encoding: .utf8)

                let account = try await hookctl.succeed(["accounts", "create", "acc_12345", "--max-webhooks", "5"])
                #expect(account.contains("Created account acc_12345."))
                try await hookctl.succeed([
                    "event-types", "create", "customer.created", "--description", "A customer registered", "--example",
                    example,
                ])
                let eventType = try await hookctl.json(["event-types", "get", "customer.created"], as: EventType.self)
                #expect(eventType.example == ["customer_id": "cust_1"])

                let created = try await hookctl.succeed([
                    "webhooks", "create", "crm-sync", "--account", "acc_12345", "--url", receiver.url, "--events",
                    "customer.created", "--retry", "1s,2s", "--timeout", "5s", "--header", "X-Team: sales",
                    "--description", "Keeps the CRM in sync",
                ])
                #expect(created.contains("secret: run `hookctl webhooks secret acc_12345/crm-sync`"))
                #expect(!created.contains("whsec_"), "create must never print the secret")

                // The list shows what the loyalty platform's webhook list does: URL, status, event count.
                let table = try await hookctl.succeed(["webhooks", "list"]).tableRows
                #expect(table.first == ["NAME", "ACCOUNT", "URL", "STATUS", "EVENT COUNT"])
                #expect(table.dropFirst().first == ["crm-sync", "acc_12345", receiver.url, "enabled", "1"])
                let listed = try await hookctl.json(
                    ["webhooks", "list", "--account", "acc_12345"], as: [WebhookView].self)
                #expect(listed.map(\.name) == ["crm-sync"])
                #expect(listed.first?.retry == ["1s", "2s"])
                #expect(listed.first?.headers == ["X-Team": "sales"])

                let detail = try await hookctl.succeed(["webhooks", "get", "crm-sync"])
                for expected in [
                    receiver.url, "customer.created", "at once, then 1s, 2s", "5s", "X-Team: sales",
                    "Keeps the CRM in sync", "sha256:", "Last delivery:", "none yet",
                ] {
                    #expect(detail.contains(expected), "webhooks get lacks \(expected):\n\(detail)")
                }

                let secret = try await hookctl.succeed(["webhooks", "secret", "crm-sync"])
                #expect(
                    secret.hasPrefix("whsec_") && secret.hasSuffix("\n") && secret.split(separator: "\n").count == 1)
                let secretJSON = try await hookctl.json(
                    ["webhooks", "secret", "crm-sync"], as: WebhookSecretResult.self)
                #expect(
                    secretJSON == WebhookSecretResult(webhook: "acc_12345/crm-sync", secret: String(secret.dropLast())))
                #expect(!detail.contains(secretJSON.secret))

                let updated = try await hookctl.json(
                    ["webhooks", "update", "acc_12345/crm-sync", "--timeout", "3s", "--description", "CRM v2"],
                    as: WebhookView.self)
                #expect(updated.timeout == "3s" && updated.description == "CRM v2" && updated.url == receiver.url)

                let disabled = try await hookctl.succeed([
                    "webhooks", "disable", "crm-sync", "--reason", "CRM maintenance",
                ])
                #expect(disabled.contains("Disabled webhook acc_12345/crm-sync"))
                #expect(try await hookctl.succeed(["webhooks", "list"]).tableRows.dropFirst().first?[3] == "disabled")
                #expect(
                    try await hookctl.succeed(["webhooks", "get", "crm-sync"]).contains("disabled (CRM maintenance)"))
                try await hookctl.succeed(["webhooks", "enable", "crm-sync"])
                #expect(try await hookctl.json(["webhooks", "get", "crm-sync"], as: WebhookView.self).enabled)

                let tested = try await hookctl.succeed(["webhooks", "test", "crm-sync", "--event", "customer.created"])
                let deliveryId = try #require(tested.firstMatch(of: /Delivery: (dlv_\w+)/)?.1).description
                #expect(tested.contains("hookctl deliveries get \(deliveryId)"))
                let received = try await receiver.waitForRequests(count: 1)
                #expect(try received[0].jsonBody()["event_type"] as? String == "customer.created")
                let delivered = try await eventually("the test delivery to be delivered") {
                    let detail = try await hookctl.json(["deliveries", "get", deliveryId], as: DeliveryDetail.self)
                    return detail.delivery.status == .delivered ? detail : nil
                }
                #expect(delivered.attempts.map(\.statusCode) == [200])
                let lastDelivery = try await hookctl.succeed(["webhooks", "get", "crm-sync"])
                #expect(lastDelivery.contains(deliveryId) && lastDelivery.contains("delivered"))

                let yaml = try await hookctl.succeed(["webhooks", "get", "crm-sync", "-o", "yaml"])
                #expect(yaml.contains("name: crm-sync\n") && yaml.contains("status: enabled\n"))
            }
        }
    }

    @Test("events publish takes data inline, from @file and from stdin, and says when it is a duplicate")
    func publishData() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                let hookctl = Hookctl(daemon)
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                let scratch = try TemporaryDirectory(prefix: "hookctl")
                defer { scratch.remove() }
                let file = scratch.path + "/event.json"
                try #"{"customer_id": "cust_file"}"#.write(toFile: file, atomically: true, encoding: .utf8)
                let base = ["events", "publish", "--account", Loyalty.account, "--type", "customer.created"]

                let inline = try await hookctl.succeed(
                    base + ["--data", #"{"customer_id": "cust_inline"}"#, "--id", "evt_inline"])
                #expect(inline.contains("Published event evt_inline (customer.created) to 1 delivery."))
                let fromFile = try await hookctl.json(base + ["--data", "@" + file], as: PublishedEvent.self)
                #expect(fromFile.event.data == ["customer_id": "cust_file"] && fromFile.deliveries == 1)
                let fromStdin = try await hookctl.json(
                    base + ["--data", "-"], as: PublishedEvent.self, stdin: #"{"customer_id": "cust_stdin"}"#)
                #expect(fromStdin.event.data == ["customer_id": "cust_stdin"] && !fromStdin.duplicate)

                let again = try await hookctl.succeed(
                    base + ["--data", #"{"customer_id": "cust_inline"}"#, "--id", "evt_inline"])
                #expect(again.contains("duplicate"))
                try await receiver.waitForRequests(count: 3)

                let events = try await hookctl.json(["events", "list", "--account", Loyalty.account], as: [Event].self)
                #expect(Set(events.map(\.id)) == ["evt_inline", fromFile.event.id, fromStdin.event.id])
                let limited = try await hookctl.json(["events", "list", "--limit", "1"], as: [Event].self)
                #expect(limited.count == 1)
                let table = try await hookctl.succeed(["events", "list", "--type", "customer.created"]).tableRows
                #expect(table.first == ["ID", "ACCOUNT", "TYPE", "PUBLISHED"] && table.count == 4)

                let shown = try await hookctl.succeed(["events", "get", "evt_inline"])
                #expect(
                    shown.contains("cust_inline") && shown.contains("Deliveries:")
                        && shown.contains("\(Loyalty.account)/crm"))
                let detail = try await hookctl.json(["events", "get", "evt_inline"], as: EventDetail.self)
                #expect(detail.deliveries.count == 1)
            }
        }
    }

    @Test("bad local input is refused with a clear message before anything is sent")
    func badLocalInput() async throws {
        try await withDaemon { daemon, client in
            let hookctl = Hookctl(daemon)
            try await Loyalty.seed(client)
            let base = ["events", "publish", "--account", Loyalty.account, "--type", "customer.created", "--data"]

            #expect(
                try await hookctl.fail(base + ["{not json"]).contains(
                    "hookctl: --data: the inline value is not valid JSON"))
            #expect(try await hookctl.fail(base + ["[1, 2]"]).contains("must be a JSON object"))
            #expect(
                try await hookctl.fail(base + ["@/nonexistent/event.json"]).contains(
                    "cannot read /nonexistent/event.json"))
            #expect(try await hookctl.fail(base + ["-"], stdin: "").contains("standard input is empty"))
            #expect(
                try await hookctl.fail(["event-types", "create", "feedback.updated", "--schema", "/nonexistent.json"])
                    .contains("--schema: cannot read /nonexistent.json"))
            let usage = try await hookctl.fail([
                "webhooks", "create", "w", "--account", "a", "--url", "https://x.example",
            ])
            #expect(usage.contains("--events"))

            #expect(
                try await hookctl.json(["events", "list"], as: [Event].self).isEmpty, "nothing may have been published")
            #expect(
                try await hookctl.json(["event-types", "list"], as: [EventType].self).count
                    == Loyalty.eventTypes.count + OperationalEvent.catalog.count)
        }
    }

    @Test("deliveries list and get show every attempt and the start of each response")
    func deliveriesAndAttempts() async throws {
        let body = (1...8).map { "line \($0) of the error page" }.joined(separator: "\n")
        try await withReceiver(responder: { _ in ReceiverResponse(status: 503, body: body) }) { receiver in
            try await withDaemon { daemon, client in
                let hookctl = Hookctl(daemon)
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"], retry: ["1s"])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let failed = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])
                let id = failed[0].id

                let list = try await hookctl.succeed(["deliveries", "list", "--webhook", "crm"]).tableRows
                #expect(
                    list.first == [
                        "ID", "WEBHOOK", "EVENT TYPE", "STATUS", "ATTEMPTS", "LAST", "NEXT ATTEMPT", "CREATED",
                    ])
                #expect(
                    list.dropFirst().first?.prefix(7) == [
                        id, "\(Loyalty.account)/crm", "reward.issued", "failed", "2", "503", "-",
                    ])
                let byStatus = try await hookctl.json(
                    ["deliveries", "list", "--status", "failed"], as: [Delivery].self)
                #expect(byStatus.map(\.id) == [id])
                let byEvent = try await hookctl.json(
                    ["deliveries", "list", "--event", published.event.id], as: [Delivery].self)
                #expect(byEvent.map(\.id) == [id])
                #expect(
                    try await hookctl.succeed(["deliveries", "list", "--status", "delivered"]) == "No deliveries.\n")

                let shown = try await hookctl.succeed(["deliveries", "get", id])
                let rows = shown.components(separatedBy: "Attempts:\n")[1].components(separatedBy: "\n\n")[0].tableRows
                #expect(rows.first == ["#", "STARTED", "DURATION", "RESULT", "ADDRESS", "TRIGGER"])
                #expect(
                    rows.dropFirst().map { [$0[0], $0[3], $0[4], $0[5]] } == [
                        ["1", "503", "127.0.0.1", "scheduled"], ["2", "503", "127.0.0.1", "scheduled"],
                    ])
                #expect(shown.contains("Attempt 1 response (HTTP 503):\n  line 1 of the error page\n"))
                #expect(shown.contains("line 5 of the error page") && !shown.contains("line 6 of the error page"))
                #expect(shown.contains("3 more lines"))

                let detail = try await hookctl.json(["deliveries", "get", id], as: DeliveryDetail.self)
                #expect(detail.attempts.map(\.statusCode) == [503, 503])
                #expect(detail.attempts.map(\.resolvedAddress) == ["127.0.0.1", "127.0.0.1"])
                let yaml = try await hookctl.succeed(["deliveries", "get", id, "-o", "yaml"])
                #expect(yaml.components(separatedBy: "resolvedAddress: 127.0.0.1").count == 3)
            }
        }
    }

    @Test("delete asks for --yes when there is no terminal, and deletes with it")
    func deleteConfirmation() async throws {
        try await withDaemon { daemon, client in
            let hookctl = Hookctl(daemon)
            try await Loyalty.seed(client)
            _ = try await Loyalty.webhook(client, name: "crm", url: "https://crm.example.com/hooks", events: ["*"])

            let refused = try await hookctl.fail(["webhooks", "delete", "crm"])
            #expect(refused.contains("refusing to delete webhook crm") && refused.contains("--yes"))
            #expect(try await hookctl.json(["webhooks", "list"], as: [WebhookView].self).count == 1)

            let deleted = try await hookctl.succeed(["webhooks", "delete", "crm", "--yes"])
            #expect(deleted == "Deleted webhook \(Loyalty.account)/crm and its delivery history.\n")
            #expect(try await hookctl.succeed(["webhooks", "list"]) == "No webhooks.\n")

            let gone = try await hookctl.fail(["webhooks", "delete", "crm", "--yes"])
            #expect(gone == "hookctl: webhook \"crm\" not found\n")

            #expect(try await hookctl.fail(["event-types", "delete", "reward.issued"]).contains("--yes"))
            let result = try await hookctl.json(
                ["event-types", "delete", "reward.issued", "--yes"], as: DeletedResult.self)
            #expect(result == DeletedResult(name: "reward.issued"))
            try await hookctl.succeed(["accounts", "delete", Loyalty.account, "-y"])
            #expect(try await hookctl.succeed(["accounts", "list"]) == "No accounts.\n")
        }
    }

    @Test("a daemon error prints the message and each violation, and exits 1")
    func remoteErrorWithViolations() async throws {
        try await withDaemon { daemon, client in
            let hookctl = Hookctl(daemon)
            try await Loyalty.seed(client)
            let stderr = try await hookctl.fail([
                "webhooks", "create", "bad", "--account", Loyalty.account, "--url", "ftp://example.com/x", "--events",
                "customer.created,no.such.type", "--timeout", "soon",
            ])
            let lines = stderr.split(separator: "\n").map(String.init)
            #expect(lines.first?.hasPrefix("hookctl: invalid webhook") == true, "\(stderr)")
            #expect(lines.contains { $0.hasPrefix("  - url: ") })
            #expect(lines.contains { $0.hasPrefix("  - events[1]: unknown event type \"no.such.type\"") })
            #expect(lines.contains { $0.hasPrefix("  - timeout: ") })
            #expect(try await hookctl.json(["webhooks", "list"], as: [WebhookView].self).isEmpty)
        }
    }

    @Test("global options work before the command, between its words and after it")
    func globalOptionsAnywhere() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            let hookctl = Binaries.path(of: "hookctl")
            let socket = daemon.socketPath
            let env = ["HOOKD_SOCKET": "", "HOOKD_DATA_DIR": ""]

            let before = try await runCommand(
                hookctl, ["--socket", socket, "-o", "json", "accounts", "list"], environment: env)
            #expect(before.exitCode == 0, "\(before)")
            let accounts = try JSONCoding.decoder.decode([Account].self, from: Data(before.stdout.utf8))
            #expect(accounts.map(\.name) == [Loyalty.account])

            let between = try await runCommand(
                hookctl, ["accounts", "--socket=\(socket)", "list", "-ojson"], environment: env)
            #expect(between.exitCode == 0, "\(between)")
            #expect(try JSONCoding.decoder.decode([Account].self, from: Data(between.stdout.utf8)).count == 1)

            let yaml = try await runCommand(
                hookctl, ["--output", "yaml", "status", "--socket", socket], environment: env)
            #expect(yaml.exitCode == 0 && yaml.stdout.contains("version: \(HookdVersion.current)\n"), "\(yaml)")

            let fromEnvironment = try await runCommand(
                hookctl, ["-o", "json", "status"], environment: ["HOOKD_SOCKET": socket, "HOOKD_DATA_DIR": ""])
            let status = try JSONCoding.decoder.decode(DaemonStatusResult.self, from: Data(fromEnvironment.stdout.utf8))
            #expect(status.counts.accounts == 1 && status.counts.eventTypes == Loyalty.eventTypes.count + OperationalEvent.catalog.count)

            let fromDataDir = try await runCommand(
                hookctl, ["status"], environment: ["HOOKD_SOCKET": "", "HOOKD_DATA_DIR": daemon.dataDirectory])
            #expect(fromDataDir.exitCode == 0 && fromDataDir.stdout.contains("Version:"), "\(fromDataDir)")
        }
    }

    @Test("with no daemon, one line on stderr says how to start it, and the exit status is 1")
    func daemonNotRunning() async throws {
        let scratch = try TemporaryDirectory(prefix: "hookctl")
        defer { scratch.remove() }
        let socket = scratch.path + "/missing.sock"
        let explicit = try await runHookctl(["webhooks", "list"], socket: socket, environment: ["HOOKD_SOCKET": ""])
        #expect(explicit.exitCode == 1 && explicit.stdout.isEmpty)
        #expect(
            explicit.stderr
                == "hookctl: hookd is not running (no socket at \(socket)); start it with: hookd --socket \(socket)\n")

        let dataDirectory = scratch.path + "/data"
        let implicit = try await runHookctl(
            ["status"], socket: nil, environment: ["HOOKD_SOCKET": "", "HOOKD_DATA_DIR": dataDirectory])
        #expect(implicit.exitCode == 1)
        let expected =
            "hookctl: hookd is not running (no socket at \(dataDirectory)/hookd.sock); "
            + "start it with: hookd --data-dir \(dataDirectory)\n"
        #expect(implicit.stderr == expected)
    }
}

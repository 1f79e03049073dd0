import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// hookctl's `webhooks test --wait`, labels and header removal, batch publishing from a
/// JSON Lines file, the event count of `webhooks list`, and help that does not wrap.
@Suite("hookctl gaps")
struct CommandLineGapsIntegrationTests {
    @Test("webhooks test --wait prints the first attempt's result and exits 0 only when delivered")
    func testWaits() async throws {
        let answer = StatusSwitch(200)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status, body: "nope") }) { receiver in
            try await withDaemon { daemon, _ in
                let hookctl = Hookctl(daemon)
                try await hookctl.succeed(["accounts", "create", "acc_1"])
                try await hookctl.succeed(["event-types", "create", "customer.created"])
                try await hookctl.succeed([
                    "webhooks", "create", "crm", "--account", "acc_1", "--url", receiver.url, "--events", "customer.created",
                    "--retry", "1m",
                ])
                let delivered = try await hookctl.succeed(["webhooks", "test", "crm", "--wait"])
                #expect(delivered.hasPrefix("Delivered: HTTP 200 in "), "\(delivered)")
                #expect(delivered.contains("(127.0.0.1)") && delivered.contains(": delivered"), "\(delivered)")

                answer.set(500)
                let failed = try await hookctl.run(["webhooks", "test", "crm", "--wait"])
                #expect(failed.exitCode == 1, "\(failed)")
                #expect(failed.stdout.hasPrefix("Attempt failed: HTTP 500 in "), "\(failed)")
                #expect(failed.stdout.contains(": scheduled, next attempt"), "\(failed)")
                #expect(failed.stdout.contains("nope"), "the response body is shown: \(failed)")
                let json = try await hookctl.run(["webhooks", "test", "crm", "--wait", "-o", "json"])
                let detail = try JSONCoding.decoder.decode(DeliveryDetail.self, from: Data(json.stdout.utf8))
                #expect(detail.attempts.first?.statusCode == 500 && json.exitCode == 1)
            }
        }
    }

    @Test("--label sets labels on create and update, --remove-label and --remove-header drop one each")
    func labelsAndHeaders() async throws {
        try await withDaemon { daemon, _ in
            let hookctl = Hookctl(daemon)
            try await hookctl.succeed(["accounts", "create", "acc_1"])
            try await hookctl.succeed(["event-types", "create", "customer.created"])
            try await hookctl.succeed([
                "webhooks", "create", "crm", "--account", "acc_1", "--url", "https://crm.example.com/in",
                "--events", "customer.created", "--label", "team=sales", "--label", "tier=gold",
                "--header", "X-Team: sales", "--header", "X-Env: prod",
            ])
            var view = try await hookctl.json(["webhooks", "get", "crm"], as: WebhookView.self)
            #expect(view.labels == ["team": "sales", "tier": "gold"])

            try await hookctl.succeed(["webhooks", "update", "crm", "--label", "tier=silver", "--remove-label", "team"])
            try await hookctl.succeed(["webhooks", "update", "crm", "--remove-header", "x-team"])
            view = try await hookctl.json(["webhooks", "get", "crm"], as: WebhookView.self)
            #expect(view.labels == ["tier": "silver"])
            #expect(view.headers == ["X-Env": "prod"])

            let missing = try await hookctl.fail(["webhooks", "update", "crm", "--remove-header", "X-Envv"])
            #expect(missing.contains(#"webhook crm has no header "X-Envv" (did you mean "X-Env"?)"#), "\(missing)")
            let malformed = try await hookctl.fail(["webhooks", "update", "crm", "--label", "tier"])
            #expect(malformed.contains("use KEY=VALUE"), "\(malformed)")
            try await hookctl.succeed(["webhooks", "update", "crm", "--remove-header", "X-Env"])
            #expect(try await hookctl.json(["webhooks", "get", "crm"], as: WebhookView.self).headers.isEmpty)
        }
    }

    @Test("events publish --file publishes every line, checks them all first, and names the line hookd refused")
    func publishFile() async throws {
        try await withDaemon { daemon, _ in
            let hookctl = Hookctl(daemon)
            let scratch = try TemporaryDirectory(prefix: "jsonl")
            defer { scratch.remove() }
            try await hookctl.succeed(["accounts", "create", "acc_1"])
            try await hookctl.succeed(["accounts", "create", "acc_2"])
            try await hookctl.succeed(["event-types", "create", "customer.created"])
            try await hookctl.succeed(["event-types", "create", "reward.issued"])
            try await hookctl.succeed([
                "webhooks", "create", "crm", "--account", "acc_1", "--url", "https://crm.example.com/in", "--events", "*",
                "--disabled",
            ])
            try await hookctl.succeed([
                "events", "publish", "--account", "acc_1", "--type", "customer.created", "--data", "{}", "--id", "evt_a",
            ])
            let file = scratch.path + "/events.jsonl"
            try """
                {"data": {"customer_id": "cust_1"}, "id": "evt_a"}

                {"type": "reward.issued", "data": {"reward_id": "rw_1"}}
                {"account": "acc_2", "data": {"customer_id": "cust_2"}}
                {"data": {"customer_id": "cust_3"}}

                """.write(toFile: file, atomically: true, encoding: .utf8)
            let published = try await hookctl.succeed([
                "events", "publish", "--file", file, "--account", "acc_1", "--type", "customer.created",
            ])
            #expect(published == "Published 3 events (1 duplicate skipped: already published) to 2 deliveries.\n", "\(published)")
            let events = try await hookctl.json(["events", "list"], as: [Event].self)
            #expect(events.count == 4 && Set(events.map(\.account)) == ["acc_1", "acc_2"])

            let stdin = try await hookctl.succeed(
                ["events", "publish", "--file", "-", "--account", "acc_2"],
                stdin: #"{"type": "customer.created", "data": {}}"# + "\n")
            #expect(stdin.hasPrefix("Published 1 event to 0 deliveries."), "\(stdin)")

            try "{\"data\": {}}\n{\"data\": [1]}\nnot json\n{\"dta\": {}}\n".write(toFile: file, atomically: true, encoding: .utf8)
            let bad = try await hookctl.fail(["events", "publish", "--file", file, "--account", "acc_1", "--type", "customer.created"])
            #expect(bad.contains("3 lines of \(file) cannot be published; nothing was sent"), "\(bad)")
            #expect(bad.contains("\(file):2: data must be a JSON object, got array"), "\(bad)")
            #expect(bad.contains("\(file):3: not a JSON object"), "\(bad)")
            #expect(bad.contains(#"\#(file):4: unknown field "dta" (did you mean "data"?)"#), "\(bad)")

            try "{\"data\": {}}\n{\"type\": \"reward.isued\", \"data\": {}}\n".write(toFile: file, atomically: true, encoding: .utf8)
            let refused = try await hookctl.fail(["events", "publish", "--file", file, "--account", "acc_1", "--type", "customer.created"])
            #expect(refused.contains("hookd refused the events of lines 1–2 of \(file)"), "\(refused)")
            #expect(refused.contains(#"\#(file):2: type: unknown event type "reward.isued""#), "\(refused)")
            #expect(try await hookctl.json(["events", "list"], as: [Event].self).count == 5)
        }
    }

    @Test("EVENT COUNT is the number of catalog event types a webhook receives, N (all) for *")
    func eventCount() async throws {
        try await withDaemon { daemon, _ in
            let hookctl = Hookctl(daemon)
            try await hookctl.succeed(["accounts", "create", "acc_1"])
            for type in ["customer.created", "customer.updated", "customer.deleted", "reward.issued"] {
                try await hookctl.succeed(["event-types", "create", type])
            }
            for (name, events) in [("all", "*"), ("customers", "customer.*"), ("one", "reward.issued"), ("ops", "hookd.*")] {
                try await hookctl.succeed([
                    "webhooks", "create", name, "--account", "acc_1", "--url", "https://\(name).example.com/in",
                    "--events", events,
                ])
            }
            // The catalog as the daemon holds it (hookd's own types are not platform events).
            let catalog = try await hookctl.json(["event-types", "list"], as: [EventType].self)
            let platform = catalog.filter { !OperationalEvent.isOperational($0.name) }.count
            let operational = catalog.count - platform
            let rows = try await hookctl.succeed(["webhooks", "list"]).tableRows
            let counts = Dictionary(uniqueKeysWithValues: rows.dropFirst().map { ($0[0], $0[4]) })
            #expect(counts == ["all": "\(platform) (all)", "customers": "3", "one": "1", "ops": "\(operational)"], "\(rows)")
        }
    }

    @Test("every help example fits 80 columns: no command is wrapped in the middle")
    func helpExamples() async throws {
        var pending: [[String]] = [[]]
        var seen = 0
        while let path = pending.popLast() {
            seen += 1
            let help = try await runHookctl(path + ["--help"], socket: nil, environment: ["COLUMNS": "80"])
            try #require(help.exitCode == 0, "\(path): \(help)")
            let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            var inExamples = false
            for (index, line) in lines.enumerated() {
                if line.hasPrefix("Example") { inExamples = true; continue }
                if line.hasPrefix("USAGE:") { inExamples = false }
                guard inExamples, !line.isEmpty else { continue }
                #expect(line.hasPrefix("  "), "hookctl \(path.joined(separator: " ")) --help wraps an example: \(line)")
                if line.hasSuffix("\\") {
                    #expect(lines[index + 1].hasPrefix("    "), "\(path): a continued example ends: \(line)")
                }
            }
            if let start = lines.firstIndex(of: "SUBCOMMANDS:") {
                for line in lines[(start + 1)...] {
                    guard line.hasPrefix("  ") else { break }
                    // A description wrapped onto its own line is indented further.
                    if line.hasPrefix("   ") { continue }
                    let name = line.trimmingCharacters(in: .whitespaces).split(separator: " ").first.map(String.init) ?? ""
                    if !name.isEmpty, name != "help" { pending.append(path + [name.trimmingCharacters(in: [","])]) }
                }
            }
        }
        #expect(seen > 30, "walked only \(seen) commands")
    }
}

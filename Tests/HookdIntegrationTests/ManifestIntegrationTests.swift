import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Configuration as code against a real daemon: diff, apply, prune, drift, saved plans.
@Suite("manifests")
struct ManifestIntegrationTests {
    static func secret() -> WebhookSecret { WebhookSecret.generate() }

    @Test("apply creates what diff showed; the same manifests again change nothing; secrets come from env and never print")
    func applyIsIdempotent() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                var workspace = try ManifestWorkspace(daemon)
                defer { workspace.cleanUp() }
                let crmSecret = Self.secret()
                workspace.environment["CRM_SECRET"] = crmSecret.text
                try workspace.write(
                    "loyalty.yaml",
                    Manifests.join(
                        Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                        Manifests.webhook(
                            "crm", url: receiver.url, events: ["customer.created"],
                            extra: "secret: { fromEnv: CRM_SECRET }\nretry: { schedule: [1s] }"),
                        Manifests.webhook("analytics", url: receiver.url, events: ["\"*\""])))
                let path = workspace.directory.path

                let diff = try await workspace.expect(2, ["diff", "-f", path])
                #expect(diff.stdout.hasSuffix("Plan: 4 to add, 0 to change, 0 to delete.\n"), "\(diff.stdout)")
                #expect(diff.stdout.contains("+ Webhook acc_1/crm") && diff.stdout.contains("spec.secret: (sensitive)"))
                let plan = try await workspace.json(2, ["diff", "-f", path], as: ConfigurationPlan.self)
                #expect(plan.summary == PlanSummary(add: 4, change: 0, delete: 0))

                let applied = try await workspace.expect(0, ["apply", "-f", path])
                #expect(applied.stdout.contains("Apply complete: 4 added, 0 changed, 0 deleted."))
                for output in [diff.stdout, diff.stderr, applied.stdout, applied.stderr] {
                    #expect(!output.contains("whsec_"), "a secret was printed: \(output)")
                }

                let again = try await workspace.expect(0, ["diff", "-f", path])
                #expect(again.stdout == "No changes. The live state matches the manifests.\n")
                let reapplied = try await workspace.json(0, ["apply", "-f", path], as: ManifestApplyResult.self)
                #expect(reapplied.plan.isEmpty && reapplied.applied)

                // The declared secret signs deliveries; the omitted one was generated.
                let stored = try await client.call(
                    .webhooksGetSecret, WebhookRefParams(webhook: "acc_1/crm"), as: WebhookSecretResult.self)
                #expect(stored.secret == crmSecret.text)
                let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "acc_1/crm"), as: WebhookView.self)
                #expect(view.managed && view.retry == ["1s"])
                let published = try await Loyalty.publish(client, type: "customer.created", account: "acc_1")
                let requests = try await receiver.waitForRequests(count: 2)
                let crmRequest = try #require(requests.first { request in
                    (try? WebhookSigner.verify(
                        id: request.headers["webhook-id"] ?? "", timestamp: request.headers["webhook-timestamp"] ?? "",
                        signatureHeader: request.headers["webhook-signature"] ?? "", body: request.body, secret: crmSecret))
                        != nil
                })
                #expect(crmRequest.headers["webhook-id"] == published.event.id)

                // Rotating the generated secret by hand is not undone by the next apply.
                try await workspace.expect(0, ["webhooks", "rotate-secret", "acc_1/analytics", "--grace", "0s"])
                try await workspace.expect(0, ["diff", "-f", path])
            }
        }
    }

    @Test("--prune deletes managed resources the manifests dropped and never hand-made ones")
    func prune() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let url = "https://hooks.example.com/in"
            let base = Manifests.join(Manifests.account("acc_1"), Manifests.eventType("customer.created"))
            try workspace.write("a.yaml", base)
            try workspace.write("b.yaml", Manifests.webhook("old", url: url, events: ["customer.created"]))
            try await workspace.expect(0, ["apply", "-f", workspace.directory.path])
            try await workspace.expect(0, [
                "webhooks", "create", "manual", "--account", "acc_1", "--url", url, "--events", "customer.created",
            ])
            try workspace.remove("b.yaml")

            // Without --prune nothing is deleted.
            try await workspace.expect(0, ["diff", "-f", workspace.directory.path])
            let planned = try await workspace.expect(2, ["diff", "--prune", "-f", workspace.directory.path])
            #expect(planned.stdout == "- Webhook acc_1/old\n\nPlan: 0 to add, 0 to change, 1 to delete.\n")
            let dryRun = try await workspace.expect(0, ["apply", "--prune", "--dry-run", "-f", workspace.directory.path])
            #expect(dryRun.stdout.contains("Dry run: nothing was changed."))
            #expect(try await Self.webhookNames(workspace) == ["manual", "old"])

            try await workspace.expect(0, ["apply", "--prune", "-f", workspace.directory.path])
            #expect(try await Self.webhookNames(workspace) == ["manual"])
            try await workspace.expect(0, ["diff", "--prune", "-f", workspace.directory.path])
        }
    }

    static func webhookNames(_ workspace: ManifestWorkspace) async throws -> [String] {
        try await workspace.json(0, ["webhooks", "list"], as: [WebhookView].self).map(\.name).sorted()
    }

    @Test("a webhook disabled outside the manifests shows as drift with its reason; apply restores it")
    func drift() async throws {
        try await withDaemon { daemon, client in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            try workspace.write(
                "m.yaml",
                Manifests.join(
                    Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                    Manifests.webhook("crm", url: "https://crm.example.com/in", events: ["customer.created"])))
            try await workspace.expect(0, ["apply", "-f", workspace.directory.path])
            try await workspace.expect(0, ["webhooks", "disable", "acc_1/crm", "--reason", "endpoint migration"])

            let diff = try await workspace.expect(2, ["diff", "-f", workspace.directory.path])
            #expect(
                diff.stdout == """
                    ~ Webhook acc_1/crm
                        ! drift: disabled outside the manifests (endpoint migration)
                        spec.enabled: false → true

                    Plan: 0 to add, 1 to change, 0 to delete.

                    """)
            try await workspace.expect(0, ["apply", "-f", workspace.directory.path])
            let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "acc_1/crm"), as: WebhookView.self)
            #expect(view.enabled && view.disabledReason == nil)
        }
    }

    @Test("apply is all or nothing: a failure half-way leaves the state and its revision untouched")
    func allOrNothing() async throws {
        try await withDaemon { daemon, client in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let url = "https://hooks.example.com/in"
            try workspace.write("m.yaml", Manifests.join(Manifests.account("acc_1"), Manifests.eventType("card.installed")))
            try await workspace.expect(0, ["apply", "-f", workspace.directory.path])
            // A hand-made webhook holds the managed event type by name.
            try await workspace.expect(0, [
                "webhooks", "create", "manual", "--account", "acc_1", "--url", url, "--events", "card.installed",
            ])
            let before = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)

            // Pruning the event type fails after the new account was written: both roll back.
            try workspace.write("m.yaml", Manifests.join(Manifests.account("acc_1"), Manifests.account("acc_2")))
            let failed = try await workspace.expect(1, ["apply", "--prune", "-f", workspace.directory.path])
            #expect(failed.stderr.contains("card.installed"), "\(failed.stderr)")
            let after = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
            #expect(after.counts == before.counts)
            let accounts = try await client.call(.accountsList, EmptyParams(), as: [Account].self)
            #expect(accounts.map(\.name) == ["acc_1"])
            let plan = try await workspace.json(2, ["diff", "--prune", "-f", workspace.directory.path], as: ConfigurationPlan.self)
            #expect(plan.summary == PlanSummary(add: 1, change: 0, delete: 1))
        }
    }

    @Test("the daemon's refusal points at the manifest line: plan limits count webhooks made by hand")
    func daemonProblemsAreLocated() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let url = "https://hooks.example.com/in"
            try workspace.write(
                "base.yaml", Manifests.join(Manifests.account("acc_1", maxWebhooks: 2), Manifests.eventType("reward.issued")))
            try await workspace.expect(0, ["apply", "-f", workspace.directory.path])
            try await workspace.expect(0, [
                "webhooks", "create", "manual", "--account", "acc_1", "--url", url, "--events", "reward.issued",
            ])
            let hooks = workspace.directory.path + "/hooks.yaml"
            try workspace.write(
                "hooks.yaml",
                Manifests.join(
                    Manifests.webhook("a", url: url, events: ["reward.issued"]),
                    Manifests.webhook("b", url: url, events: ["reward.issued"])))
            let refused = try await workspace.expect(1, ["apply", "-f", workspace.directory.path])
            #expect(
                refused.stderr.contains(
                    "\(hooks):11:31: account acc_1 allows at most 2 webhooks (plan.maxWebhooks); this would make 3 (2 declared here, 1 more already in hookd)"),
                "\(refused.stderr)")
            #expect(refused.stderr.contains("nothing was changed"))
            #expect(try await Self.webhookNames(workspace) == ["manual"])
        }
    }

    @Test("a saved plan applies exactly as reviewed, and is refused as stale once the state moved")
    func savedPlans() async throws {
        try await withDaemon { daemon, client in
            var workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let secret = Self.secret()
            workspace.environment["CRM_SECRET"] = secret.text
            try workspace.write(
                "m.yaml",
                Manifests.join(
                    Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                    Manifests.webhook(
                        "crm", url: "https://crm.example.com/in", events: ["customer.created"],
                        extra: "secret: { fromEnv: CRM_SECRET }")))
            let planPath = workspace.directory.path + "/plan.json"
            let diff = try await workspace.expect(2, ["diff", "-f", workspace.directory.path + "/m.yaml", "--out", planPath])
            #expect(diff.stdout.contains("Saved the plan to \(planPath)"))
            let saved = try String(contentsOfFile: planPath, encoding: .utf8)
            #expect(!saved.contains("whsec_") && saved.contains("CRM_SECRET"))

            let applied = try await workspace.expect(0, ["apply", planPath])
            #expect(applied.stdout.contains("Apply complete: 3 added, 0 changed, 0 deleted."))
            let stored = try await client.call(
                .webhooksGetSecret, WebhookRefParams(webhook: "acc_1/crm"), as: WebhookSecretResult.self)
            #expect(stored.secret == secret.text)

            // Reviewed, then someone changes the live state: the plan is stale.
            try workspace.write(
                "m.yaml",
                Manifests.join(
                    Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                    Manifests.webhook(
                        "crm", url: "https://crm.example.com/v2", events: ["customer.created"],
                        extra: "secret: { fromEnv: CRM_SECRET }")))
            try await workspace.expect(2, ["diff", "-f", workspace.directory.path + "/m.yaml", "--out", planPath])
            try await workspace.expect(0, ["webhooks", "disable", "acc_1/crm"])
            let stale = try await workspace.expect(1, ["apply", planPath])
            #expect(stale.stderr.contains("stale plan, run diff again"), "\(stale.stderr)")
            let view = try await client.call(.webhooksGet, WebhookRefParams(webhook: "acc_1/crm"), as: WebhookView.self)
            #expect(view.url == "https://crm.example.com/in")
        }
    }

    @Test("two applies racing each other never interleave")
    func racingApplies() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            func set(_ host: String) -> String {
                ([Manifests.account("acc_1"), Manifests.eventType("customer.created")]
                    + (1...6).map { Manifests.webhook("w\($0)", url: "https://\(host).example.com/\($0)", events: ["customer.created"]) })
                    .joined(separator: "---\n")
            }
            let a = try workspace.write("a/m.yaml", set("alpha"))
            let b = try workspace.write("b/m.yaml", set("beta"))
            for _ in 1...4 {
                async let first = workspace.run(["apply", "-f", a])
                async let second = workspace.run(["apply", "-f", b])
                let results = try await [first, second]
                #expect(results.allSatisfy { $0.exitCode == 0 }, "\(results)")
                let urls = try await workspace.json(0, ["webhooks", "list"], as: [WebhookView].self).map(\.url)
                let hosts = Set(urls.map { URL(string: $0)?.host ?? "" })
                #expect(hosts.count == 1 && urls.count == 6, "an apply interleaved with another: \(urls)")
            }
        }
    }

    @Test("export writes the live state as manifests that change no field; apply --adopt then manages it; -f - reads stdin")
    func exportRoundTrip() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let url = "https://hooks.example.com/in"
            try await workspace.expect(0, ["accounts", "create", "acc_1", "--max-webhooks", "4"])
            try await workspace.expect(0, ["event-types", "create", "customer.created", "--description", "A customer"])
            try await workspace.expect(0, [
                "webhooks", "create", "manual", "--account", "acc_1", "--url", url, "--events", "customer.created",
                "--retry", "10s,1m", "--timeout", "3s", "--header", "X-Team: sales", "--disabled",
            ])
            let exported = try await workspace.expect(0, ["export"])
            #expect(!exported.stdout.contains("whsec_") && !exported.stdout.contains("hookd.ping"))
            // Everything was made by hand: the plan only takes it over, changing no field.
            let adoption = try await workspace.expect(2, ["diff", "-f", "-"], stdin: exported.stdout)
            #expect(
                adoption.stdout == """
                    ~ Account acc_1 (made by hand: apply takes it over)
                    ~ EventType customer.created (made by hand: apply takes it over)
                    ~ Webhook acc_1/manual (made by hand: apply takes it over)

                    Plan: 0 to add, 3 to change, 0 to delete.

                    """, "\(adoption)")

            let folder = workspace.directory.path + "/exported"
            let written = try await workspace.expect(0, ["export", "--to", folder])
            #expect(written.stdout.contains("webhooks.yaml"))
            try await workspace.expect(0, ["validate", "-f", folder])
            try await workspace.expect(0, ["apply", "-f", folder, "--adopt"])
            try await workspace.expect(0, ["diff", "-f", folder])
            #expect(try await workspace.json(0, ["webhooks", "get", "acc_1/manual"], as: WebhookView.self).managed)
        }
    }

    @Test("apply refuses to take over a hand-made webhook without --adopt, printing the plan; with it, it is managed")
    func adoption() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            try await workspace.expect(0, ["accounts", "create", "acc_1"])
            try await workspace.expect(0, ["event-types", "create", "customer.created"])
            try await workspace.expect(0, [
                "webhooks", "create", "crm-sync", "--account", "acc_1", "--url", "https://crm.example.com/old",
                "--events", "customer.created",
            ])
            let before = try await workspace.json(0, ["webhooks", "get", "acc_1/crm-sync"], as: WebhookView.self)
            try workspace.write(
                "m.yaml",
                Manifests.join(
                    Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                    Manifests.webhook("crm-sync", url: "https://crm.example.com/new", events: ["customer.created"])))
            let path = workspace.directory.path

            let diff = try await workspace.expect(2, ["diff", "-f", path])
            #expect(diff.stdout.contains("""
                ~ Webhook acc_1/crm-sync (made by hand: apply takes it over)
                    spec.url: "https://crm.example.com/old" → "https://crm.example.com/new"
                """), "\(diff)")

            let refused = try await workspace.expect(1, ["apply", "-f", path])
            #expect(refused.stdout.contains("~ Webhook acc_1/crm-sync (made by hand: apply takes it over)"), "\(refused)")
            #expect(refused.stdout.contains("Nothing was changed"), "\(refused)")
            #expect(refused.stderr.contains("--adopt") && refused.stderr.contains("Webhook acc_1/crm-sync: made by hand"), "\(refused)")
            let untouched = try await workspace.json(0, ["webhooks", "get", "acc_1/crm-sync"], as: WebhookView.self)
            #expect(untouched.url == "https://crm.example.com/old" && !untouched.managed)
            #expect(untouched.updatedAt == before.updatedAt)

            let adopted = try await workspace.expect(0, ["apply", "-f", path, "--adopt"])
            #expect(adopted.stdout.contains("Apply complete: 0 added, 3 changed, 0 deleted."), "\(adopted)")
            let managed = try await workspace.json(0, ["webhooks", "get", "acc_1/crm-sync"], as: WebhookView.self)
            #expect(managed.url == "https://crm.example.com/new" && managed.managed)
            try await workspace.expect(0, ["diff", "-f", path])
            try await workspace.expect(0, ["apply", "-f", path])

            // Adopted, it is the manifests' own: --prune deletes it once they drop it.
            try workspace.write("m.yaml", Manifests.join(Manifests.account("acc_1"), Manifests.eventType("customer.created")))
            try await workspace.expect(0, ["apply", "-f", path, "--prune"])
            #expect(try await Self.webhookNames(workspace) == [])
        }
    }

    @Test("validate needs no daemon and exits 1 with diagnostics; -o json is terraform-shaped")
    func validateOffline() async throws {
        let scratch = try TemporaryDirectory(prefix: "validate")
        defer { scratch.remove() }
        let file = scratch.path + "/bad.yaml"
        try "apiVersion: hookd/v1\nkind: Webhok\nmetadata: { name: x }\n".write(toFile: file, atomically: true, encoding: .utf8)
        let socket = scratch.path + "/none.sock"
        let text = try await runHookctl(["validate", "-f", file], socket: socket)
        #expect(text.exitCode == 1)
        #expect(text.stdout.contains("\(file):2:7: unknown kind \"Webhok\" (did you mean \"Webhook\"?)"), "\(text)")
        let json = try await runHookctl(["validate", "-f", file, "-o", "json"], socket: socket)
        #expect(json.exitCode == 1)
        let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        let diagnostics = report?["diagnostics"] as? [[String: Any]]
        let range = diagnostics?.first?["range"] as? [String: Any]
        #expect(diagnostics?.first?["severity"] as? String == "error")
        #expect(range?["filename"] as? String == file)
        #expect((range?["start"] as? [String: Any])?["line"] as? Int == 2)
    }
}

/// The example manifest set in `examples/loyalty`, applied as a user would.
@Suite("loyalty example")
struct LoyaltyExampleTests {
    /// The repository's `examples/loyalty`.
    static let example = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("examples/loyalty")

    @Test("validate and apply accept examples/loyalty unchanged; a second apply changes nothing")
    func applyExample() async throws {
        try await withDaemon(allowInsecureTargets: false) { daemon, client in
            var workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            // A copy, so the git-ignored secret file the README asks for is not left in the tree.
            let copy = workspace.directory.path + "/loyalty"
            try FileManager.default.copyItem(atPath: Self.example.path, toPath: copy)
            try workspace.write("loyalty/secrets/reward-fulfilment.secret", WebhookSecret.generate().text + "\n")
            workspace.environment["CRM_WEBHOOK_SECRET"] = WebhookSecret.generate().text

            let validated = try await workspace.expect(0, ["validate", "-f", copy])
            #expect(validated.stdout.contains("(2 accounts, 19 event types, 5 webhooks)"), "\(validated.stdout)")
            let applied = try await workspace.expect(0, ["apply", "-f", copy])
            #expect(applied.stdout.contains("Apply complete: 26 added, 0 changed, 0 deleted."), "\(applied.stdout)")
            try await workspace.expect(0, ["diff", "-f", copy])

            let types = try await client.call(.eventTypesList, EmptyParams(), as: [EventType].self)
            let declared = types.filter { !$0.name.hasPrefix("hookd.") }
            #expect(declared.count == 19 && declared.allSatisfy { $0.schema != nil && $0.example != nil && $0.managed })
            let webhooks = try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self)
            #expect(Set(webhooks.map(\.name)) == ["crm-sync", "accounting", "analytics", "reward-fulfilment", "engagement"])
            #expect(webhooks.first { $0.name == "accounting" }?.ordering == "fifo")
            #expect(webhooks.first { $0.name == "engagement" }?.signature?.scheme == "hmac-sha256")

            // The platform's own published payloads are accepted unchanged, ids included.
            for payload in try SeedPayloads.load() {
                let type = try #require(payload["event_type"]?.stringValue)
                let published = try await Loyalty.publish(
                    client, type: type, data: try #require(payload["data"]),
                    id: payload["event_id"]?.stringValue, account: "acc_12345")
                let stored = try await client.call(.eventsGet, IdParams(id: published.event.id), as: EventDetail.self)
                #expect(stored.event.data == payload["data"], "\(type)")
                #expect(stored.event.id == payload["event_id"]?.stringValue)
            }

            // The catalog's schemas now guard publishing: the example passes, a wrong type does not.
            let example = try #require(types.first { $0.name == "transaction.completed" }?.example)
            _ = try await Loyalty.publish(client, type: "transaction.completed", data: example, account: "acc_12345")
            await #expect(throws: RPCRemoteError.self) {
                _ = try await Loyalty.publish(
                    client, type: "transaction.completed", data: ["unexpected": true], account: "acc_12345")
            }
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The audit log: every state-changing or secret-revealing call, with who made it and how
/// it ended; never a secret or a payload.
@Suite("Audit log")
struct AuditIntegrationTests {
    @Test("configuration changes, secret reads, applies and refusals are recorded with uid, pid, role, target and outcome; publishes and reads are not")
    func recordsWhoDidWhat() async throws {
        try await withDaemon { daemon, client in
            try await Loyalty.seed(client)
            let (_, secret) = try await Loyalty.webhook(client, name: "crm", url: "http://127.0.0.1:9/hooks", events: ["*"])
            _ = try await client.call(.webhooksGetSecret, WebhookRefParams(webhook: "crm"), as: WebhookSecretResult.self)
            _ = try await client.call(.webhooksDisable, WebhookDisableParams(webhook: "crm"), as: WebhookView.self)
            _ = try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self)
            _ = try await Loyalty.publish(client, type: "reward.issued")
            let duplicate = await #expect(throws: RPCRemoteError.self) {
                _ = try await client.call(.accountsCreate, AccountCreateParams(name: Loyalty.account), as: Account.self)
            }
            #expect(duplicate?.data?.status == "ALREADY_EXISTS")
            let desired = DesiredState(accounts: [AccountSpec(name: "acc_managed", maxWebhooks: 1)], eventTypes: [], webhooks: [])
            let applied = try await client.call(
                .manifestsApply, ManifestApplyParams(desired: desired), as: ManifestApplyResult.self)

            let listed = try await runHookctl(["audit", "--since", "1h", "-o", "json"], socket: daemon.socketPath)
            #expect(listed.exitCode == 0, "\(listed)")
            let entries = try JSONCoding.decoder.decode([AuditEntry].self, from: Data(listed.stdout.utf8))
            let methods = entries.map(\.method)
            // Newest first; reads and publishes are not there.
            #expect(methods.first == "Manifests.Apply")
            for method in ["Webhooks.Create", "Webhooks.GetSecret", "Webhooks.Disable", "Accounts.Create"] {
                #expect(methods.contains(method), "\(methods)")
            }
            #expect(!methods.contains("Webhooks.List") && !methods.contains("Events.Publish"), "\(methods)")
            let create = try #require(entries.first { $0.method == "Webhooks.Create" })
            #expect(create.uid == getuid())
            #expect(create.pid != nil)
            #expect(create.role == "admin")
            #expect(create.target == "\(Loyalty.account)/crm")
            #expect(create.outcome == "ok")
            let refused = try #require(entries.first { $0.method == "Accounts.Create" && $0.outcome != "ok" })
            #expect(refused.outcome == "ALREADY_EXISTS hookd.AccountAlreadyExists", "\(refused)")
            let apply = try #require(entries.first)
            #expect(apply.detail == "applied, plan \(applied.plan.digest), revision \(applied.stateRevision)", "\(apply)")
            #expect(!listed.stdout.contains(secret.text))

            let table = try await runHookctl(["audit", "--uid", "\(getuid())"], socket: daemon.socketPath)
            #expect(table.stdout.contains("Webhooks.GetSecret"), "\(table)")
            let nobody = try await runHookctl(["audit", "--uid", "4999"], socket: daemon.socketPath)
            #expect(nobody.stdout.contains("No audit entries."), "\(nobody)")
            let bad = try await runHookctl(["audit", "--since", "yesterday"], socket: daemon.socketPath)
            #expect(bad.exitCode != 0)
            #expect(bad.stderr.contains("since"), "\(bad)")
        }
    }
}

import Foundation
import HookdCore
import HookdTesting
import Testing

/// Errors that say what was probably meant, and the same problems from validate, diff and apply.
@Suite("helpful errors")
struct HelpfulErrorsIntegrationTests {
    @Test("misspelt webhooks, accounts, event types and commands get a did-you-mean")
    func didYouMean() async throws {
        try await withDaemon { daemon, _ in
            let hookctl = Hookctl(daemon)
            try await hookctl.succeed(["accounts", "create", "acc_12345"])
            try await hookctl.succeed(["event-types", "create", "transaction.completed"])
            try await hookctl.succeed([
                "webhooks", "create", "crm-sync", "--account", "acc_12345", "--url", "https://crm.example.com/hooks",
                "--events", "transaction.completed",
            ])

            let webhook = try await hookctl.fail(["webhooks", "get", "crm-snyc"])
            #expect(webhook.contains(#"webhook "crm-snyc" not found (did you mean "crm-sync"?)"#), "\(webhook)")
            let qualified = try await hookctl.fail(["webhooks", "get", "acc_12345/crm-snyc"])
            #expect(qualified.contains(#"(did you mean "acc_12345/crm-sync"?)"#), "\(qualified)")
            let account = try await hookctl.fail(["accounts", "get", "acc_1234"])
            #expect(account.contains(#"account "acc_1234" not found (did you mean "acc_12345"?)"#), "\(account)")
            let subscription = try await hookctl.fail([
                "webhooks", "create", "ledger", "--account", "acc_12345", "--url", "https://ledger.example.com/in",
                "--events", "transaction.complted",
            ])
            #expect(subscription.contains(#"(did you mean "transaction.completed"?)"#), "\(subscription)")
            #expect(!subscription.contains("event-types create transaction.complted"), "\(subscription)")

            let command = try await hookctl.fail(["webhook", "list"])
            #expect(command == "hookctl: unknown command \"webhook\" for \"hookctl\" (did you mean \"hookctl webhooks\"?)\n")
            let nested = try await hookctl.fail(["webhooks", "lst"])
            #expect(nested.contains(#"(did you mean "hookctl webhooks list"?)"#), "\(nested)")
            let unknown = try await hookctl.fail(["frobnicate"])
            #expect(unknown.contains("its commands are status, validate, diff, apply"), "\(unknown)")
        }
    }

    @Test("validate, diff and apply report the same problems for the same files")
    func sameProblems() async throws {
        try await withDaemon { daemon, _ in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            // Problems of reading (an unknown field, a wrong type) beside problems of values
            // (a typo'd event type, a bad duration, an unknown account).
            try workspace.write(
                "m.yaml",
                Manifests.join(
                    Manifests.account("acc_1"), Manifests.eventType("customer.created"),
                    Manifests.webhook(
                        "crm", url: "https://crm.example.com/hooks", events: ["customer.craeted"],
                        extra: "timeout: soon\nenabled: \"yes\"\nurll: x"),
                    Manifests.webhook("other", account: "acc_2", url: "https://other.example.com", events: ["customer.created"])))
            let path = workspace.directory.path
            let validated = try await workspace.expect(1, ["validate", "-f", path])
            let problems = validated.stdout.split(separator: "\n").filter { $0.contains(".yaml:") }.map(String.init)
            #expect(problems.count == 5, "\(validated)")
            for command in ["diff", "apply"] {
                let result = try await workspace.expect(1, [command, "-f", path])
                let reported = result.stderr.split(separator: "\n").filter { $0.contains(".yaml:") }.map(String.init)
                #expect(reported == problems, "\(command): \(result)")
                #expect(result.stderr.contains("5 errors in the manifests; nothing was changed"), "\(result)")
            }
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdSchema
import HookdTesting
import Testing

/// What `-o json` prints is the API's result, as docs/output.md lists it: each command's
/// output validates against its method's result schema in the daemon's OpenRPC document.
struct OutputShapeIntegrationTests {
    @Test("-o json of every read and write command matches the result schema of the method docs/output.md names")
    func jsonMatchesSchemas() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                let published = try await Loyalty.publish(client, type: "customer.created")
                let deliveries = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
                let document = try await client.call(name: OpenRPCDocument.discoverMethod, EmptyParams(), as: JSONValue.self)
                let schemas = try ContractSchemas(document)
                let hookctl = Hookctl(daemon)
                let commands: [([String], String)] = [
                    (["status"], "Daemon.Status"),
                    (["accounts", "list"], "Accounts.List"),
                    (["accounts", "get", Loyalty.account], "Accounts.Get"),
                    (["accounts", "create", "acc_shape", "--max-webhooks", "2"], "Accounts.Create"),
                    (["event-types", "list"], "EventTypes.List"),
                    (["event-types", "get", "customer.created"], "EventTypes.Get"),
                    (["webhooks", "list"], "Webhooks.List"),
                    (["webhooks", "get", "crm"], "Webhooks.Get"),
                    (["webhooks", "disable", "crm"], "Webhooks.Disable"),
                    (["webhooks", "enable", "crm"], "Webhooks.Enable"),
                    (["webhooks", "secret", "crm"], "Webhooks.GetSecret"),
                    (["events", "list"], "Events.List"),
                    (["events", "get", published.event.id], "Events.Get"),
                    (["deliveries", "list"], "Deliveries.List"),
                    (["deliveries", "get", deliveries[0].id], "Deliveries.Get"),
                    (["deliveries", "redeliver", deliveries[0].id], "Deliveries.Redeliver"),
                    (["webhooks", "recover", "crm", "--since", "1h", "--dry-run"], "Webhooks.Recover"),
                    (["export"], "Manifests.Export"),
                ]
                for (arguments, method) in commands {
                    let stdout = try await hookctl.succeed(arguments + ["-o", "json"])
                    let value = try JSONValue.parse(Data(stdout.utf8))
                    let violations = try schemas.result(of: method).validate(value)
                    #expect(violations.isEmpty, "hookctl \(arguments.joined(separator: " ")) -o json: \(violations)")
                    // YAML is the same document (commands that change something run once).
                    guard !["Accounts.Create", "Deliveries.Redeliver"].contains(method) else { continue }
                    let yaml = try await hookctl.succeed(arguments + ["-o", "yaml"])
                    #expect(!yaml.isEmpty && !yaml.hasPrefix("{"), "hookctl \(arguments.joined(separator: " ")) -o yaml")
                }
            }
        }
    }
}

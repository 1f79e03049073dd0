import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("recovering what a webhook missed")
struct RecoverIntegrationTests {
    @Test("recover counts, then re-sends failed and skipped deliveries of the window in order")
    func recoversInOrder() async throws {
        let answer = StatusSwitch(500)
        try await withReceiver(responder: { _ in ReceiverResponse(status: answer.status) }) { receiver in
            try await withDaemon(arguments: ["--max-in-flight-per-webhook", "1"]) { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["*"], retry: [])
                let failed = try await Loyalty.publish(client, type: "customer.created")
                _ = try await waitForDelivery(client, eventId: failed.event.id, statuses: [.failed])
                _ = try await client.call(.webhooksDisable, WebhookDisableParams(webhook: "crm"), as: WebhookView.self)
                let skipped1 = try await Loyalty.publish(client, type: "customer.updated")
                let skipped2 = try await Loyalty.publish(client, type: "reward.issued")
                _ = try await waitForDelivery(client, eventId: skipped2.event.id, statuses: [.skipped])

                let whileDisabled = try await runHookctl(["webhooks", "recover", "crm", "--since", "1h"], socket: daemon.socketPath)
                #expect(whileDisabled.exitCode == 1)
                #expect(whileDisabled.stderr.contains("disabled"))

                _ = try await client.call(.webhooksEnable, WebhookRefParams(webhook: "crm"), as: WebhookView.self)
                answer.set(200)
                let dry = try await runHookctl(
                    ["webhooks", "recover", "crm", "--since", "1h", "--dry-run"], socket: daemon.socketPath)
                #expect(dry.exitCode == 0, "\(dry)")
                #expect(dry.stdout.contains("Would re-send 3 deliveries (1 failed, 2 skipped)"))
                #expect(receiver.requests.count == 1)

                let empty = try await client.call(
                    .webhooksRecover, WebhookRecoverParams(webhook: "crm", since: "2h", until: "1h"),
                    as: WebhookRecoverResult.self)
                #expect(empty.deliveries.isEmpty)

                let real = try await runHookctl(["webhooks", "recover", "crm", "--since", "1h"], socket: daemon.socketPath)
                #expect(real.exitCode == 0, "\(real)")
                #expect(real.stdout.contains("Re-sending 3 deliveries"))
                let requests = try await receiver.waitForRequests(count: 4)
                #expect(requests.dropFirst().map { $0.headers["webhook-id"] } == [failed.event.id, skipped1.event.id, skipped2.event.id])
                for event in [failed, skipped1, skipped2] {
                    let delivery = try await waitForDelivery(client, eventId: event.event.id, statuses: [.delivered])[0]
                    let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
                    #expect(detail.attempts.last?.trigger == .recover)
                }

                let bad = try await runHookctl(["webhooks", "recover", "crm", "--since", "yesterday"], socket: daemon.socketPath)
                #expect(bad.exitCode == 1)
                #expect(bad.stderr.contains("since"))
            }
        }
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

@Suite("fifo ordering per webhook")
struct OrderingIntegrationTests {
    @Test("a fifo webhook gets its events one at a time in publish order; its failing head holds back only that webhook")
    func fifoInPublishOrder() async throws {
        // The head fails until released: the test decides when, never the clock.
        let headAnswer = StatusSwitch(500)
        // Answers take a moment, so deliveries sent side by side would overlap at the receiver.
        try await withReceiver(responder: { request in
            ReceiverResponse(
                status: request.headers["webhook-id"] == "ord-1" ? headAnswer.status : 200, delay: .milliseconds(50))
        }) { ordered in
            try await withReceiver { other in
                try await withDaemon { _, client in
                    try await Loyalty.seed(client)
                    let view = try await createWebhook(
                        client, name: "ledger", url: ordered.url, retry: Array(repeating: "1s", count: 30), ordering: "fifo")
                    #expect(view.ordering == "fifo")
                    let plain = try await createWebhook(client, name: "crm", url: other.url)
                    #expect(plain.ordering == "unordered")

                    let ids = (1...6).map { "ord-\($0)" }
                    _ = try await Loyalty.publish(client, type: "reward.issued", id: ids[0])
                    try await publishBatch(client, ids: Array(ids[1...]))

                    // The other webhook gets all six while the head is still failing, and the
                    // fifo webhook nothing but its head, tried again.
                    let toOther = try await other.waitForRequests(count: 6, timeout: .seconds(30))
                    #expect(Set(eventIds(toOther)) == Set(ids))
                    _ = try await eventually("the head's second failure") {
                        try await recordedAttempts(client, eventId: "ord-1", webhook: "ledger").count >= 2 ? true : nil
                    }
                    #expect(eventIds(ordered.requests).allSatisfy { $0 == "ord-1" })
                    headAnswer.set(200)

                    let received = try await ordered.waitForRequests(until: "ord-6 arrived", timeout: .seconds(30)) {
                        $0.contains { $0.headers["webhook-id"] == "ord-6" }
                    }
                    let receivedIds = eventIds(received)
                    #expect(Array(receivedIds.suffix(5)) == Array(ids[1...]), "\(receivedIds)")
                    #expect(receivedIds.count >= 8 && receivedIds.dropLast(5).allSatisfy { $0 == "ord-1" }, "\(receivedIds)")
                    #expect(ordered.maximumConcurrentRequests == 1)

                    for id in ids { _ = try await waitForDelivery(client, eventId: id, statuses: [.delivered]) }
                    let headAttempts = try await recordedAttempts(client, eventId: "ord-1", webhook: "ledger")
                    #expect(headAttempts.last?.statusCode == 200 && headAttempts.dropLast().allSatisfy { $0.statusCode == 500 })
                    for id in ids {
                        #expect(try await recordedAttempts(client, eventId: id, webhook: "crm").count == 1)
                    }
                    // The daemon's own record: each fifo delivery started after the one before.
                    var starts: [Date] = []
                    for id in ids {
                        starts.append(try #require(try await recordedAttempts(client, eventId: id, webhook: "ledger").last).startedAt)
                    }
                    #expect(starts == starts.sorted())
                    let headDelivered = try #require(headAttempts.last)
                    #expect(starts[1] >= headDelivered.startedAt)
                }
            }
        }
    }

    @Test("a fifo webhook's line survives a crash: after the restart, later events still wait for the head")
    func fifoSurvivesRestart() async throws {
        let answer = StatusSwitch(500)
        try await withReceiver(responder: { request in
            ReceiverResponse(status: request.headers["webhook-id"] == "ord-1" ? answer.status : 200)
        }) { receiver in
            let root = try TemporaryDirectory(prefix: "hookd-fifo")
            defer { root.remove() }
            let dataDirectory = root.path + "/data"

            let first = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let client = first.client()
            try await Loyalty.seed(client)
            // Retries to spare: a test stalled before the kill sees the head retried (and
            // failing) again rather than exhausted, which the assertions below allow for.
            _ = try await createWebhook(
                client, name: "ledger", url: receiver.url, retry: Array(repeating: "2s", count: 8), ordering: "fifo")
            try await publishBatch(client, ids: ["ord-1", "ord-2", "ord-3", "ord-4"])
            _ = try await waitForDelivery(client, eventId: "ord-1", statuses: [.scheduled])
            await client.close()
            try await first.kill()

            // The restarted daemon knows the order only from the store.
            answer.set(200)
            let second = try await RunningDaemon.start(dataDirectory: dataDirectory)
            let again = second.client()
            let received = try await receiver.waitForRequests(until: "ord-4 arrived", timeout: .seconds(30)) {
                $0.contains { $0.headers["webhook-id"] == "ord-4" }
            }
            // The head first, failing before the crash (as often as its 2 s retry came round
            // before the kill: once, unless the machine stalled that long; one more when an
            // attempt under way at the kill is sent again) and delivered after the restart;
            // only then, in publish order, everything that waited behind it.
            let ids = eventIds(received)
            #expect(Array(ids.suffix(3)) == ["ord-2", "ord-3", "ord-4"], "\(ids)")
            #expect(ids.count >= 5 && ids.dropLast(3).allSatisfy { $0 == "ord-1" }, "\(ids)")
            let head = try await waitForDelivery(again, eventId: "ord-1", statuses: [.delivered])
            #expect(head.first?.lastStatusCode == 200)
            #expect(receiver.maximumConcurrentRequests == 1)
            _ = try await waitForDelivery(again, eventId: "ord-4", statuses: [.delivered])
            #expect(eventIds(receiver.requests) == ids, "nothing is sent after the line is done")
            await again.close()
            #expect(try await second.stop() == 0)
        }
    }

    @Test("a redelivery to a fifo webhook joins the back of its line, ahead of events published after it")
    func redeliveryJoinsTheBack() async throws {
        let head = FailingHead(eventId: "ord-2", failures: 2)
        try await withReceiver(responder: { head.respond(to: $0) }) { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await createWebhook(client, name: "ledger", url: receiver.url, ordering: "fifo")
                _ = try await Loyalty.publish(client, type: "reward.issued", id: "ord-1")
                let done = try await waitForDelivery(client, eventId: "ord-1", statuses: [.delivered])[0]
                try await publishBatch(client, ids: ["ord-2", "ord-3"])
                _ = try await receiver.waitForRequests(count: 2)

                // ord-2 is failing and ord-3 waits behind it; the redelivery goes behind ord-3.
                let result = try await runHookctl(["deliveries", "redeliver", done.id], socket: daemon.socketPath)
                #expect(result.exitCode == 0, "\(result)")
                _ = try await Loyalty.publish(client, type: "reward.issued", id: "ord-4")

                let received = try await receiver.waitForRequests(count: 7, timeout: .seconds(30))
                #expect(eventIds(received) == ["ord-1", "ord-2", "ord-2", "ord-2", "ord-3", "ord-1", "ord-4"])
                #expect(receiver.maximumConcurrentRequests == 1)
                let attempts = try await recordedAttempts(client, eventId: "ord-1", webhook: "ledger")
                #expect(attempts.map(\.trigger) == [.scheduled, .manual])
            }
        }
    }

    @Test("disabling a fifo webhook keeps its line until the head is due, then skips it all in order")
    func disableSkipsTheLine() async throws {
        try await withReceiver(responder: { _ in ReceiverResponse(status: 500) }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                // The head is retried every 3 s. When the disable lands after a retry (a loaded
                // machine), the head has failed again and waits once more: still only ord-1 is
                // ever sent, and the line is skipped at its next turn.
                _ = try await createWebhook(
                    client, name: "ledger", url: receiver.url, retry: Array(repeating: "3s", count: 10), ordering: "fifo")
                try await publishBatch(client, ids: ["ord-1", "ord-2", "ord-3"])
                _ = try await waitForDelivery(client, eventId: "ord-1", statuses: [.scheduled])
                _ = try await client.call(.webhooksDisable, WebhookDisableParams(webhook: "ledger"), as: WebhookView.self)
                for id in ["ord-1", "ord-2", "ord-3"] {
                    _ = try await waitForDelivery(client, eventId: id, statuses: [.skipped])
                }
                #expect(Set(eventIds(receiver.requests)) == ["ord-1"])
            }
        }
    }

    @Test("switching a fifo webhook to unordered lets the deliveries behind a waiting head go at once")
    func switchingToUnorderedReleasesTheLine() async throws {
        let head = FailingHead(eventId: "ord-1", failures: 1)
        try await withReceiver(responder: { head.respond(to: $0) }) { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await createWebhook(client, name: "ledger", url: receiver.url, retry: ["1m"], ordering: "fifo")
                try await publishBatch(client, ids: ["ord-1", "ord-2", "ord-3"])
                _ = try await waitForDelivery(client, eventId: "ord-1", statuses: [.scheduled])
                #expect(receiver.requests.count == 1)

                let view = try await client.call(
                    .webhooksUpdate, WebhookUpdateParams(webhook: "ledger", ordering: "unordered"), as: WebhookView.self)
                #expect(view.ordering == "unordered")
                // Well before the head's retry a minute later.
                let received = try await receiver.waitForRequests(count: 3, timeout: .seconds(20))
                #expect(Set(eventIds(received).dropFirst()) == ["ord-2", "ord-3"])
                #expect(try await client.call(.eventsGet, IdParams(id: "ord-1"), as: EventDetail.self).deliveries[0].status == .scheduled)
            }
        }
    }

    @Test("ordering is set and shown through hookctl; a bad value is refused with the allowed values and changes nothing")
    func orderingThroughTheCLI() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                let hookctl = Hookctl(daemon)
                try await hookctl.succeed([
                    "webhooks", "create", "ledger", "--account", Loyalty.account, "--url", receiver.url, "--events", "*",
                    "--ordering", "fifo",
                ])
                let shown = try await hookctl.succeed(["webhooks", "get", "ledger"])
                #expect(shown.contains("Ordering:"))
                #expect(shown.contains("fifo (one at a time, in publish order)"))
                let listed = try await hookctl.json(["webhooks", "list"], as: [WebhookView].self)
                #expect(listed.map(\.ordering) == ["fifo"])

                let badFlag = try await hookctl.run(["webhooks", "update", "ledger", "--ordering", "sorted"])
                #expect(badFlag.exitCode == 1)
                #expect(badFlag.stderr.contains("unordered"))
                #expect(badFlag.stderr.contains("fifo"))

                let refused = await #expect(throws: RPCRemoteError.self) {
                    _ = try await client.call(
                        .webhooksUpdate, WebhookUpdateParams(webhook: "ledger", url: receiver.url + "/v2", ordering: "FIFO"),
                        as: WebhookView.self)
                }
                #expect(refused?.data?.status == "INVALID_ARGUMENT")
                #expect(refused?.data?.violations?.map(\.field) == ["ordering"])
                #expect(refused?.data?.violations?.first?.description == "unknown ordering \"FIFO\"; use one of unordered, fifo")
                let unchanged = try await client.call(.webhooksGet, WebhookRefParams(webhook: "ledger"), as: WebhookView.self)
                #expect(unchanged.ordering == "fifo")
                #expect(unchanged.url == receiver.url)

                let createRefused = await #expect(throws: RPCRemoteError.self) {
                    _ = try await createWebhook(client, name: "other", url: receiver.url, ordering: "random")
                }
                #expect(createRefused?.data?.violations?.map(\.field) == ["ordering"])
                #expect(try await client.call(.webhooksList, WebhookListParams(), as: [WebhookView].self).count == 1)

                try await hookctl.succeed(["webhooks", "update", "ledger", "--ordering", "unordered"])
                let updated = try await hookctl.json(["webhooks", "get", "ledger"], as: WebhookView.self)
                #expect(updated.ordering == "unordered")
            }
        }
    }
}

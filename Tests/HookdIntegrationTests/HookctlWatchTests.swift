import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookctl deliveries watch` against the real daemon: prints attempts as they happen and
/// ends cleanly on Ctrl-C.
@Suite(.timeLimit(.minutes(1)))
struct HookctlWatchTests {
    @Test("-o json prints one Watch.Delivery object per line as attempts happen; Ctrl-C exits 130")
    func json() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                _ = try await Loyalty.webhook(client, name: "ledger", url: receiver.url, events: ["*"])
                let watch = try RunningCommand.hookctl(
                    ["deliveries", "watch", "--webhook", "crm", "-o", "json"], socket: daemon.socketPath)
                try await watch.waitUntil("the watch to start") { _, stderr in stderr.contains("Watching deliveries") }
                let published = try await Loyalty.publish(client, type: "customer.created")
                try await watch.waitUntil("the attempt to be printed") { stdout, _ in
                    stdout.contains(#""change":"attempted""#)
                }
                watch.signal(SIGINT)
                #expect(await watch.exitStatus() == 130)
                let lines = watch.stdout.split(separator: "\n")
                #expect(lines.count == 2, "\(watch.stdout)")
                for line in lines {
                    let notice = try JSONCoding.decoder.decode(DeliveryWatchNotice.self, from: Data(line.utf8))
                    #expect(notice.delivery.webhookName == "crm")
                    #expect(notice.delivery.eventId == published.event.id)
                }
            }
        }
    }

    @Test("the table form prints one readable line per change, under 80 columns for usual names")
    func table() async throws {
        try await withReceiver { receiver in
            try await withDaemon { daemon, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "crm", url: receiver.url, events: ["customer.*"])
                let watch = try RunningCommand.hookctl(
                    ["deliveries", "watch", "--account", Loyalty.account], socket: daemon.socketPath)
                try await watch.waitUntil("the watch to start") { _, stderr in stderr.contains("Watching deliveries") }
                _ = try await Loyalty.publish(client, type: "customer.created")
                try await watch.waitUntil("the attempt to be printed") { stdout, _ in stdout.contains("attempted") }
                watch.signal(SIGINT)
                #expect(await watch.exitStatus() == 130)
                let lines = watch.stdout.split(separator: "\n").map(String.init)
                #expect(lines.count == 2, "\(watch.stdout)")
                #expect(lines[0].contains("created") && lines[0].contains("\(Loyalty.account)/crm"))
                #expect(lines[1].contains("attempted") && lines[1].contains("#1 200 ") && lines[1].contains("-> delivered"))
                // What happened fits 80 columns; only the delivery id (for `deliveries get`) may run past.
                for line in lines {
                    let id = try #require(line.split(separator: " ").last)
                    #expect(id.hasPrefix("dlv_"))
                    #expect(line.count - id.count <= 80, "\(line)")
                }
                #expect(!watch.stdout.contains("\u{1B}["), "no colour when not on a terminal")
            }
        }
    }
}

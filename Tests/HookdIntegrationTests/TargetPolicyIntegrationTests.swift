import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The URL policy through the real daemon started without `--allow-insecure-targets`: names
/// pass at save time and are judged at connect time, for every address they resolve to.
@Suite("URL policy through the real daemon")
struct TargetPolicyIntegrationTests {
    @Test("a name resolving to loopback is saved, but every attempt is refused at connect time with the address kept")
    func loopbackNameRefusedAtConnect() async throws {
        let name = try LoopbackHostName.find()
        try await withReceiver { receiver in
            try await withDaemon(allowInsecureTargets: false) { daemon, client in
                try await Loyalty.seed(client)
                let url = "https://\(name):\(receiver.port)/hooks"
                _ = try await Loyalty.webhook(client, name: "sneaky", url: url, events: ["*"], retry: ["1s"])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let failed = try await waitForDelivery(client, eventId: published.event.id, statuses: [.failed])

                let detail = try await client.call(.deliveriesGet, IdParams(id: failed[0].id), as: DeliveryDetail.self)
                #expect(detail.attempts.count == 2)
                #expect(detail.attempts.map(\.errorClass) == [.forbiddenAddress, .forbiddenAddress])
                #expect(detail.attempts.map(\.resolvedAddress) == ["127.0.0.1", "127.0.0.1"])
                #expect(
                    detail.attempts[0].error
                        == "forbidden_address: \(name) resolved to 127.0.0.1, a loopback address, which webhooks may "
                        + "not target (hookd --allow-target CIDR permits an internal range)")
                #expect(receiver.requests.isEmpty, "the receiver must never be reached")

                let shown = try await Hookctl(daemon).succeed(["deliveries", "get", failed[0].id])
                let rows = shown.components(separatedBy: "Attempts:\n")[1].components(separatedBy: "\n\n")[0].tableRows
                #expect(rows.dropFirst().map { [$0[3], $0[4]] } == [
                    ["forbidden_address", "127.0.0.1"], ["forbidden_address", "127.0.0.1"],
                ])
            }
        }
    }

    @Test("literal loopback, private and metadata addresses are refused at save time in every spelling")
    func literalsRefusedAtSave() async throws {
        try await withDaemon(allowInsecureTargets: false) { _, client in
            try await Loyalty.seed(client)
            for url in [
                "https://127.0.0.1:9/hooks", "https://2130706433/hooks", "https://0x7f.1/hooks", "https://0177.0.0.1/hooks",
                "https://[::ffff:127.0.0.1]/hooks", "https://[2002:7f00:1::]/hooks", "https://[64:ff9b::7f00:1]/hooks",
                "https://169.254.169.254/latest/meta-data", "https://[fd00::1]/hooks", "https://100.64.0.1/hooks",
            ] {
                do {
                    _ = try await client.call(
                        .webhooksCreate,
                        WebhookCreateParams(account: Loyalty.account, name: "literal", url: url, events: ["*"]),
                        as: WebhookView.self)
                    Issue.record("\(url) was accepted")
                } catch let error as RPCRemoteError {
                    #expect(error.data?.status == "INVALID_ARGUMENT", "\(url)")
                    #expect(error.data?.violations?.first?.field == "url", "\(url)")
                }
            }
        }
    }

    @Test("--allow-target lets https reach an internal range at the checked address, certificate checked for the name")
    func allowTargetPermitsRange() async throws {
        let name = try LoopbackHostName.find()
        let authority = try await TestCertificateAuthority.make(serverNames: [name])
        defer { authority.remove() }
        try await withReceiver(certificates: authority) { tls in
            try await withReceiver { plain in
                let arguments = ["--allow-target", "127.0.0.0/8", "--trust-ca", authority.caCertificatePath]
                try await withDaemon(allowInsecureTargets: false, arguments: arguments) { daemon, client in
                    try await Loyalty.seed(client)
                    _ = try await Loyalty.webhook(client, name: "internal", url: tls.url(host: name), events: ["*"])
                    _ = try await Loyalty.webhook(
                        client, name: "no-tls", url: "https://\(name):\(plain.port)/hooks", events: ["*"], retry: [])
                    let published = try await Loyalty.publish(client, type: "reward.issued")
                    let ended = try await waitForDelivery(
                        client, eventId: published.event.id, statuses: [.delivered, .failed], timeout: .seconds(30))

                    let delivered = try #require(ended.first { $0.webhookName == "internal" })
                    #expect(delivered.status == .delivered)
                    let good = try await client.call(.deliveriesGet, IdParams(id: delivered.id), as: DeliveryDetail.self)
                    #expect(good.attempts.map(\.resolvedAddress) == ["127.0.0.1"])
                    #expect(tls.requests.map { $0.headers["host"] } == ["\(name):\(tls.port)"])

                    // An https URL to a plain HTTP server: the connection was made to the checked
                    // address and failed in the TLS handshake.
                    let failed = try #require(ended.first { $0.webhookName == "no-tls" })
                    #expect(failed.status == .failed)
                    let bad = try await client.call(.deliveriesGet, IdParams(id: failed.id), as: DeliveryDetail.self)
                    #expect(bad.attempts.map(\.errorClass) == [.tls])
                    #expect(bad.attempts.map(\.resolvedAddress) == ["127.0.0.1"])
                    #expect(plain.requests.isEmpty)

                    let status = try await client.call(.daemonStatus, EmptyParams(), as: DaemonStatusResult.self)
                    #expect(status.allowedTargets == ["127.0.0.0/8"])
                    let shown = try await Hookctl(daemon).succeed(["status"]).split(separator: "\n")
                    #expect(shown.contains { $0.hasPrefix("Allowed targets:") && $0.hasSuffix(" 127.0.0.0/8") }, "\(shown)")
                }
            }
        }
    }

    @Test("--allow-target opens only its ranges and never plain http")
    func allowTargetKeepsTheRest() async throws {
        try await withDaemon(allowInsecureTargets: false, arguments: ["--allow-target", "127.0.0.0/8"]) { _, client in
            try await Loyalty.seed(client)
            _ = try await Loyalty.webhook(client, name: "literal", url: "https://127.0.0.1:9/hooks", events: ["*"])
            for url in ["http://127.0.0.1:9/hooks", "https://10.0.0.1/hooks", "https://169.254.169.254/hooks"] {
                do {
                    _ = try await client.call(
                        .webhooksCreate,
                        WebhookCreateParams(account: Loyalty.account, name: "other", url: url, events: ["*"]),
                        as: WebhookView.self)
                    Issue.record("\(url) was accepted")
                } catch let error as RPCRemoteError {
                    #expect(error.data?.violations?.first?.field == "url", "\(url)")
                }
            }
        }
    }

    @Test("hookctl validate judges manifest URLs offline as a daemon with the same --allow-target would")
    func validateWithAllowTarget() async throws {
        let scratch = try TemporaryDirectory(prefix: "validate-targets")
        defer { scratch.remove() }
        let file = scratch.path + "/internal.yaml"
        let manifest = [
            Manifests.account("acc_1"), Manifests.eventType("customer.created"),
            Manifests.webhook("internal", url: "https://10.1.2.3/hooks", events: ["customer.created"]),
        ].joined(separator: "---\n")
        try manifest.write(toFile: file, atomically: true, encoding: .utf8)
        let socket = scratch.path + "/none.sock"
        let refused = try await runHookctl(["validate", "-f", file], socket: socket)
        #expect(refused.exitCode == 1)
        #expect(refused.stdout.contains("10.1.2.3 is a private (RFC 1918) address"), "\(refused)")
        let allowed = try await runHookctl(["validate", "-f", file, "--allow-target", "10.0.0.0/8"], socket: socket)
        #expect(allowed.exitCode == 0, "\(allowed)")
        let malformed = try await runHookctl(["validate", "-f", file, "--allow-target", "10.0.0.0/33"], socket: socket)
        #expect(malformed.exitCode != 0)
        #expect(malformed.stderr.contains("--allow-target: \"10.0.0.0/33\" is not a valid CIDR range"), "\(malformed)")
    }

    @Test("a malformed --allow-target or unreadable --trust-ca stops hookd at start with a clear error")
    func badFlags() async throws {
        let folder = try TemporaryDirectory(prefix: "hookd-flags")
        defer { folder.remove() }
        let hookd = Binaries.path(of: "hookd")
        let badRange = try await runCommand(hookd, ["--data-dir", folder.path, "--allow-target", "10.0.0.1/8"])
        #expect(badRange.exitCode != 0)
        #expect(
            badRange.stderr.contains(
                "--allow-target: \"10.0.0.1/8\" is not a valid CIDR range: host bits are set; the network is 10.0.0.0/8"),
            "\(badRange)")
        let badFile = try await runCommand(
            hookd, ["--data-dir", folder.path, "--trust-ca", folder.path + "/missing.pem"])
        #expect(badFile.exitCode == 1)
        #expect(badFile.stderr.contains("--trust-ca \(folder.path)/missing.pem: cannot read PEM certificates"), "\(badFile)")
    }

    @Test("in development, names and literals on loopback are delivered and the address is recorded")
    func developmentRecordsAddress() async throws {
        let name = try LoopbackHostName.find()
        try await withReceiver { receiver in
            try await withDaemon { _, client in
                try await Loyalty.seed(client)
                _ = try await Loyalty.webhook(client, name: "by-name", url: receiver.url(host: name), events: ["*"])
                _ = try await Loyalty.webhook(client, name: "by-address", url: receiver.url, events: ["*"])
                let published = try await Loyalty.publish(client, type: "reward.issued")
                let delivered = try await waitForDelivery(client, eventId: published.event.id, statuses: [.delivered])
                for delivery in delivered {
                    let detail = try await client.call(.deliveriesGet, IdParams(id: delivery.id), as: DeliveryDetail.self)
                    #expect(detail.attempts.map(\.resolvedAddress) == ["127.0.0.1"], "\(delivery.webhookName)")
                }
                #expect(Set(receiver.requests.compactMap { $0.headers["host"] }) == [
                    "\(name):\(receiver.port)", "127.0.0.1:\(receiver.port)",
                ])
            }
        }
    }
}

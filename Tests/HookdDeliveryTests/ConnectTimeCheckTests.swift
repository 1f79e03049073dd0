import Foundation
import HookdCore
import HookdTesting
import Testing

@testable import HookdDelivery

/// The connect-time half of the URL policy: every resolved address is checked, and the
/// connection goes to the address that was checked.
struct ConnectTimeCheckTests {
    let production = TargetPolicy(allowInsecureTargets: false)

    @Test("a name that resolves to loopback is refused before any connection, the address recorded")
    func refusesLoopbackName() async throws {
        let receiver = try await LoopbackReceiver.start()
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.1"]])
        try await withSender(policy: production, resolver: resolver) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "https://hooks.example.test:\(receiver.port)/hooks"), timestamp: 1)
            #expect(
                result.outcome
                    == .failure(
                        .forbiddenAddress,
                        message: "hooks.example.test resolved to 127.0.0.1, a loopback address, which webhooks may "
                            + "not target (hookd --allow-target CIDR permits an internal range)"))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
        #expect(resolver.lookedUp == ["hooks.example.test"])
        #expect(receiver.requests.isEmpty)
        try await receiver.stop()
    }

    @Test("one forbidden address among public ones refuses the attempt", arguments: [
        ["93.184.216.34", "10.0.0.5"], ["10.0.0.5", "93.184.216.34"], ["2606:2800:220:1::1", "fd00::7"],
        ["93.184.216.34", "169.254.169.254"], ["93.184.216.34", "::ffff:127.0.0.1"],
    ])
    func anyForbiddenRefuses(addresses: [String]) async {
        let pinning = TargetPinning(policy: production, resolver: FakeResolver(["api.example.com": addresses]))
        guard case .refuse(let refusal) = await pinning.decide(host: "api.example.com", timeout: .seconds(5)) else {
            Issue.record("expected a refusal for \(addresses)")
            return
        }
        let forbidden = addresses.first { IPAddress(literal: $0)!.specialUse != nil }!
        #expect(refusal.outcome.errorClass == .forbiddenAddress)
        #expect(refusal.resolvedAddress == IPAddress(literal: forbidden))
        #expect(refusal.outcome.summary.contains("api.example.com resolved to \(addresses.joined(separator: ", "))"))
    }

    @Test("public addresses pass, in the resolver's order, as the only ones to connect to")
    func pinsCheckedAddresses() async throws {
        let pinning = TargetPinning(
            policy: production, resolver: FakeResolver(["api.example.com": ["2606:2800:220:1::1", "93.184.216.34"]]))
        let decision = await pinning.decide(host: "api.example.com", timeout: .seconds(5))
        let targets = ["2606:2800:220:1::1", "93.184.216.34"].map {
            PinnedTarget(host: "api.example.com", address: IPAddress(literal: $0)!)
        }
        #expect(decision == .connect(targets))
    }

    @Test("when the first checked address refuses the connection, the next one is tried and recorded")
    func fallsBackAmongCheckedAddresses() async throws {
        // Nothing listens on ::1 at the receiver's port: connecting there fails (refused, or
        // unreachable where loopback has no IPv6) before any request is written.
        let receiver = try await LoopbackReceiver.start()
        let resolver = FakeResolver(["hooks.example.test": ["::1", "127.0.0.1"]])
        // A refusal answers at once; the timeout only has to outlast a loaded machine.
        let quickConnect = SenderConfiguration(connectTimeout: .seconds(10))
        try await withSender(
            policy: TargetPolicy(allowInsecureTargets: true), configuration: quickConnect, resolver: resolver
        ) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(receiver.port)/hooks"), timestamp: 1)
            #expect(result.outcome.statusCode == 200, "\(result.outcome.summary)")
            #expect(result.resolvedAddress?.description == "127.0.0.1", "\(result.outcome.summary)")
        }
        #expect(receiver.requests.count == 1)
        try await receiver.stop()
    }

    @Test("once a connection was made, a failure is final: the next address is not tried")
    func noFallbackAfterConnecting() async throws {
        let receiver = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 503) }
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.1", "127.0.0.1"]])
        try await withSender(policy: TargetPolicy(allowInsecureTargets: true), resolver: resolver) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(receiver.port)/hooks"), timestamp: 1)
            #expect(result.outcome.statusCode == 503)
        }
        #expect(receiver.requests.count == 1)
        try await receiver.stop()
    }

    @Test("IP literals are checked as they are, without a lookup")
    func literalsSkipLookup() async throws {
        let resolver = FakeResolver([:])
        let pinning = TargetPinning(policy: production, resolver: resolver)
        guard case .refuse(let refusal) = await pinning.decide(host: "::1", timeout: .seconds(5)) else {
            Issue.record("expected ::1 to be refused")
            return
        }
        #expect(refusal.outcome.summary.hasPrefix("forbidden_address: ::1 is a loopback address, which webhooks"))
        let open = await pinning.decide(host: "93.184.216.34", timeout: .seconds(5))
        let publicAddress = try #require(IPAddress(literal: "93.184.216.34"))
        #expect(open == .connect([PinnedTarget(host: "93.184.216.34", address: publicAddress)]))
        #expect(resolver.lookedUp.isEmpty)
    }

    @Test("a name that does not resolve fails with class dns and no address")
    func dnsFailure() async throws {
        try await withSender(policy: production, resolver: FakeResolver([:])) { sender in
            let result = await sender.send(SenderFixture.work(url: "https://missing.example.test/hooks"), timestamp: 1)
            #expect(
                result.outcome
                    == .failure(.dns, message: "missing.example.test did not resolve: Name or service not known"))
            #expect(result.resolvedAddress == nil)
        }
    }

    @Test("the request goes to the checked address, never to a second lookup, with the name kept in Host")
    func connectsToCheckedAddress() async throws {
        // The name exists only in the fake resolver: reaching the receiver proves the client
        // dialled the address the check saw instead of resolving the name again.
        let receiver = try await LoopbackReceiver.start()
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.1"]])
        try await withSender(policy: TargetPolicy(allowInsecureTargets: true), resolver: resolver) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(receiver.port)/hooks"), timestamp: 1)
            #expect(result.outcome.statusCode == 200)
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
        #expect(receiver.requests.map { $0.headers["host"] } == ["hooks.example.test:\(receiver.port)"])
        try await receiver.stop()
    }

    @Test("https to an allowed internal range verifies the certificate for the name, not the address")
    func tlsKeepsTheName() async throws {
        let authority = try await TestCertificateAuthority.make(serverNames: ["hooks.example.test"])
        defer { authority.remove() }
        let receiver = try await LoopbackReceiver.start(certificates: authority)
        let loopbackAllowed = TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try IPNetwork(cidr: "127.0.0.0/8")])
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.1"], "other.example.test": ["127.0.0.1"]])
        let trusting = try SenderConfiguration(trustedCAFiles: [authority.caCertificatePath])
        try await withSender(policy: loopbackAllowed, configuration: trusting, resolver: resolver) { sender in
            let named = await sender.send(SenderFixture.work(url: receiver.url(host: "hooks.example.test")), timestamp: 1)
            #expect(named.outcome.statusCode == 200, "\(named.outcome.summary)")
            #expect(named.resolvedAddress?.description == "127.0.0.1")
            // Same address, a name the certificate does not cover: verification fails.
            let wrongName = await sender.send(
                SenderFixture.work(url: receiver.url(host: "other.example.test")), timestamp: 1)
            #expect(
                wrongName.outcome
                    == .failure(
                        .tls,
                        message: "TLS handshake with other.example.test failed: the certificate is not valid for "
                            + "other.example.test"))
        }
        #expect(receiver.requests.map { $0.headers["host"] } == ["hooks.example.test:\(receiver.port)"])
        try await receiver.stop()
    }

    @Test("a plain HTTP receiver behind an https URL is a TLS failure at the checked address")
    func tlsFailureClass() async throws {
        let receiver = try await LoopbackReceiver.start()
        let loopbackAllowed = TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try IPNetwork(cidr: "127.0.0.0/8")])
        try await withSender(policy: loopbackAllowed, resolver: FakeResolver(["hooks.example.test": ["127.0.0.1"]])) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "https://hooks.example.test:\(receiver.port)/hooks"), timestamp: 1)
            #expect(
                result.outcome
                    == .failure(
                        .tls,
                        message: "TLS handshake with hooks.example.test failed: the endpoint does not speak TLS on "
                            + "this port (wrong version number)"))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
        #expect(receiver.requests.isEmpty)
        try await receiver.stop()
    }

    @Test("the system resolver reads /etc/hosts and numeric hosts, off the event loop")
    func systemResolver() async throws {
        let localhost = try await SystemResolver().addresses(of: "localhost", timeout: .seconds(5))
        #expect(localhost.contains(IPAddress(literal: "127.0.0.1")!))
        let numeric = try await SystemResolver().addresses(of: "0x7f.1", timeout: .seconds(5))
        #expect(numeric == [IPAddress(literal: "127.0.0.1")!])
    }
}

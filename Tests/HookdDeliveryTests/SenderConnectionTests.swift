import Foundation
import HookdCore
import HookdTesting
import Testing

@testable import HookdDelivery

/// The sender's own HTTP client against real sockets on loopback: pooling, failures in
/// plain words, the connection race, limits on what is read.
struct SenderConnectionTests {
    @Test("a refused port fails at once, in plain words, long before the connect timeout")
    func refusedFailsFast() async throws {
        let closed = try RefusingPort()
        defer { withExtendedLifetime(closed) {} }
        let (url, port) = (closed.url, closed.port)
        // With a 60 s connect timeout and a 60 s webhook timeout, only an immediate failure
        // lets this finish with a connect error.
        try await withSender(configuration: SenderConfiguration(connectTimeout: .seconds(60))) { sender in
            let result = await sender.send(SenderFixture.work(url: url, timeout: .seconds(60)), timestamp: 1)
            #expect(result.outcome == .failure(.connect, message: "connection refused by 127.0.0.1:\(port)"))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
    }

    @Test("attempts in flight together share at most the configured connections, kept alive between rounds")
    func connectionLimit() async throws {
        let receiver = try await LoopbackReceiver.start()
        try await withSender(configuration: SenderConfiguration(maximumConnectionsPerTarget: 2)) { sender in
            for _ in 0..<3 {
                await withTaskGroup(of: Int?.self) { group in
                    for _ in 0..<6 {
                        group.addTask { await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode }
                    }
                    for await status in group { #expect(status == 200) }
                }
            }
        }
        let peers = Set(receiver.requests.map(\.peer))
        #expect(receiver.requests.count == 18)
        #expect(peers.count <= 2, "18 requests over \(peers.count) connections")
        #expect(receiver.maximumConcurrentRequests <= 2)
        try await receiver.stop()
    }

    @Test("a body of megabytes is cut at 4 KiB and its connection closed instead of read to the end")
    func hugeBodyClosesConnection() async throws {
        let huge = String(repeating: "x", count: 8 * 1024 * 1024)
        let receiver = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 502, body: huge) }
        try await withSender { sender in
            let first = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
            #expect(first.outcome.statusCode == 502)
            #expect(first.outcome.responseBody == String(repeating: "x", count: Attempt.maximumBodyBytes))
            receiver.respond { _ in ReceiverResponse(status: 200) }
            let second = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
            #expect(second.outcome.statusCode == 200)
        }
        let peers = receiver.requests.map(\.peer)
        #expect(peers.count == 2)
        #expect(Set(peers).count == 2, "the cut-off connection was not reused: \(peers)")
        try await receiver.stop()
    }

    @Test("a redirect is the attempt's response; it is never followed")
    func redirectNotFollowed() async throws {
        let receiver = try await LoopbackReceiver.start { request in
            request.uri == "/hooks"
                ? ReceiverResponse(status: 302, headers: ["Location": "/elsewhere"])
                : ReceiverResponse(status: 200)
        }
        try await withSender { sender in
            let result = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
            #expect(result.outcome.statusCode == 302)
            #expect(result.outcome.errorClass == .http)
            #expect(result.outcome.responseHeaders?["location"] == "/elsewhere")
        }
        #expect(receiver.requests.map(\.uri) == ["/hooks"])
        try await receiver.stop()
    }

    @Test("no response within the webhook's timeout is a timeout that names it")
    func timeoutMessage() async throws {
        let slow = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 200, delay: .seconds(5)) }
        try await withSender { sender in
            let result = await sender.send(
                SenderFixture.work(url: slow.url, timeout: Interval(milliseconds: 200)), timestamp: 1)
            #expect(result.outcome == .failure(.timeout, message: "no response within 200ms"))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
        try await slow.stop()
    }

    @Test("a blackholed first address gives way to the next one after the attempt delay; the request is sent once")
    func happyEyeballs() async throws {
        let receiver = try await LoopbackReceiver.start()
        let blackhole = try SilentListener(port: receiver.port, connects: false)
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.2", "127.0.0.1"]])
        // Connecting to 127.0.0.2 hangs for the whole 60 s connect timeout: only the race
        // reaches 127.0.0.1 within the webhook's timeout.
        try await withSender(configuration: SenderConfiguration(connectTimeout: .seconds(60)), resolver: resolver) {
            sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(receiver.port)/hooks", timeout: .seconds(30)),
                timestamp: 1)
            #expect(result.outcome.statusCode == 200, "\(result.outcome.summary)")
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
        #expect(receiver.requests.count == 1)
        withExtendedLifetime(blackhole) {}
        try await receiver.stop()
    }

    @Test("an address that never answers fails at the connect timeout, in plain words")
    func connectTimeout() async throws {
        let blackhole = try SilentListener(connects: false)
        let port = blackhole.port
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.2"]])
        try await withSender(
            configuration: SenderConfiguration(connectTimeout: Interval(milliseconds: 300)), resolver: resolver
        ) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(port)/hooks", timeout: .seconds(30)), timestamp: 1)
            #expect(result.outcome == .failure(.connect, message: "no connection to 127.0.0.2:\(port) within 300ms"))
            #expect(result.resolvedAddress?.description == "127.0.0.2")
        }
        withExtendedLifetime(blackhole) {}
    }

    @Test("a TLS handshake that gets no answer fails at the connect timeout as a TLS failure")
    func handshakeTimeout() async throws {
        let silent = try SilentListener(connects: true)
        let port = silent.port
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.2"]])
        // 2 s, not less: on a loaded machine the connection itself (which the listener
        // accepts) may take a few hundred ms to be seen, and then it is not the handshake
        // that times out.
        try await withSender(
            configuration: SenderConfiguration(connectTimeout: .seconds(2)), resolver: resolver
        ) { sender in
            let result = await sender.send(
                SenderFixture.work(url: "https://hooks.example.test:\(port)/hooks", timeout: .seconds(30)), timestamp: 1)
            #expect(
                result.outcome
                    == .failure(.tls, message: "TLS handshake with hooks.example.test did not finish within 2s"))
            #expect(result.resolvedAddress?.description == "127.0.0.2")
        }
        withExtendedLifetime(silent) {}
    }

    @Test("every address refusing fails at once with each refusal named")
    func allAddressesRefuse() async throws {
        let closed = try RefusingPort()
        defer { withExtendedLifetime(closed) {} }
        let port = closed.port
        let resolver = FakeResolver(["hooks.example.test": ["127.0.0.2", "127.0.0.1"]])
        try await withSender(configuration: SenderConfiguration(connectTimeout: .seconds(60)), resolver: resolver) {
            sender in
            let result = await sender.send(
                SenderFixture.work(url: "http://hooks.example.test:\(port)/hooks", timeout: .seconds(60)), timestamp: 1)
            #expect(
                result.outcome
                    == .failure(
                        .connect, message: "connection refused by 127.0.0.2:\(port); connection refused by 127.0.0.1:\(port)"))
            #expect(result.resolvedAddress?.description == "127.0.0.1")
        }
    }

    @Test("a kept-alive connection the server closed is noticed and not used again")
    func serverClosedIdleConnection() async throws {
        let receiver = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 200, closesConnection: true) }
        try await withSender { sender in
            #expect(await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode == 200)
            try await eventually("the closed connection leaves the pool") { sender.connectionPools.poolCount == 0 }
            receiver.respond { _ in ReceiverResponse(status: 200) }
            #expect(await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode == 200)
        }
        let peers = receiver.requests.map(\.peer)
        #expect(Set(peers).count == 2, "\(peers)")
        try await receiver.stop()
    }

    @Test("a connection idle for the idle timeout is closed; the next attempt opens a new one")
    func idleConnectionsExpire() async throws {
        let receiver = try await LoopbackReceiver.start()
        try await withSender(configuration: SenderConfiguration(idleTimeout: Interval(milliseconds: 100))) { sender in
            #expect(await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode == 200)
            try await eventually("the idle connection expires") { sender.connectionPools.poolCount == 0 }
            #expect(await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode == 200)
        }
        #expect(Set(receiver.requests.map(\.peer)).count == 2)
        try await receiver.stop()
    }

    @Test("each host and checked address gets its own pool of connections")
    func poolPerTarget() async throws {
        let receiver = try await LoopbackReceiver.start()
        let resolver = FakeResolver(["a.example.test": ["127.0.0.1"], "b.example.test": ["127.0.0.1"]])
        try await withSender(resolver: resolver) { sender in
            for host in ["a.example.test", "a.example.test", "b.example.test"] {
                let result = await sender.send(
                    SenderFixture.work(url: "http://\(host):\(receiver.port)/hooks"), timestamp: 1)
                #expect(result.outcome.statusCode == 200)
            }
            #expect(sender.connectionPools.poolCount == 2)
        }
        #expect(receiver.requests.map { $0.headers["host"] } == [
            "a.example.test:\(receiver.port)", "a.example.test:\(receiver.port)", "b.example.test:\(receiver.port)",
        ])
        let peers = receiver.requests.map(\.peer)
        #expect(peers[0] == peers[1] && peers[1] != peers[2], "\(peers)")
        try await receiver.stop()
    }

    @Test("a cancelled attempt ends at once, without waiting for the response")
    func cancellation() async throws {
        let slow = try await LoopbackReceiver.start { _ in ReceiverResponse(status: 200, delay: .seconds(60)) }
        try await withSender { sender in
            let attempt = Task { await sender.send(SenderFixture.work(url: slow.url, timeout: .seconds(120)), timestamp: 1) }
            try await slow.waitForRequests(count: 1)
            attempt.cancel()
            let result = await attempt.value
            #expect(result.outcome == .failure(.other, message: "the attempt was abandoned (hookd is stopping)"))
        }
        try await slow.stop()
    }

    @Test("after shutdown, attempts fail at once")
    func afterShutdown() async throws {
        let receiver = try await LoopbackReceiver.start()
        let sender = WebhookSender(policy: TargetPolicy(allowInsecureTargets: true), userAgent: "hookd/test")
        #expect(await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1).outcome.statusCode == 200)
        await sender.shutdown()
        let result = await sender.send(SenderFixture.work(url: receiver.url), timestamp: 1)
        #expect(result.outcome == .failure(.other, message: "hookd is shutting down"))
        #expect(receiver.requests.count == 1)
        try await receiver.stop()
    }
}

/// Polls `condition` until it holds, for state that changes on an event loop and has no
/// event to await; fails after `timeout`.
func eventually(
    _ what: String, timeout: Duration = .seconds(10), _ condition: () -> Bool
) async throws {
    let clock = ContinuousClock()
    let deadline = clock.now + timeout
    while !condition() {
        guard clock.now < deadline else {
            Issue.record("timed out waiting until \(what)")
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

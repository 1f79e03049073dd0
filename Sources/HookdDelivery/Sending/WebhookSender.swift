import AsyncHTTPClient
import Foundation
import HookdCore
import HookdStore
import NIOCore
import NIOHTTP1
import NIOSSL

/// Makes one signed POST of a delivery and reports what came back.
///
/// Before each attempt it resolves the webhook's host and checks every address against the
/// policy (`TargetPinning`), then connects to exactly the address it checked, through a
/// client pinned to it (`PinnedClients`: pooled keep-alive connections per host and
/// address, redirects never followed). Every failure becomes an `AttemptOutcome`; nothing
/// here throws. Call `shutdown()` once no more attempts will be made.
public struct WebhookSender: Sendable {
    private let clients: PinnedClients
    private let pinning: TargetPinning
    private let userAgent: String

    /// - Parameters:
    ///   - policy: checked again before every request, so a webhook saved while the daemon ran
    ///     with `--allow-insecure-targets` is not sent to once it runs without, and against
    ///     every address the host resolves to at that moment.
    ///   - userAgent: the `user-agent` header.
    ///   - clientConfiguration: settings of every client; start from
    ///     `WebhookSender.clientConfiguration()`.
    ///   - resolver: looks host names up; the system resolver unless a test fakes DNS.
    public init(
        policy: TargetPolicy, userAgent: String,
        clientConfiguration: HTTPClient.Configuration = WebhookSender.clientConfiguration(),
        resolver: any HostResolver = SystemResolver()
    ) {
        self.clients = PinnedClients(configuration: clientConfiguration)
        self.pinning = TargetPinning(policy: policy, resolver: resolver)
        self.userAgent = userAgent
    }

    /// Closes every connection; attempts made afterwards fail at once.
    public func shutdown() async {
        await clients.shutdown()
    }

    /// The client settings deliveries need: no redirects, a separate connect timeout, pooled
    /// keep-alive connections.
    public static func clientConfiguration(connectTimeout: Interval = .seconds(5)) -> HTTPClient.Configuration {
        var configuration = HTTPClient.Configuration(
            redirectConfiguration: .disallow,
            timeout: HTTPClient.Configuration.Timeout(connect: .milliseconds(connectTimeout.milliseconds)),
            connectionPool: HTTPClient.Configuration.ConnectionPool(
                idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: 8),
            decompression: .disabled)
        configuration.httpVersion = .automatic
        return configuration
    }

    /// The same settings, trusting the CA certificates in `trustedCAFiles` (PEM) besides the
    /// system's: for internal targets whose certificates a private CA signed.
    public static func clientConfiguration(
        connectTimeout: Interval = .seconds(5), trustedCAFiles: [String]
    ) throws(TrustedCAError) -> HTTPClient.Configuration {
        var configuration = clientConfiguration(connectTimeout: connectTimeout)
        if !trustedCAFiles.isEmpty {
            var tls = TLSConfiguration.makeClientConfiguration()
            tls.additionalTrustRoots = [.certificates(try TrustedCAError.certificates(in: trustedCAFiles))]
            configuration.tlsConfiguration = tls
        }
        return configuration
    }

    /// Sends `body` for `delivery` to `webhook` and classifies the result.
    ///
    /// `timestamp` is the attempt's time in Unix seconds; it goes into `webhook-timestamp`
    /// and the signature. The webhook's timeout covers the lookup and the request together.
    public func send(_ work: DeliveryWork, timestamp: Int64) async -> AttemptResult {
        let webhook = work.webhook
        let url: URL
        do {
            url = try pinning.policy.check(webhook.url)
        } catch {
            return AttemptResult(.failure(.refused, message: error.message))
        }
        guard let host = TargetPolicy.connectionHost(of: url) else {
            return AttemptResult(.failure(.refused, message: "\(webhook.url) has no host"))
        }
        let clock = ContinuousClock()
        let deadline = clock.now + webhook.timeout.duration
        let targets: [PinnedTarget]
        switch await pinning.decide(host: host, timeout: webhook.timeout) {
        case .refuse(let refusal): return refusal
        case .connect(let checked): targets = checked
        }
        let request = makeRequest(work, timestamp: timestamp)
        var tried: [IPAddress] = []
        var result = AttemptResult(.failure(.timeout, message: "no response within \(webhook.timeout)"))
        // Like the client's own fallback between addresses, but only among checked ones and
        // only while no connection was made, so a request is never sent twice.
        for target in targets {
            let remaining = deadline - clock.now
            guard remaining > .zero else { break }
            tried.append(target.address)
            let sent = await clients.withClient(for: target) { client in
                await Self.execute(request, on: client, timeout: remaining, webhookTimeout: webhook.timeout)
            }
            guard let sent else {
                return AttemptResult(.failure(.other, message: "hookd is shutting down"), resolvedAddress: target.address)
            }
            result = AttemptResult(sent.outcome, resolvedAddress: target.address)
            if !sent.neverConnected { break }
        }
        if tried.count > 1, case .failure(let errorClass, let message) = result.outcome {
            let addresses = tried.map(\.description).joined(separator: ", ")
            result.outcome = .failure(errorClass, message: "\(message) (tried \(addresses))")
        }
        return result
    }

    /// The signed POST, addressed to the webhook's own URL (the pinned client maps its host
    /// to the checked address, so `Host`, SNI and certificate checks keep the name).
    private func makeRequest(_ work: DeliveryWork, timestamp: Int64) -> HTTPClientRequest {
        let webhook = work.webhook
        var request = HTTPClientRequest(url: webhook.url)
        request.method = .POST
        for (name, value) in webhook.headers where !ReservedHeaders.names.contains(name.lowercased()) {
            request.headers.add(name: name, value: value)
        }
        request.headers.add(name: "content-type", value: "application/json")
        request.headers.add(name: "user-agent", value: userAgent)
        let signing = WebhookSigner.headers(
            id: work.delivery.eventId, timestamp: timestamp, body: work.body,
            secrets: webhook.signingSecrets(at: Date(timeIntervalSince1970: TimeInterval(timestamp))))
        for (name, value) in signing { request.headers.add(name: name, value: value) }
        request.body = .bytes(ByteBuffer(bytes: work.body))
        return request
    }

    /// Makes the request and classifies the result; `neverConnected` when it failed before
    /// any connection existed, so another address may be tried without sending twice.
    private static func execute(
        _ request: HTTPClientRequest, on client: HTTPClient, timeout: Duration, webhookTimeout: Interval
    ) async -> (outcome: AttemptOutcome, neverConnected: Bool) {
        do {
            let response = try await client.execute(request, timeout: .nanoseconds(timeout.wholeNanoseconds))
            let body = try await readPrefix(of: response.body, limit: Attempt.maximumBodyBytes)
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: Date()) }
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                headers[name.lowercased(), default: ""] += headers[name.lowercased()] == nil ? value : ", \(value)"
            }
            let outcome = AttemptOutcome.response(
                statusCode: Int(response.status.code), body: Attempt.truncatedBody(body), retryAfter: retryAfter,
                headers: headers)
            return (outcome, false)
        } catch {
            let outcome = classify(error, timeout: webhookTimeout)
            let closedByPeer = (error as? HTTPClientError) == .remoteConnectionClosed
            return (outcome, outcome.errorClass == .connect && !closedByPeer)
        }
    }

    /// Reads at most `limit` bytes of a response body; the rest is dropped, which also
    /// lets the client close a connection that streams too much.
    private static func readPrefix(of body: HTTPClientResponse.Body, limit: Int) async throws -> [UInt8] {
        var collected: [UInt8] = []
        for try await chunk in body {
            collected += chunk.readableBytesView.prefix(limit - collected.count)
            if collected.count >= limit { break }
        }
        return collected
    }

    /// Sorts a transport failure into the coarse classes of `AttemptErrorClass`.
    static func classify(_ error: any Error, timeout: Interval) -> AttemptOutcome {
        if let clientError = error as? HTTPClientError {
            switch clientError {
            case .deadlineExceeded, .readTimeout, .writeTimeout:
                return .failure(.timeout, message: "no response within \(timeout)")
            case .connectTimeout, .getConnectionFromPoolTimeout:
                return .failure(.connect, message: "connect timed out")
            case .tlsHandshakeTimeout:
                return .failure(.tls, message: "TLS handshake timed out")
            case .remoteConnectionClosed:
                return .failure(.connect, message: "the endpoint closed the connection")
            default:
                return .failure(.other, message: String(describing: clientError))
            }
        }
        let text = String(describing: error)
        let typeName = String(reflecting: type(of: error))
        if typeName.contains("NIOConnectionError") && text.hasPrefix("DNS error") {
            return .failure(.dns, message: text)
        }
        if typeName.contains("SSL") || typeName.contains("TLS") || typeName.contains("BoringSSL") {
            return .failure(.tls, message: text)
        }
        if typeName.contains("NIOConnectionError") || error is IOError || text.localizedCaseInsensitiveContains("refused") {
            return .failure(.connect, message: text)
        }
        return .failure(.other, message: text)
    }
}

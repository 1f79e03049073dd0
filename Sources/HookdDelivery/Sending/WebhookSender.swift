import AsyncHTTPClient
import Foundation
import HookdCore
import HookdStore
import NIOCore
import NIOHTTP1

/// Makes one signed POST of a delivery and reports what came back.
///
/// Holds the daemon's single `HTTPClient` (pooled keep-alive connections, redirects never
/// followed). Every failure becomes an `AttemptOutcome`; nothing here throws.
public struct WebhookSender: Sendable {
    private let client: HTTPClient
    private let policy: TargetPolicy
    private let userAgent: String

    /// - Parameters:
    ///   - client: shared client; configure it with `WebhookSender.clientConfiguration()`.
    ///   - policy: checked again before every request, so a webhook saved while the daemon ran
    ///     with `--allow-insecure-targets` is not sent to once it runs without.
    public init(client: HTTPClient, policy: TargetPolicy, userAgent: String) {
        self.client = client
        self.policy = policy
        self.userAgent = userAgent
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

    /// Sends `body` for `delivery` to `webhook` and classifies the result.
    ///
    /// `timestamp` is the attempt's time in Unix seconds; it goes into `webhook-timestamp`
    /// and the signature.
    public func send(_ work: DeliveryWork, timestamp: Int64) async -> AttemptOutcome {
        let webhook = work.webhook
        do {
            try policy.check(webhook.url)
        } catch {
            return .failure(.refused, message: error.message)
        }
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

        do {
            let response = try await client.execute(request, timeout: .milliseconds(webhook.timeout.milliseconds))
            let body = try await Self.readPrefix(of: response.body, limit: Attempt.maximumBodyBytes)
            let retryAfter = response.headers.first(name: "retry-after").flatMap { RetryAfter.parse($0, now: Date()) }
            var headers: [String: String] = [:]
            for (name, value) in response.headers {
                headers[name.lowercased(), default: ""] += headers[name.lowercased()] == nil ? value : ", \(value)"
            }
            return .response(
                statusCode: Int(response.status.code), body: Attempt.truncatedBody(body), retryAfter: retryAfter,
                headers: headers)
        } catch {
            return Self.classify(error, timeout: webhook.timeout)
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

import Foundation
import HookdCore
import HookdStore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Makes one signed POST of a delivery and reports what came back.
///
/// Before each attempt it checks the URL against the policy, resolves the host (answers
/// cached briefly) and checks every address (`TargetPinning`); then it sends over a
/// kept-alive connection to exactly those addresses (`ConnectionPools`, one pool per host,
/// port and checked addresses; new connections race the addresses, happy-eyeballs style).
/// `Host`, SNI and the certificate check keep the URL's host name. Redirects are never
/// followed: a 3xx is a response like any other. Every failure becomes an `AttemptOutcome`
/// with a plain message; nothing here throws. Call `shutdown()` once no more attempts will
/// be made.
public struct WebhookSender: Sendable {
    private let pools: ConnectionPools
    private let pinning: TargetPinning
    private let checkedTargets: CheckedTargets
    private let userAgent: String

    /// - Parameters:
    ///   - policy: checked again before every request, so a webhook saved while the daemon ran
    ///     with `--allow-insecure-targets` is not sent to once it runs without, and against
    ///     every address the host resolves to at that moment.
    ///   - userAgent: the `user-agent` header.
    ///   - configuration: timeouts, pooling, DNS caching and trusted CAs.
    ///   - resolver: looks host names up; the system resolver unless a test fakes DNS. Its
    ///     answers are cached for `configuration.addressCacheTTL`.
    public init(
        policy: TargetPolicy, userAgent: String, configuration: SenderConfiguration = SenderConfiguration(),
        resolver: any HostResolver = SystemResolver(),
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        let tls = Result { try NIOSSLContext(configuration: configuration.tlsConfiguration) }
            .mapError { ConnectionFactory.TLSSetupFailure(problem: "\($0)") }
        let factory = ConnectionFactory(
            group: eventLoopGroup, tls: tls, connectTimeout: configuration.connectTimeout,
            attemptDelay: .milliseconds(configuration.connectionAttemptDelay.milliseconds))
        self.pools = ConnectionPools(
            factory: factory, maximumConnectionsPerOrigin: configuration.maximumConnectionsPerTarget,
            idleTimeout: configuration.idleTimeout)
        let cached = CachingResolver(resolver, timeToLive: configuration.addressCacheTTL)
        self.pinning = TargetPinning(policy: policy, resolver: cached)
        self.checkedTargets = CheckedTargets(policy: policy)
        self.userAgent = userAgent
    }

    /// Closes every connection; attempts made afterwards fail at once.
    public func shutdown() async {
        await pools.shutdown()
    }

    /// The connection pools (for tests).
    var connectionPools: ConnectionPools { pools }

    /// Sends `body` for `delivery` to `webhook` and classifies the result.
    ///
    /// `timestamp` is the attempt's time in Unix seconds; it goes into `webhook-timestamp`
    /// and the signature. The webhook's timeout covers the lookup, connecting, the request
    /// and the response together.
    public func send(_ work: DeliveryWork, timestamp: Int64) async -> AttemptResult {
        let webhook = work.webhook
        let deadline = NIODeadline.now() + .milliseconds(webhook.timeout.milliseconds)
        let target: RequestTarget
        switch checkedTargets.verdict(on: webhook.url) {
        case .send(let checked): target = checked
        case .refuse(let message): return AttemptResult(.failure(.refused, message: message))
        }
        let addresses: [IPAddress]
        switch await pinning.decide(host: target.host, timeout: webhook.timeout) {
        case .refuse(let refusal): return refusal
        case .connect(let checked): addresses = Self.distinct(checked.map(\.address))
        }
        let request: WebhookRequest
        do {
            request = try WebhookRequest(work, target: target, userAgent: userAgent, timestamp: timestamp)
        } catch {
            return AttemptResult(error.outcome, resolvedAddress: addresses.first)
        }
        let origin = PinnedOrigin(usesTLS: target.usesTLS, host: target.host, port: target.port, addresses: Set(addresses))
        let result = await exchange(request, on: origin, addresses: addresses, deadline: deadline, timeout: webhook.timeout)
        switch result {
        case .response(let response):
            return AttemptResult(Self.outcome(of: response), resolvedAddress: response.address)
        case .failure(let failure):
            return AttemptResult(failure.outcome, resolvedAddress: failure.address ?? addresses.first)
        }
    }

    /// Runs the request on the origin's pool; a cancelled task ends it at once.
    private func exchange(
        _ request: WebhookRequest, on origin: PinnedOrigin, addresses: [IPAddress], deadline: NIODeadline,
        timeout: Interval
    ) async -> ExchangeResult {
        guard !Task.isCancelled else { return .failure(.cancelled(address: addresses.first)) }
        let id = pools.nextRequestID()
        return await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in
                let exchange = Exchange(
                    id: id, head: request.head, body: request.body, deadline: deadline, timeout: timeout,
                    continuation: continuation)
                pools.execute(exchange, on: origin, addresses: addresses)
            }
        } onCancel: {
            pools.cancel(id, on: origin)
        }
    }

    /// A response as an attempt records it: status, the kept body as text, headers by
    /// lowercased name (repeats joined with `, `), and a readable `Retry-After`.
    static func outcome(of response: ExchangeResponse) -> AttemptOutcome {
        var headers: [String: String] = [:]
        var retryAfter: Interval?
        for (name, value) in response.headers {
            let key = name.lowercased()
            if let existing = headers[key] {
                headers[key] = existing + ", " + value
            } else {
                headers[key] = value
            }
            if key == "retry-after", retryAfter == nil { retryAfter = RetryAfter.parse(value, now: Date()) }
        }
        return .response(
            statusCode: response.status, body: Attempt.truncatedBody(response.body.readableBytesView),
            retryAfter: retryAfter, headers: headers)
    }

    /// The addresses in order, each once (a resolver may repeat one).
    private static func distinct(_ addresses: [IPAddress]) -> [IPAddress] {
        var seen: [IPAddress] = []
        for address in addresses where !seen.contains(address) { seen.append(address) }
        return seen
    }
}

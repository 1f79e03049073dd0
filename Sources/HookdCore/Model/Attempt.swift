import Foundation

/// One HTTP request made for a delivery, as recorded in its history.
public struct Attempt: Sendable, Equatable, Codable {
    public var deliveryId: String
    /// 1 for the first attempt of the delivery.
    public var number: Int
    public var startedAt: Date
    /// Wall time from sending the request to the end of the response (or the failure).
    public var durationMs: Int64
    /// The HTTP status when a response arrived.
    public var statusCode: Int?
    /// The kind of failure when no acceptable response arrived.
    public var errorClass: AttemptErrorClass?
    /// The failure in words.
    public var error: String?
    /// The first `Attempt.maximumBodyBytes` of the response body, as UTF-8 (lossy).
    public var responseBody: String?
    /// What started the attempt.
    public var trigger: AttemptTrigger
    /// The response's headers by lowercased name, when a response arrived.
    public var responseHeaders: [String: String]?
    /// When the delivery's next attempt was scheduled after this one; `nil` when it ended.
    public var nextAttemptAt: Date?
    /// The address the attempt connected to (`93.184.216.34`, `::1`) after the URL policy
    /// checked it, or the forbidden one that made it refuse; `nil` when no address was
    /// reached (DNS failed, the URL was refused) and for attempts recorded before hookd kept it.
    public var resolvedAddress: String?

    /// How much of a response body is kept.
    public static let maximumBodyBytes = 4096

    public init(
        deliveryId: String, number: Int, startedAt: Date, durationMs: Int64, outcome: AttemptOutcome,
        trigger: AttemptTrigger = .scheduled, nextAttemptAt: Date? = nil, resolvedAddress: String? = nil
    ) {
        self.deliveryId = deliveryId
        self.number = number
        self.startedAt = startedAt
        self.durationMs = durationMs
        self.statusCode = outcome.statusCode
        self.errorClass = outcome.errorClass
        self.error = outcome.isSuccess ? nil : outcome.summary
        self.responseBody = outcome.responseBody
        self.trigger = trigger
        self.responseHeaders = outcome.responseHeaders
        self.nextAttemptAt = nextAttemptAt
        self.resolvedAddress = resolvedAddress
    }

    /// Keeps the first `maximumBodyBytes` of `body` as text, never splitting a character.
    public static func truncatedBody(_ body: some Collection<UInt8>) -> String {
        String(decoding: body.prefix(maximumBodyBytes), as: UTF8.self)
    }
}

/// What started an attempt.
public enum AttemptTrigger: String, Sendable, Codable {
    /// The delivery's own schedule.
    case scheduled
    /// An operator asked for it (`deliveries redeliver`).
    case manual
    /// An operator replayed what a webhook missed (`webhooks recover`).
    case recover
}

/// The result of one attempt, before it is recorded.
public enum AttemptOutcome: Sendable, Equatable {
    /// A response arrived; `body` is its first 4 KiB; `retryAfter` is its `Retry-After`,
    /// when it gave a readable one; `headers` by lowercased name (repeats joined by `, `).
    case response(statusCode: Int, body: String, retryAfter: Interval? = nil, headers: [String: String] = [:])
    /// No response: the connection, TLS, DNS or the timeout failed, or the target was refused.
    case failure(AttemptErrorClass, message: String)

    /// A 2xx response.
    public var isSuccess: Bool {
        if case .response(let code, _, _, _) = self { return (200..<300).contains(code) }
        return false
    }

    public var statusCode: Int? {
        if case .response(let code, _, _, _) = self { return code }
        return nil
    }

    public var responseHeaders: [String: String]? {
        if case .response(_, _, _, let headers) = self { return headers }
        return nil
    }

    public var responseBody: String? {
        if case .response(_, let body, _, _) = self { return body }
        return nil
    }

    /// The wait the endpoint asked for with `Retry-After`; honoured only on 429 and 503.
    public var requestedRetryDelay: Interval? {
        guard case .response(let code, _, let retryAfter, _) = self, code == 429 || code == 503 else { return nil }
        return retryAfter
    }

    /// `http` for a non-2xx response, the failure's class otherwise, `nil` on success.
    public var errorClass: AttemptErrorClass? {
        switch self {
        case .response: isSuccess ? nil : .http
        case .failure(let errorClass, _): errorClass
        }
    }

    /// One line for logs and tables: `HTTP 503`, `timeout: no response within 10s`.
    public var summary: String {
        switch self {
        case .response(let code, _, _, _): "HTTP \(code)"
        case .failure(let errorClass, let message): "\(errorClass.rawValue): \(message)"
        }
    }
}

/// Why an attempt failed, coarse enough for metrics and tables.
public enum AttemptErrorClass: String, Sendable, Codable, CaseIterable {
    /// A response arrived but it was not 2xx (3xx counts: redirects are not followed).
    case http
    /// No response within the webhook's timeout.
    case timeout
    /// The TCP connection could not be made or broke.
    case connect
    /// The TLS handshake failed.
    case tls
    /// The host name did not resolve.
    case dns
    /// The URL policy refused the target URL (plain http, a forbidden literal, `localhost`).
    case refused
    /// The host resolved to an address the URL policy forbids (loopback, private, link-local,
    /// ...); no connection was made.
    case forbiddenAddress = "forbidden_address"
    /// Anything else.
    case other
}

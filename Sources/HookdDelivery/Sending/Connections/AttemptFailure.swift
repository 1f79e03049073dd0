import HookdCore

/// Why an attempt got no response: its class, and a message an operator can act on
/// (`connection refused by 127.0.0.1:9000`, `no response within 10s`).
struct AttemptFailure: Error, Hashable, Sendable, CustomStringConvertible {
    var errorClass: AttemptErrorClass
    var message: String
    /// The address the attempt was connecting or connected to, when it got that far.
    var address: IPAddress?

    init(_ errorClass: AttemptErrorClass, _ message: String, address: IPAddress?) {
        self.errorClass = errorClass
        self.message = message
        self.address = address
    }

    var description: String { "\(errorClass.rawValue): \(message)" }

    /// The outcome an attempt records for it.
    var outcome: AttemptOutcome { .failure(errorClass, message: message) }

    /// `no response within 10s`: the webhook's timeout passed, whatever the attempt was doing.
    static func timedOut(after timeout: Interval, address: IPAddress?) -> AttemptFailure {
        AttemptFailure(.timeout, "no response within \(timeout)", address: address)
    }

    /// The peer closed a connection that was waiting for (or reading) the response.
    static func closed(by endpoint: SocketEndpoint, duringResponse: Bool) -> AttemptFailure {
        let when = duringResponse ? "before the response ended" : "before responding"
        return AttemptFailure(.connect, "\(endpoint) closed the connection \(when)", address: endpoint.address)
    }

    /// The peer answered something that is not an HTTP/1.1 response.
    static func invalidResponse(from endpoint: SocketEndpoint, _ problem: String) -> AttemptFailure {
        AttemptFailure(.other, "\(endpoint) answered with invalid HTTP/1.1 (\(problem))", address: endpoint.address)
    }

    /// The sender is shutting down and takes no more attempts.
    static func shuttingDown(address: IPAddress?) -> AttemptFailure {
        AttemptFailure(.other, "hookd is shutting down", address: address)
    }

    /// The attempt's task was cancelled (shutdown abandoned it).
    static func cancelled(address: IPAddress?) -> AttemptFailure {
        AttemptFailure(.other, "the attempt was abandoned (hookd is stopping)", address: address)
    }

    /// Several addresses were tried and each failed: the failures in order, joined, with the
    /// last one's class and address.
    static func combined(_ failures: [AttemptFailure]) -> AttemptFailure? {
        guard let last = failures.last else { return nil }
        guard failures.count > 1 else { return last }
        var messages: [String] = []
        for failure in failures where !messages.contains(failure.message) { messages.append(failure.message) }
        return AttemptFailure(last.errorClass, messages.joined(separator: "; "), address: last.address)
    }
}

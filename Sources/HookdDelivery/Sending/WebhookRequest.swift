import Foundation
import HookdCore
import HookdStore
import NIOCore
import NIOHTTP1

/// The signed POST of one attempt, as it goes on the wire: the webhook's custom headers
/// (minus the reserved ones and its signature header), the event's `traceparent` and
/// `tracestate` when it has them, `content-type`, `user-agent`, the
/// signature headers of the webhook's scheme and an exact `content-length`, so the body is
/// never chunked.
struct WebhookRequest: Sendable {
    var head: HTTPRequestHead
    var body: ByteBuffer

    /// Builds the request for `work` at `target`; `timestamp` (Unix seconds) goes into
    /// `webhook-timestamp` and the signature.
    init(_ work: DeliveryWork, target: RequestTarget, userAgent: String, timestamp: Int64) throws(AttemptFailure) {
        let webhook = work.webhook
        var headers = HTTPHeaders()
        headers.reserveCapacity(8 + webhook.headers.count)
        headers.add(name: "host", value: target.hostHeader)
        let signatureHeader = webhook.signature.scheme == .hmacSHA256 ? webhook.signature.header.lowercased() : nil
        let trace = work.traceContext
        for (name, value) in webhook.headers {
            let lowercased = name.lowercased()
            guard !ReservedHeaders.names.contains(lowercased), lowercased != signatureHeader else { continue }
            // The event's own trace context wins over a webhook's fixed header of that name.
            if trace != nil && (lowercased == "traceparent" || lowercased == "tracestate") { continue }
            // The API refuses such headers when a webhook is saved; never put one on the wire.
            guard value.utf8.allSatisfy({ $0 != 13 && $0 != 10 && $0 != 0 }) else {
                throw AttemptFailure(.other, "the custom header \(name) holds a line break", address: nil)
            }
            headers.add(name: name, value: value)
        }
        if let trace {
            for (name, value) in trace.headers { headers.add(name: name, value: value) }
        }
        headers.add(name: "content-type", value: "application/json")
        headers.add(name: "user-agent", value: userAgent)
        let signing = WebhookSigner.headers(
            id: work.delivery.eventId, timestamp: timestamp, body: work.body,
            secrets: webhook.signingSecrets(at: Date(timeIntervalSince1970: TimeInterval(timestamp))),
            signature: webhook.signature)
        for (name, value) in signing { headers.add(name: name, value: value) }
        headers.add(name: "content-length", value: String(work.body.count))
        head = HTTPRequestHead(version: .http1_1, method: .POST, uri: target.path, headers: headers)
        body = ByteBuffer(bytes: work.body)
    }
}

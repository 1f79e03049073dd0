import Foundation
import HookdCore

/// The text `hookctl listen` prints for one request: a heading with the event type,
/// webhook-id and attempt, the signing headers, a verdict per signature, the body as
/// indented JSON and the answer given. Everything from the request is escaped for the
/// terminal.
struct ListenReport {
    var request: ListenRequest
    /// How many times this webhook-id has arrived, this one included.
    var attempt: Int?
    /// `nil` when there was no secret to check with.
    var verdicts: [SignatureVerdict]?
    var answer: Int

    /// Headers shown, when present: what identifies and signs the delivery.
    static let shownHeaders = ["webhook-id", "webhook-timestamp", "webhook-signature", "traceparent", "tracestate"]

    var text: String {
        let envelope = request.json
        let eventType = envelope.flatMap { Self.member($0, "event_type") } ?? "(no event_type)"
        var heading = "── \(request.method) \(request.uri)  \(eventType)"
        if let id = request.headers["webhook-id"] { heading += "  webhook-id \(id)" }
        if let attempt { heading += "  attempt \(attempt)" }
        var lines = [TerminalText.escaped(heading)]
        let bodySignatureHeaders = request.headers.keys.filter {
            $0.contains("signature") && !Self.shownHeaders.contains($0)
        }
        for name in Self.shownHeaders + bodySignatureHeaders.sorted() {
            guard let value = request.headers[name] else { continue }
            lines.append(TerminalText.escaped("\(name): \(value)"))
        }
        if let verdicts {
            for verdict in verdicts { lines.append("signature \(verdict)") }
        } else {
            lines.append("signature not verified (no secret)")
        }
        if let envelope {
            lines.append(JSONText.pretty(envelope))
        } else {
            lines.append("body (\(request.body.count) bytes, not JSON): " + TerminalText.escaped(String(decoding: request.body.prefix(2048), as: UTF8.self)))
        }
        lines.append("→ answered \(answer)")
        return lines.joined(separator: "\n")
    }

    private static func member(_ value: JSONValue, _ key: String) -> String? {
        guard case .object(let members) = value, case .string(let text) = members[key] else { return nil }
        return text
    }

    /// The report as one line of JSON (`-o json`): `method`, `path`, `eventType`,
    /// `webhookId`, `attempt`, `headers`, `signatures` (`scheme`, `valid`, `reason`),
    /// `answer` and `body` (the JSON body, or its text when it is not JSON).
    var jsonLine: String {
        var members: [String: JSONValue] = [
            "method": .string(request.method), "path": .string(request.uri), "answer": .int(Int64(answer)),
            "headers": .object(request.headers.mapValues(JSONValue.string)),
            "body": request.json ?? .string(String(decoding: request.body, as: UTF8.self)),
        ]
        if let envelope = request.json, let type = Self.member(envelope, "event_type") { members["eventType"] = .string(type) }
        if let id = request.headers["webhook-id"] { members["webhookId"] = .string(id) }
        if let attempt { members["attempt"] = .int(Int64(attempt)) }
        if let verdicts {
            members["signatures"] = .array(
                verdicts.map { verdict in
                    .object([
                        "scheme": .string(verdict.scheme), "valid": .bool(verdict.isValid), "reason": .string(verdict.reason),
                    ])
                })
        }
        let data = (try? JSONValue.object(members).canonicalData()) ?? Data()
        return String(decoding: data, as: UTF8.self)
    }
}

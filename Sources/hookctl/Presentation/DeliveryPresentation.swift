import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// Deliveries and their attempts for people.
enum DeliveryPresentation {
    /// How many lines of each response body `deliveries get` shows.
    static let bodyLines = 5

    static func table(_ deliveries: [Delivery], now: Date = Date()) -> String {
        guard !deliveries.isEmpty else { return "No deliveries." }
        var table = Table("ID", "WEBHOOK", "EVENT TYPE", "STATUS", "ATTEMPTS", "LAST", "NEXT ATTEMPT", "CREATED")
        table.fit(cutting: ["LAST": 8, "WEBHOOK": 12, "EVENT TYPE": 10], leavingOut: ["CREATED", "ATTEMPTS", "NEXT ATTEMPT"])
        for delivery in deliveries {
            table.append([
                delivery.id, webhook(delivery), delivery.eventType, TerminalStyle.status(delivery.status.rawValue),
                String(delivery.attempts),
                CellText.truncated(lastResult(delivery), to: 40), TimeText.relative(delivery.nextAttemptAt, now: now),
                TimeText.relative(delivery.createdAt, now: now),
            ])
        }
        return table.render()
    }

    /// The deliveries of one event (the event type is known), as `events get` shows them.
    static func eventTable(_ deliveries: [Delivery], now: Date = Date()) -> String {
        var table = Table("ID", "WEBHOOK", "STATUS", "ATTEMPTS", "LAST", "NEXT ATTEMPT")
        table.fit(cutting: ["LAST": 8, "WEBHOOK": 12], leavingOut: ["ATTEMPTS", "NEXT ATTEMPT"])
        for delivery in deliveries {
            table.append([
                delivery.id, webhook(delivery), TerminalStyle.status(delivery.status.rawValue), String(delivery.attempts),
                CellText.truncated(lastResult(delivery), to: 40), TimeText.relative(delivery.nextAttemptAt, now: now),
            ])
        }
        return table.render()
    }

    /// The delivery, a table of its attempts, then the start of each response.
    static func detail(_ detail: DeliveryDetail, now: Date = Date()) -> String {
        let delivery = detail.delivery
        var list = DetailList()
        list.add("ID", delivery.id)
        list.add("Event", "\(delivery.eventId) (\(delivery.eventType))")
        list.add("Webhook", "\(webhook(delivery)) (\(delivery.webhookId))")
        list.add("Status", delivery.status.rawValue)
        list.add("Attempts", String(delivery.attempts))
        list.add("Last result", lastResult(delivery))
        list.add("Next attempt", delivery.nextAttemptAt.map { TimeText.full($0, now: now) } ?? "-")
        list.add("Created", TimeText.full(delivery.createdAt, now: now))
        list.add("Updated", TimeText.full(delivery.updatedAt, now: now))
        var text = list.render() + "\n\nAttempts:\n"
        guard !detail.attempts.isEmpty else { return text + "  none yet" }
        text += attemptTable(detail.attempts)
        var shown: [String: Int] = [:]
        for attempt in detail.attempts {
            // A dead endpoint answers the same page every time: show it once.
            if let body = attempt.responseBody, let code = attempt.statusCode, let first = shown[body] {
                text += "\n\nAttempt \(attempt.number) response (HTTP \(code)): same body as attempt \(first)"
                continue
            }
            if let excerpt = responseExcerpt(attempt) {
                text += "\n\n" + excerpt
                if let body = attempt.responseBody { shown[body] = attempt.number }
            }
        }
        return text
    }

    static func attemptTable(_ attempts: [Attempt]) -> String {
        var table = Table("#", "STARTED", "DURATION", "RESULT", "ADDRESS", "TRIGGER")
        table.fit(cutting: ["RESULT": 8, "ADDRESS": 8], leavingOut: ["TRIGGER", "ADDRESS"])
        for attempt in attempts {
            table.append([
                String(attempt.number), Timestamp.format(attempt.startedAt),
                TimeText.duration(milliseconds: attempt.durationMs), result(attempt), attempt.resolvedAddress ?? "-",
                attempt.trigger.rawValue,
            ])
        }
        return table.render()
    }

    /// `Attempt 2 response (HTTP 503):` and the first lines of the body, or the failure.
    static func responseExcerpt(_ attempt: Attempt) -> String? {
        if attempt.statusCode == nil, let error = attempt.error {
            return "Attempt \(attempt.number) failed: \(error)"
        }
        guard let body = attempt.responseBody, !body.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty,
            let code = attempt.statusCode
        else { return nil }
        let lines = body.split(separator: "\n", omittingEmptySubsequences: false).map {
            $0.hasSuffix("\r") ? $0.dropLast() : $0
        }
        var text = "Attempt \(attempt.number) response (HTTP \(code)):\n"
        text += lines.prefix(bodyLines).map { "  " + $0 }.joined(separator: "\n")
        if lines.count > bodyLines { text += "\n  … \(lines.count - bodyLines) more lines" }
        return text
    }

    /// The status code, or the error class when no response arrived.
    static func result(_ attempt: Attempt) -> String {
        if let code = attempt.statusCode { return String(code) }
        return attempt.errorClass?.rawValue ?? "-"
    }

    /// The last attempt's status code or failure; `-` before the first attempt.
    static func lastResult(_ delivery: Delivery) -> String {
        if let code = delivery.lastStatusCode { return String(code) }
        return delivery.lastError ?? "-"
    }

    /// `ACCOUNT/NAME`, the form `--webhook` accepts everywhere.
    static func webhook(_ delivery: Delivery) -> String {
        "\(delivery.account)/\(delivery.webhookName)"
    }
}

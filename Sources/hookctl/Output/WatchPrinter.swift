import Foundation
import HookdAPI
import HookdCore

/// Prints a watch's changes as they come, one line each, flushed at once so a pipe (`| jq`)
/// sees every line as it happens.
struct WatchPrinter: Sendable {
    var format: OutputFormat

    /// A recent delivery from the watch's snapshot.
    func snapshot(_ delivery: Delivery) {
        switch format {
        case .table:
            emit(line(time: delivery.updatedAt, change: "recent", delivery: delivery, result: DeliveryPresentation.lastResult(delivery)))
        case .json, .yaml:
            emit(compactJSON(delivery))
        }
    }

    /// One change of a watched delivery.
    func change(_ notice: DeliveryWatchNotice) throws {
        switch format {
        case .table:
            emit(line(time: notice.attempt?.startedAt ?? notice.delivery.updatedAt, change: notice.change.rawValue,
                delivery: notice.delivery, result: result(notice)))
        case .json:
            emit(compactJSON(notice))
        case .yaml:
            emit("---\n" + (try OutputPrinter.yaml(notice)))
        }
    }

    /// `14:03:07 attempted acc_12345/crm-sync customer.created #2 503 120ms -> scheduled dlv_...`:
    /// what happened first, the delivery's id (for `deliveries get`) last, so the line reads
    /// at 80 columns even when the terminal cuts the id.
    private func line(time: Date, change: String, delivery: Delivery, result: String) -> String {
        [
            TimeText.clock(time), change.padding(toLength: 9, withPad: " ", startingAt: 0),
            DeliveryPresentation.webhook(delivery), delivery.eventType, result, delivery.id,
        ].joined(separator: " ")
    }

    private func result(_ notice: DeliveryWatchNotice) -> String {
        guard let attempt = notice.attempt else { return TerminalStyle.status(notice.delivery.status.rawValue) }
        // The status code alone, as `deliveries list` shows it; the failure when none came.
        let outcome = attempt.statusCode.map(String.init) ?? attempt.error ?? DeliveryPresentation.result(attempt)
        return "#\(attempt.number) \(outcome) \(TimeText.duration(milliseconds: attempt.durationMs)) -> \(TerminalStyle.status(notice.delivery.status.rawValue))"
    }

    private func compactJSON(_ value: some Encodable) -> String {
        let data = (try? JSONCoding.canonicalEncoder.encode(value)) ?? Data("{}".utf8)
        return TerminalText.escapedJSON(String(decoding: data, as: UTF8.self))
    }

    private func emit(_ text: String) {
        let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        // Written at once, not through print's buffer, which holds lines back from a pipe.
        FileHandle.standardOutput.write(Data((TerminalStyle.rendered(TerminalText.escaped(line)) + "\n").utf8))
    }
}

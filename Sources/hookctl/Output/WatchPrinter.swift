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

    /// `14:03:07  attempted  dlv_...  acc_12345/crm-sync  customer.created  #2 HTTP 503 in 120ms -> scheduled`.
    private func line(time: Date, change: String, delivery: Delivery, result: String) -> String {
        [
            TimeText.clock(time), change.padding(toLength: 9, withPad: " ", startingAt: 0), delivery.id,
            DeliveryPresentation.webhook(delivery), delivery.eventType, result,
        ].joined(separator: "  ")
    }

    private func result(_ notice: DeliveryWatchNotice) -> String {
        guard let attempt = notice.attempt else { return notice.delivery.status.rawValue }
        let outcome = DeliveryPresentation.result(attempt)
        return "#\(attempt.number) \(outcome) in \(TimeText.duration(milliseconds: attempt.durationMs)) -> \(notice.delivery.status.rawValue)"
    }

    private func compactJSON(_ value: some Encodable) -> String {
        let data = (try? JSONCoding.canonicalEncoder.encode(value)) ?? Data("{}".utf8)
        return TerminalText.escapedJSON(String(decoding: data, as: UTF8.self))
    }

    private func emit(_ text: String) {
        let line = text.hasSuffix("\n") ? String(text.dropLast()) : text
        // Written at once, not through print's buffer, which holds lines back from a pipe.
        FileHandle.standardOutput.write(Data((TerminalText.escaped(line) + "\n").utf8))
    }
}

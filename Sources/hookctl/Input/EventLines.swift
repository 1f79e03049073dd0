import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// A file of events to publish, one JSON object per line (JSON Lines):
/// `{"account": "acc_12345", "type": "customer.created", "data": {...}, "id": "..."}`, where
/// `account` and `type` may be left to `--account` and `--type`. Blank lines are skipped.
struct EventLines {
    /// One event and the line it was read from.
    struct Entry {
        var line: Int
        var event: EventInput
    }

    /// Where the events came from, for messages (`events.jsonl`, `standard input`).
    var label: String
    var entries: [Entry]

    /// Reads every line and checks it; all problems are reported at once, each with its line.
    init(_ source: InputSource, account: String?, type: String?) throws(CLIError) {
        label = source.label
        let text = String(decoding: try source.read(option: "--file"), as: UTF8.self)
        var entries: [Entry] = []
        var problems: [String] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !line.isEmpty else { continue }
            do {
                entries.append(Entry(line: index + 1, event: try Self.event(line, account: account, type: type)))
            } catch {
                problems.append("\(source.label):\(index + 1): \(error.message)")
            }
        }
        if !problems.isEmpty {
            throw CLIError(
                "\(Plural.count(problems.count, "line")) of \(source.label) cannot be published; nothing was sent",
                details: problems.map { "  " + $0 })
        }
        guard !entries.isEmpty else { throw CLIError("--file: \(source.label) holds no events") }
        self.entries = entries
    }

    private static func event(_ line: String, account: String?, type: String?) throws(CLIError) -> EventInput {
        guard let value = try? JSONValue.parse(Data(line.utf8)), let members = value.objectValue else {
            throw CLIError("not a JSON object")
        }
        let known = ["account", "type", "data", "id", "traceparent", "tracestate"]
        if let unknown = members.keys.sorted().first(where: { !known.contains($0) }) {
            throw CLIError(
                "unknown field \"\(unknown)\"" + NameSuggestion.hint(for: unknown, among: known)
                    + "; use account, type, data, id, traceparent and tracestate")
        }
        func text(_ key: String, default fallback: String?) throws(CLIError) -> String? {
            switch members[key] {
            case nil, .null?: return fallback
            case .string(let text)?: return text
            case let other?: throw CLIError("\(key) must be a string, got \(other.typeName)")
            }
        }
        guard let account = try text("account", default: account) else {
            throw CLIError("no account: give \"account\" on the line or --account")
        }
        guard let type = try text("type", default: type) else { throw CLIError("no type: give \"type\" on the line or --type") }
        guard let data = members["data"], data.objectValue != nil else {
            throw CLIError("data must be a JSON object, got \(members["data"]?.typeName ?? "nothing")")
        }
        return EventInput(
            account: account, type: type, data: data, id: try text("id", default: nil),
            traceparent: try text("traceparent", default: nil), tracestate: try text("tracestate", default: nil))
    }
}

import Foundation
import HookdCore
import Yams

/// Prints a command's result in the format the operator chose.
///
/// JSON and YAML show the API result itself, so scripts see exactly the fields the daemon
/// sends; `table` shows the human rendering the command supplies.
struct OutputPrinter: Sendable {
    var format: OutputFormat

    /// Prints `value`: as JSON or YAML, or as `human(value)` for `table`.
    func print<Value: Encodable>(_ value: Value, human: (Value) -> String) throws {
        // Whatever the daemon stored, no control character reaches the terminal raw.
        switch format {
        case .table: write(TerminalStyle.rendered(TerminalText.escaped(human(value))))
        case .json: write(TerminalText.escapedJSON(try Self.json(value)))
        case .yaml: write(TerminalText.escaped(try Self.yaml(value)))
        }
    }

    /// Indented JSON with sorted keys and ISO 8601 dates, as hookd encodes it.
    static func json(_ value: some Encodable) throws -> String {
        let text = String(decoding: try JSONCoding.prettyEncoder.encode(value), as: UTF8.self)
        return compactingEmptyContainers(text)
    }

    /// `[]` and `{}` for the empty containers that Foundation's pretty printer on Linux spreads
    /// over three lines. Safe on any JSON text: a string never holds a raw newline.
    static func compactingEmptyContainers(_ json: String) -> String {
        json.replacing(/\[\n[ ]*\n[ ]*\]/, with: "[]").replacing(/\{\n[ ]*\n[ ]*\}/, with: "{}")
    }

    /// The JSON document re-expressed as YAML, so both formats hold the same fields and the
    /// same date text.
    static func yaml(_ value: some Encodable) throws -> String {
        let document = try JSONValue.parse(try JSONCoding.canonicalEncoder.encode(value))
        let encoder = YAMLEncoder()
        encoder.options.sortKeys = true
        encoder.options.allowUnicode = true
        return try encoder.encode(document)
    }

    private func write(_ text: String) {
        Swift.print(text.hasSuffix("\n") ? String(text.dropLast()) : text)
    }
}

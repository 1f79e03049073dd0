import HookdCore

/// JSON documents shown inside human output.
enum JSONText {
    /// Indented JSON with sorted keys.
    static func pretty(_ value: JSONValue) -> String {
        (try? OutputPrinter.json(value)) ?? "\(value)"
    }
}

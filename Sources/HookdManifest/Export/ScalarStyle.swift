import HookdCore
import Yams

/// How export writes a string so every YAML reader takes it back as that same string.
///
/// Plain style is kept for text no reader could take for anything else; text that a YAML
/// 1.2 core-schema reader (hookd's) or a YAML 1.1 one (PyYAML, many editors) would read as
/// a number, boolean, null, date or merge key (`+447700900123`, `0123`, `1e3`, `no`,
/// `null`, `2026-01-01`) is double-quoted. Multi-line text is a literal block; libyaml
/// itself falls back to quoting where plain or literal could not hold the text exactly
/// (`:` or ` #` inside, leading or trailing spaces, control characters).
enum ScalarStyle {
    /// The style to write `text` in.
    static func style(for text: String) -> Node.Scalar.Style {
        if text.contains("\n") { return .literal }
        return readsAsString(text) ? .any : .doubleQuoted
    }

    /// True when `text`, written plain, reads back as the string `text`.
    static func readsAsString(_ text: String) -> Bool {
        guard CorePlainScalar.value(of: text) == .string(text) else { return false }
        // YAML 1.1's implicit types all start with one of these (`.inf`, `<<`, `=`, `~`,
        // `yes`, `off`, `Y`, `n`, digits and signs); skipping the regular expressions for
        // every other text keeps exporting thousands of webhooks fast.
        guard let first = text.unicodeScalars.first, Self.implicitTypeStarts.contains(first) else { return true }
        return Resolver.default.resolveTag(of: Node(text, Tag(.implicit), .plain)) == .str
    }

    private static let implicitTypeStarts = Set("0123456789+-.<=~yYnNoOtTfF".unicodeScalars)
}

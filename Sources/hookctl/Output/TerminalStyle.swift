import Foundation

/// Colour for people at a terminal, and only there: statuses are marked while a table is
/// built, and the marks become ANSI colours when stdout is a terminal, `NO_COLOR` is unset
/// (or empty) and `TERM` is not `dumb`; otherwise they are removed.
///
/// A mark is a private-use character, a colour letter, the text and a closing private-use
/// character: it survives `TerminalText` escaping and is never printed as it is.
enum TerminalStyle {
    /// The colours hookctl uses.
    enum Color: Character, CaseIterable {
        case green = "g"
        case yellow = "y"
        case red = "r"
        case dim = "d"

        var ansi: String {
            switch self {
            case .green: "\u{1B}[32m"
            case .yellow: "\u{1B}[33m"
            case .red: "\u{1B}[31m"
            case .dim: "\u{1B}[2m"
            }
        }
    }

    private static let open: Character = "\u{E000}"
    private static let close: Character = "\u{E001}"
    private static let reset = "\u{1B}[0m"

    /// Whether this process prints colour.
    static let isEnabled: Bool = enabled(
        isTerminal: isatty(STDOUT_FILENO) == 1, environment: ProcessInfo.processInfo.environment)

    /// The rule: a terminal, no (non-empty) `NO_COLOR`, a `TERM` other than `dumb`.
    static func enabled(isTerminal: Bool, environment: [String: String]) -> Bool {
        guard isTerminal else { return false }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return false }
        return environment["TERM"] != "dumb"
    }

    /// `text` marked to show in `color`.
    static func marked(_ text: String, _ color: Color) -> String {
        String(open) + String(color.rawValue) + text + String(close)
    }

    /// A delivery's or webhook's status, coloured by what it means.
    static func status(_ text: String) -> String {
        switch text {
        case "delivered", "enabled", "ok": marked(text, .green)
        case "pending", "scheduled", "degraded": marked(text, .yellow)
        case "failed", "disabled": marked(text, .red)
        case "skipped": marked(text, .dim)
        default: text
        }
    }

    /// How many characters `text` shows, marks left out.
    static func visibleCount(_ text: String) -> Int {
        guard text.contains(open) else { return text.count }
        return plain(text).count
    }

    /// `text` with its marks removed.
    static func plain(_ text: String) -> String {
        rendered(text, colour: false)
    }

    /// `text` ready to print: marks as colours when `colour`, else removed.
    static func rendered(_ text: String, colour: Bool = TerminalStyle.isEnabled) -> String {
        guard text.contains(open) else { return text }
        var result = ""
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            let next = text.index(after: index)
            if character == open, next < text.endIndex, let color = Color(rawValue: text[next]) {
                if colour { result += color.ansi }
                index = text.index(after: next)
                continue
            }
            if character == close {
                if colour { result += reset }
            } else {
                result.append(character)
            }
            index = next
        }
        return result
    }
}

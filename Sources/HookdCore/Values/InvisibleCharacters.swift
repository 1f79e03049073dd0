/// Characters that a terminal acts on or that cannot be seen: controls (C0, DEL, C1: line
/// breaks, escape sequences), format characters (zero-width spaces, bidirectional
/// overrides) and line or paragraph separators. Names and URLs may hold none, and where
/// text holding one has to be shown it is shown as its code point.
public enum InvisibleCharacters {
    /// True when `scalar` is one of them.
    public static func contains(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .control, .format, .lineSeparator, .paragraphSeparator: true
        default: false
        }
    }

    /// `U+001B`: how a problem names the character, never the character itself.
    public static func codePoint(_ scalar: Unicode.Scalar) -> String {
        let hex = String(scalar.value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// `'x'` for a visible character, `U+001B` for an invisible one.
    public static func quoted(_ scalar: Unicode.Scalar) -> String {
        contains(scalar) ? codePoint(scalar) : "'\(Character(scalar))'"
    }
}

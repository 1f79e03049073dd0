import HookdCore

/// Text made safe for a terminal: no character the terminal would act on (escape sequences,
/// carriage returns, bells) or that would hide or reorder what follows (zero-width and
/// bidirectional characters) is printed raw, whatever the daemon stored.
///
/// Names hookd accepts never hold one; descriptions, messages and data may.
enum TerminalText {
    /// `text` with every invisible character except the line break written as an escape:
    /// `\t`, `\r`, else `\u{1B}`.
    static func escaped(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            guard needsEscape(scalar) else {
                result.unicodeScalars.append(scalar)
                continue
            }
            switch scalar {
            case "\t": result += #"\t"#
            case "\r": result += #"\r"#
            default: result += #"\u{"# + hex(scalar, digits: 2, uppercase: true) + "}"
            }
        }
        return result
    }

    /// JSON text with every invisible character other than the line breaks between its
    /// tokens written as a JSON escape (`\u009b`): the document reads back the same, since
    /// outside strings JSON holds none of them.
    static func escapedJSON(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsEscape) else { return text }
        var result = ""
        for scalar in text.unicodeScalars {
            if needsEscape(scalar) {
                // Above U+FFFF only as a surrogate pair; no invisible character is there but
                // tags, which JSON escapes alike.
                for unit in String(scalar).utf16 {
                    result += #"\u"# + hex(unit, digits: 4, uppercase: false)
                }
            } else {
                result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    private static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
        scalar != "\n" && InvisibleCharacters.contains(scalar)
    }

    private static func hex(_ value: some BinaryInteger, digits: Int, uppercase: Bool) -> String {
        let text = String(value, radix: 16, uppercase: uppercase)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private static func hex(_ scalar: Unicode.Scalar, digits: Int, uppercase: Bool) -> String {
        hex(scalar.value, digits: digits, uppercase: uppercase)
    }
}

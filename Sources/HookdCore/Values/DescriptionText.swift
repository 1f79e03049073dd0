/// The rule on free text people read in listings and terminals (webhook and event-type
/// descriptions): any characters but control and direction-changing ones, which could
/// rewrite a terminal or hide text. Line feeds and tabs stay allowed (a YAML block scalar
/// has them).
public enum DescriptionText {
    /// What is wrong with `text`, naming the first character refused; `nil` when it may be kept.
    public static func problem(_ text: String) -> String? {
        guard let bad = text.unicodeScalars.first(where: isRefused) else { return nil }
        return "must not contain control or text-direction characters (found \(InvisibleCharacters.codePoint(bad)))"
    }

    private static func isRefused(_ scalar: Unicode.Scalar) -> Bool {
        if scalar == "\n" || scalar == "\t" { return false }
        if scalar.properties.generalCategory == .control { return true }
        // Bidirectional embeddings, overrides and isolates.
        return (0x202A...0x202E).contains(scalar.value) || (0x2066...0x2069).contains(scalar.value)
    }
}

import Testing

@testable import HookdCore

/// Descriptions people read in terminals: no control or direction-changing characters.
struct DescriptionTextTests {
    @Test("escapes, carriage returns, DEL and bidi overrides are refused, naming the code point", arguments: [
        ("Red \u{1B}[31malert", "U+001B"), ("a\rb", "U+000D"), ("del\u{7F}", "U+007F"), ("x\u{202E}y", "U+202E"),
        ("iso\u{2066}late", "U+2066"), ("c1\u{9B}", "U+009B"),
    ])
    func refused(text: String, codePoint: String) {
        #expect(DescriptionText.problem(text) == "must not contain control or text-direction characters (found \(codePoint))")
    }

    @Test("ordinary text, several lines, tabs and any script are kept")
    func kept() {
        for text in ["", "A customer registered", "Line one\nLine two", "a\tb", "日本語の説明 – ünïcödé", "emoji 🎉"] {
            #expect(DescriptionText.problem(text) == nil, "\(text)")
        }
    }
}

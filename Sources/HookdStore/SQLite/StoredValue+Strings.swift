import HookdCore

extension StoredValue {
    /// A list of strings stored by `json(strings:)`. Canonical text of plain strings
    /// (`["customer.*","reward.issued"]`) is split directly; anything else (escapes,
    /// spacing) goes through the decoder. A snapshot reads thousands of these.
    static func strings(json text: String) throws -> [String] {
        if let strings = plainStrings(text) { return strings }
        return try decode([String].self, json: text)
    }

    /// A map of strings stored by `json(stringMap:)`: the empty map directly, anything else
    /// through the decoder.
    static func stringMap(json text: String) throws -> [String: String] {
        text == "{}" ? [:] : try decode([String: String].self, json: text)
    }

    /// The strings of `["a","b"]` when every one is plain (no escape, no control character)
    /// and nothing else is in the text; `nil` otherwise.
    private static func plainStrings(_ text: String) -> [String]? {
        let bytes = text.utf8
        var index = bytes.startIndex
        func next() -> UInt8? {
            guard index < bytes.endIndex else { return nil }
            defer { bytes.formIndex(after: &index) }
            return bytes[index]
        }
        guard next() == UInt8(ascii: "[") else { return nil }
        var strings: [String] = []
        if index < bytes.endIndex, bytes[index] == UInt8(ascii: "]") {
            bytes.formIndex(after: &index)
            return index == bytes.endIndex ? strings : nil
        }
        while true {
            guard next() == UInt8(ascii: "\"") else { return nil }
            let start = index
            while true {
                guard let byte = next() else { return nil }
                if byte == UInt8(ascii: "\"") { break }
                if byte == UInt8(ascii: "\\") || byte < 0x20 { return nil }
            }
            strings.append(String(text[start..<bytes.index(before: index)]))
            switch next() {
            case UInt8(ascii: ","): continue
            case UInt8(ascii: "]"): return index == bytes.endIndex ? strings : nil
            default: return nil
            }
        }
    }
}

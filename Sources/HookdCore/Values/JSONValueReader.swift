import Foundation

/// Reads JSON text into a `JSONValue` in one pass, giving exactly the value that
/// `JSONValue.parse` (the decoder) gives, or `nil` where it cannot promise that, so the
/// caller falls back to the decoder: for replies of several megabytes (a plan of 10,000
/// webhooks) the decoder's per-value cost shows.
///
/// It reads the JSON hookd writes: objects with distinct keys, arrays, strings with the
/// standard escapes, `true`, `false`, `null` and integers. Any other number is read by the
/// decoder itself (so `1.0` stays the integer 1 and `1.5e3` is what the decoder says); it
/// gives up on anything else the decoder might read differently: duplicate keys, trailing
/// commas, lone surrogates, invalid UTF-8, nesting deeper than 256.
public struct JSONValueReader {
    private let bytes: [UInt8]
    private var index = 0
    private var depth = 0

    private init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The value of the whole text, or `nil` when the decoder should read it.
    public static func read(_ bytes: some Collection<UInt8>) -> JSONValue? {
        var reader = JSONValueReader(Array(bytes))
        guard let value = reader.value() else { return nil }
        reader.skipSpace()
        // Not `? value : nil`: that `nil` would be `JSONValue.null`.
        guard reader.index == reader.bytes.count else { return nil }
        return value
    }

    private static let maximumDepth = 256

    private mutating func value() -> JSONValue? {
        skipSpace()
        guard index < bytes.count else { return nil }
        switch bytes[index] {
        case UInt8(ascii: "{"): return object()
        case UInt8(ascii: "["): return array()
        case UInt8(ascii: "\""): return string().map(JSONValue.string)
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        default: return number()
        }
    }

    private mutating func object() -> JSONValue? {
        guard enter() else { return nil }
        var members: [String: JSONValue] = [:]
        index += 1
        skipSpace()
        if take(UInt8(ascii: "}")) {
            depth -= 1
            return .object(members)
        }
        while true {
            skipSpace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard take(UInt8(ascii: ":")), let member = value(), members.updateValue(member, forKey: key) == nil else {
                return nil
            }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "}")) else { return nil }
            depth -= 1
            return .object(members)
        }
    }

    private mutating func array() -> JSONValue? {
        guard enter() else { return nil }
        var items: [JSONValue] = []
        index += 1
        skipSpace()
        if take(UInt8(ascii: "]")) {
            depth -= 1
            return .array(items)
        }
        while true {
            guard let item = value() else { return nil }
            items.append(item)
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            guard take(UInt8(ascii: "]")) else { return nil }
            depth -= 1
            return .array(items)
        }
    }

    /// A string starting at the opening quote; plain runs are copied, escapes decoded.
    ///
    /// Most strings (keys, ids, names) hold no escape: those become a `String` straight from
    /// the text between the quotes, checked as UTF-8 only when they are not plain ASCII.
    private mutating func string() -> String? {
        index += 1
        let start = index
        var ascii = true
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                let end = index
                index += 1
                return bytes.withUnsafeBufferPointer { buffer in
                    let run = UnsafeBufferPointer(rebasing: buffer[start..<end])
                    return ascii ? String(decoding: run, as: UTF8.self) : String(validating: run, as: UTF8.self)
                }
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { return nil }
            if byte >= 0x80 { ascii = false }
            index += 1
        }
        return escapedString(from: start)
    }

    /// The rest of a string that holds an escape: `start` is just past its opening quote,
    /// `index` at its first backslash (or the end of the text).
    private mutating func escapedString(from start: Int) -> String? {
        var scalars = Array(bytes[start..<index])
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                index += 1
                return String(validating: scalars, as: UTF8.self)
            case UInt8(ascii: "\\"):
                guard let escaped = escape() else { return nil }
                scalars += Array(String(escaped).utf8)
            case 0..<0x20:
                return nil
            default:
                scalars.append(byte)
                index += 1
            }
        }
        return nil
    }

    /// The character an escape stands for, starting at the backslash.
    private mutating func escape() -> Unicode.Scalar? {
        guard index + 1 < bytes.count else { return nil }
        let letter = bytes[index + 1]
        index += 2
        switch letter {
        case UInt8(ascii: "\""): return "\""
        case UInt8(ascii: "\\"): return "\\"
        case UInt8(ascii: "/"): return "/"
        case UInt8(ascii: "b"): return "\u{8}"
        case UInt8(ascii: "f"): return "\u{c}"
        case UInt8(ascii: "n"): return "\n"
        case UInt8(ascii: "r"): return "\r"
        case UInt8(ascii: "t"): return "\t"
        case UInt8(ascii: "u"):
            guard let unit = hexUnit() else { return nil }
            if (0xD800..<0xDC00).contains(unit) {
                guard take(UInt8(ascii: "\\")), take(UInt8(ascii: "u")), let low = hexUnit(),
                    (0xDC00..<0xE000).contains(low)
                else { return nil }
                return Unicode.Scalar(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
            }
            return Unicode.Scalar(unit)
        default: return nil
        }
    }

    /// Four hex digits.
    private mutating func hexUnit() -> UInt32? {
        guard index + 4 <= bytes.count else { return nil }
        var unit: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            guard let digit = Self.hexValue(byte) else { return nil }
            unit = unit << 4 | digit
        }
        index += 4
        return unit
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): UInt32(byte - UInt8(ascii: "0"))
        case UInt8(ascii: "a")...UInt8(ascii: "f"): UInt32(byte - UInt8(ascii: "a") + 10)
        case UInt8(ascii: "A")...UInt8(ascii: "F"): UInt32(byte - UInt8(ascii: "A") + 10)
        default: nil
        }
    }

    /// A number: an integer that fits `Int64` directly, any other the decoder reads.
    private mutating func number() -> JSONValue? {
        let start = index
        var plainInteger = true
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"): break
            case UInt8(ascii: "+"), UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"): plainInteger = false
            default:
                return number(bytes[start..<index], plainInteger: plainInteger)
            }
            index += 1
        }
        return number(bytes[start..<index], plainInteger: plainInteger)
    }

    private func number(_ token: ArraySlice<UInt8>, plainInteger: Bool) -> JSONValue? {
        guard !token.isEmpty else { return nil }
        let text = String(decoding: token, as: UTF8.self)
        // `-?(0|[1-9][0-9]*)`, as JSON writes an integer.
        let digits = text.hasPrefix("-") ? text.utf8.dropFirst() : text.utf8[...]
        if plainInteger, !digits.isEmpty, !digits.contains(UInt8(ascii: "-")),
            digits.first != UInt8(ascii: "0") || digits.count == 1, let integer = Int64(text)
        {
            return .int(integer)
        }
        return try? JSONValue.parse(Data(token))
    }

    private mutating func literal(_ word: StaticString, _ value: JSONValue) -> JSONValue? {
        let count = word.utf8CodeUnitCount
        guard index + count <= bytes.count,
            bytes[index..<index + count].elementsEqual(UnsafeBufferPointer(start: word.utf8Start, count: count))
        else { return nil }
        index += count
        return value
    }

    private mutating func enter() -> Bool {
        depth += 1
        return depth <= Self.maximumDepth
    }

    private mutating func take(_ byte: UInt8) -> Bool {
        guard index < bytes.count, bytes[index] == byte else { return false }
        index += 1
        return true
    }

    private mutating func skipSpace() {
        while index < bytes.count, Self.isSpace(bytes[index]) {
            index += 1
        }
    }

    /// JSON's whitespace: space, tab, line feed, carriage return.
    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

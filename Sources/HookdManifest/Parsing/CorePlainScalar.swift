import HookdCore

/// What a plain (unquoted, untagged) YAML scalar means under the YAML 1.2 core schema:
/// null, a boolean, an integer (decimal, `0x` hex, `0o` octal), a finite float, or else
/// the string itself.
///
/// The number forms are recognized by scanning the bytes once: matching each scalar
/// against regular expressions cost about a millisecond per manifest document.
enum CorePlainScalar {
    static func value(of text: String) -> JSONValue {
        switch text {
        case "", "~", "null", "Null", "NULL": return .null
        case "true", "True", "TRUE": return .bool(true)
        case "false", "False", "FALSE": return .bool(false)
        default: break
        }
        let bytes = text.utf8
        if isDecimalInteger(bytes), let number = Int64(text.hasPrefix("+") ? String(text.dropFirst()) : text) {
            return .int(number)
        }
        if isPrefixedInteger(bytes, marker: UInt8(ascii: "x"), digit: isHexDigit),
            let number = Int64(text.dropFirst(2), radix: 16)
        {
            return .int(number)
        }
        if isPrefixedInteger(bytes, marker: UInt8(ascii: "o"), digit: isOctalDigit),
            let number = Int64(text.dropFirst(2), radix: 8)
        {
            return .int(number)
        }
        if isFloat(bytes), let number = Double(text), number.isFinite {
            return .double(number)
        }
        return .string(text)
    }

    /// `[-+]?[0-9]+`, the whole text.
    static func isDecimalInteger(_ bytes: String.UTF8View) -> Bool {
        var cursor = Cursor(bytes)
        cursor.skipSign()
        return cursor.skipDigits(isDecimalDigit) > 0 && cursor.atEnd
    }

    /// `0x[0-9a-fA-F]+` or `0o[0-7]+`, the whole text.
    static func isPrefixedInteger(_ bytes: String.UTF8View, marker: UInt8, digit: (UInt8) -> Bool) -> Bool {
        var cursor = Cursor(bytes)
        return cursor.skip(UInt8(ascii: "0")) && cursor.skip(marker) && cursor.skipDigits(digit) > 0 && cursor.atEnd
    }

    /// `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`, the whole text.
    static func isFloat(_ bytes: String.UTF8View) -> Bool {
        var cursor = Cursor(bytes)
        cursor.skipSign()
        if cursor.skip(UInt8(ascii: ".")) {
            guard cursor.skipDigits(isDecimalDigit) > 0 else { return false }
        } else {
            guard cursor.skipDigits(isDecimalDigit) > 0 else { return false }
            if cursor.skip(UInt8(ascii: ".")) { cursor.skipDigits(isDecimalDigit) }
        }
        if cursor.skip(UInt8(ascii: "e")) || cursor.skip(UInt8(ascii: "E")) {
            cursor.skipSign()
            guard cursor.skipDigits(isDecimalDigit) > 0 else { return false }
        }
        return cursor.atEnd
    }

    private static func isDecimalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static func isOctalDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "7")
    }

    private static func isHexDigit(_ byte: UInt8) -> Bool {
        isDecimalDigit(byte) || (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "f"))
            || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "F"))
    }

    /// A position in the bytes of a scalar, moving forward only.
    private struct Cursor {
        let bytes: String.UTF8View
        var index: String.UTF8View.Index

        init(_ bytes: String.UTF8View) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        var atEnd: Bool { index == bytes.endIndex }

        /// Steps over `byte` when it is next.
        mutating func skip(_ byte: UInt8) -> Bool {
            guard !atEnd, bytes[index] == byte else { return false }
            bytes.formIndex(after: &index)
            return true
        }

        /// Steps over an optional `+` or `-`.
        mutating func skipSign() {
            if !skip(UInt8(ascii: "+")) { _ = skip(UInt8(ascii: "-")) }
        }

        /// Steps over the run of bytes `digit` accepts; returns how many.
        @discardableResult
        mutating func skipDigits(_ digit: (UInt8) -> Bool) -> Int {
            var count = 0
            while !atEnd, digit(bytes[index]) {
                bytes.formIndex(after: &index)
                count += 1
            }
            return count
        }
    }
}

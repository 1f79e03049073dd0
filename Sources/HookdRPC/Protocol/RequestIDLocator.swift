import NIOCore

/// Finds, in a frame that has already been read as JSON, the text of each request's `id`
/// member as the client wrote it, without building any value: ``RPCID`` echoes that text.
///
/// Only the top level of a request object is searched (an `id` inside `params` is not the
/// request's), keys written with escapes (`"\u0069d"`) count, and when a key repeats the
/// last one is taken. It never reads past the frame; on anything it does not expect it
/// finds nothing, and the parsed id is encoded instead.
struct RequestIDLocator {
    /// The id texts of a frame.
    enum Located {
        /// A single request: its id's text, `nil` when it has none (or the frame is no object).
        case single(ByteBuffer?)
        /// A batch: one entry per member, in order, `nil` for members without an id.
        case batch([ByteBuffer?])
    }

    private let bytes: UnsafeRawBufferPointer
    private var index = 0

    private init(_ bytes: UnsafeRawBufferPointer) {
        self.bytes = bytes
    }

    /// Where the id texts are, as offsets into the readable bytes.
    private enum Ranges {
        case single(Range<Int>?)
        case batch([Range<Int>?])
    }

    /// The id texts of `frame`'s request or batch members; `nil` when the frame is not shaped
    /// as JSON text should be.
    static func locate(in frame: ByteBuffer) -> Located? {
        let ranges: Ranges? = frame.withUnsafeReadableBytes { bytes in
            var locator = RequestIDLocator(bytes)
            locator.skipSpace()
            guard locator.index < bytes.count else { return nil }
            switch bytes[locator.index] {
            case UInt8(ascii: "{"):
                return locator.objectID().map(Ranges.single)
            case UInt8(ascii: "["):
                return locator.batchIDs().map(Ranges.batch)
            default:
                return .single(nil)
            }
        }
        let slice = { (range: Range<Int>?) -> ByteBuffer? in
            range.flatMap { frame.getSlice(at: frame.readerIndex + $0.lowerBound, length: $0.count) }
        }
        switch ranges {
        case nil: return nil
        case .single(let range)?: return .single(slice(range))
        case .batch(let members)?: return .batch(members.map(slice))
        }
    }

    /// The members of a batch starting at `[`: each object member's id range.
    private mutating func batchIDs() -> [Range<Int>?]? {
        index += 1
        var ranges: [Range<Int>?] = []
        skipSpace()
        if take(UInt8(ascii: "]")) { return ranges }
        while true {
            skipSpace()
            guard index < bytes.count else { return nil }
            if bytes[index] == UInt8(ascii: "{") {
                guard let range = objectID() else { return nil }
                ranges.append(range)
            } else {
                guard skipValue() else { return nil }
                ranges.append(nil)
            }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "]")) ? ranges : nil
        }
    }

    /// Reads an object starting at `{` to its end: `.some(range of the id's text)`, `.some(nil)`
    /// when it has no id, `nil` when it is not shaped as an object.
    private mutating func objectID() -> Range<Int>?? {
        index += 1
        var found: Range<Int>?
        skipSpace()
        if take(UInt8(ascii: "}")) { return .some(nil) }
        while true {
            skipSpace()
            let keyStart = index
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\""), skipString() else { return nil }
            let key = keyStart..<index
            skipSpace()
            guard take(UInt8(ascii: ":")) else { return nil }
            skipSpace()
            let valueStart = index
            guard skipValue() else { return nil }
            if isID(key) { found = valueStart..<index }
            skipSpace()
            if take(UInt8(ascii: ",")) { continue }
            return take(UInt8(ascii: "}")) ? .some(found) : nil
        }
    }

    /// True when the quoted key in `range` is `id`, written plainly or with escapes.
    private func isID(_ range: Range<Int>) -> Bool {
        let key = bytes[range]
        if key.elementsEqual(#""id""#.utf8) { return true }
        guard key.contains(UInt8(ascii: "\\")) else { return false }
        // Rare enough to read properly: only escapes of `i` and `d` make it the id.
        var unescaped = ""
        var position = range.lowerBound + 1
        while position < range.upperBound - 1 {
            if bytes[position] == UInt8(ascii: "\\") {
                guard bytes[position + 1] == UInt8(ascii: "u"), position + 6 <= range.upperBound - 1,
                    let unit = UInt32(String(decoding: bytes[position + 2..<position + 6], as: UTF8.self), radix: 16),
                    let scalar = Unicode.Scalar(unit)
                else { return false }
                unescaped.unicodeScalars.append(scalar)
                position += 6
            } else {
                unescaped.unicodeScalars.append(Unicode.Scalar(bytes[position]))
                position += 1
            }
            if unescaped.count > 2 { return false }
        }
        return unescaped == "id"
    }

    /// Moves past one value of any kind; false when there is none.
    private mutating func skipValue() -> Bool {
        guard index < bytes.count else { return false }
        switch bytes[index] {
        case UInt8(ascii: "\""):
            return skipString()
        case UInt8(ascii: "{"), UInt8(ascii: "["):
            return skipNested()
        default:
            let start = index
            while index < bytes.count, !Self.endsScalar(bytes[index]) {
                index += 1
            }
            return index > start
        }
    }

    /// Moves past an object or array by counting brackets outside strings.
    private mutating func skipNested() -> Bool {
        var depth = 0
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                guard skipString() else { return false }
                continue
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 {
                    index += 1
                    return true
                }
            default:
                break
            }
            index += 1
        }
        return false
    }

    /// Moves past a string starting at its opening quote.
    private mutating func skipString() -> Bool {
        index += 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""):
                index += 1
                return true
            default: index += 1
            }
        }
        return false
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

    /// What ends a number or literal.
    private static func endsScalar(_ byte: UInt8) -> Bool {
        isSpace(byte) || byte == UInt8(ascii: ",") || byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]")
    }
}

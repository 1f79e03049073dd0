import Foundation

/// Writes JSON exactly as `JSONCoding.canonicalEncoder` does (compact, keys sorted, slashes
/// unescaped), byte for byte, for values large enough that `JSONEncoder`'s per-value cost
/// shows: a plan of 10,000 webhooks is encoded for its digest and again for the reply.
///
/// Strings, integers, booleans and objects with ASCII keys are written directly; doubles
/// and objects with other keys are handed to the encoder, so number formatting and key order
/// can never differ. Tests hold the two to the same output.
public struct CanonicalJSONWriter {
    /// The JSON written so far.
    public private(set) var bytes: [UInt8] = []
    /// Whether the next member of the current object or array needs a comma before it.
    private var needsComma = false

    /// A writer with nothing written yet.
    public init() {}

    /// The JSON written so far.
    public var data: Data { Data(bytes) }

    /// Writes a JSON value; throws what `JSONEncoder` throws for it (a non-finite double).
    public mutating func write(_ value: JSONValue) throws {
        switch value {
        case .null: writeRaw("null")
        case .bool(let flag): write(flag)
        case .int(let number): write(number)
        case .string(let text): write(text)
        case .double, .object:
            if case .object(let members) = value, members.keys.allSatisfy({ $0.utf8.allSatisfy { $0 < 0x80 } }) {
                try writeObject(members)
            } else {
                separate()
                bytes += try JSONCoding.canonicalEncoder.encode(value)
            }
        case .array(let items):
            beginArray()
            for item in items { try write(item) }
            endArray()
        }
    }

    /// Writes a string, escaped as the encoder escapes it (quotes, backslashes and control
    /// characters; `/` and everything else as is).
    public mutating func write(_ text: String) {
        separate()
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { appendEscaped($0) }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends `utf8` with the characters JSON requires escaped escaped; the runs between
    /// them are copied whole (most strings have none).
    private mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        var runStart = 0
        for index in 0..<utf8.count {
            let byte = utf8[index]
            guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart..<index]))
            appendEscape(of: byte)
            runStart = index + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[runStart...]))
    }

    private mutating func appendEscape(of byte: UInt8) {
        bytes.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
        case 0x08: bytes.append(UInt8(ascii: "b"))
        case 0x09: bytes.append(UInt8(ascii: "t"))
        case 0x0A: bytes.append(UInt8(ascii: "n"))
        case 0x0C: bytes.append(UInt8(ascii: "f"))
        case 0x0D: bytes.append(UInt8(ascii: "r"))
        default:
            bytes.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0")])
            bytes.append(Self.hexDigits[Int(byte >> 4)])
            bytes.append(Self.hexDigits[Int(byte & 0xF)])
        }
    }

    /// Writes JSON text already in canonical form (an event's stored data) as the next value.
    public mutating func writeRaw(json: some Sequence<UInt8>) {
        separate()
        bytes += json
    }

    /// Writes an integer.
    public mutating func write(_ number: Int64) {
        separate()
        var text = String(number)
        text.withUTF8 { bytes.append(contentsOf: $0) }
    }

    /// Writes `true` or `false`.
    public mutating func write(_ flag: Bool) {
        writeRaw(flag ? "true" : "false")
    }

    /// Writes a list of strings.
    public mutating func write(_ texts: [String]) {
        writeArray { writer in
            for text in texts { writer.write(text) }
        }
    }

    /// Writes an array whose items `body` writes.
    public mutating func writeArray(_ body: (inout CanonicalJSONWriter) throws -> Void) rethrows {
        beginArray()
        try body(&self)
        endArray()
    }

    /// Writes an object whose members `body` writes, each with `key(_:)` then its value, in
    /// sorted key order (byte order, as the encoder sorts ASCII keys).
    public mutating func writeObject(_ body: (inout CanonicalJSONWriter) throws -> Void) rethrows {
        separate()
        bytes.append(UInt8(ascii: "{"))
        needsComma = false
        try body(&self)
        bytes.append(UInt8(ascii: "}"))
        needsComma = true
    }

    /// Writes a string member, or nothing for `nil`, as the encoder leaves absent optionals
    /// out.
    public mutating func member(_ name: String, _ text: String?) {
        guard let text else { return }
        key(name)
        write(text)
    }

    /// Writes the key of the next member of the object being written.
    public mutating func key(_ name: String) {
        write(name)
        bytes.append(UInt8(ascii: ":"))
        needsComma = false
    }

    private mutating func writeObject(_ members: [String: JSONValue]) throws {
        try writeObject { writer in
            for key in members.keys.sorted(by: { $0.utf8.lexicographicallyPrecedes($1.utf8) }) {
                writer.key(key)
                try writer.write(members[key]!)
            }
        }
    }

    private mutating func beginArray() {
        separate()
        bytes.append(UInt8(ascii: "["))
        needsComma = false
    }

    private mutating func endArray() {
        bytes.append(UInt8(ascii: "]"))
        needsComma = true
    }

    private mutating func writeRaw(_ text: StaticString) {
        separate()
        bytes += UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
    }

    /// Puts the comma between this value and the previous member, when there is one.
    private mutating func separate() {
        if needsComma { bytes.append(UInt8(ascii: ",")) }
        needsComma = true
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// A value that writes its own canonical JSON, identical to what `JSONCoding.canonicalEncoder`
/// makes of its `Encodable` conformance, only faster.
public protocol CanonicalJSONWritable: Encodable {
    /// Writes this value as one JSON value; throws what the encoder would throw.
    func write(to writer: inout CanonicalJSONWriter) throws
}

extension CanonicalJSONWritable {
    /// The canonical JSON of this value.
    public func canonicalJSON() throws -> Data {
        var writer = CanonicalJSONWriter()
        try write(to: &writer)
        return writer.data
    }
}

extension JSONValue {
    /// Compact JSON text with sorted keys, the canonical form hookd stores and sends.
    public func canonicalData() throws -> Data {
        var writer = CanonicalJSONWriter()
        try writer.write(self)
        return writer.data
    }
}

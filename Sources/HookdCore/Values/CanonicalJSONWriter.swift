import Foundation

/// Writes `JSONValue`s as canonical JSON — compact, keys sorted — byte for byte as
/// `JSONCoding.canonicalEncoder` would, without Foundation's encoder machinery.
///
/// Every publish stores its data and its envelope, and every attempt its response headers,
/// so this sits on the delivery hot path; `JSONEncoder` costs several times more per value.
/// Strings are escaped as the encoder escapes them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`,
/// `\t`, other control characters as `\u00xx`; `/` and non-ASCII as they are), keys sorted
/// as `String`s compare, integers in decimal. Non-integral doubles are rare in payloads and
/// their shortest form is subtle, so those few go through the encoder.
public struct CanonicalJSONWriter {
    /// The bytes written so far.
    public private(set) var bytes: [UInt8] = []

    public init(capacity: Int = 256) {
        bytes.reserveCapacity(capacity)
    }

    /// Appends `value` in canonical form.
    public mutating func write(_ value: JSONValue) throws {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .int(let number): append(String(number))
        case .double(let number): try write(number)
        case .string(let text): write(text)
        case .array(let elements):
            bytes.append(UInt8(ascii: "["))
            for (index, element) in elements.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                try write(element)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let members):
            bytes.append(UInt8(ascii: "{"))
            for (index, key) in members.keys.sorted().enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(key)
                bytes.append(UInt8(ascii: ":"))
                try write(members[key]!)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// Appends a JSON object of string members, keys sorted.
    public mutating func write(_ members: [String: String]) {
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in members.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            write(key)
            bytes.append(UInt8(ascii: ":"))
            write(members[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    /// Appends a JSON string.
    public mutating func write(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): append("\\\"")
            case UInt8(ascii: "\\"): append("\\\\")
            case 0x08: append("\\b")
            case 0x0C: append("\\f")
            case UInt8(ascii: "\n"): append("\\n")
            case UInt8(ascii: "\r"): append("\\r")
            case UInt8(ascii: "\t"): append("\\t")
            case 0..<0x20:
                append("\\u00")
                bytes.append(Self.hexDigits[Int(byte >> 4)])
                bytes.append(Self.hexDigits[Int(byte & 0x0F)])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends raw bytes that are already JSON.
    public mutating func append(json: some Sequence<UInt8>) {
        bytes.append(contentsOf: json)
    }

    private mutating func write(_ number: Double) throws {
        if number.rounded() == number, abs(number) < 1e15, number != 0 || number.sign == .plus {
            append(String(Int64(number)))
            return
        }
        let encoded = try JSONCoding.canonicalEncoder.encode([number])
        bytes.append(contentsOf: encoded.dropFirst().dropLast())
    }

    private mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

extension JSONValue {
    /// Compact JSON text with sorted keys, the canonical form hookd stores and sends.
    public func canonicalData() throws -> Data {
        var writer = CanonicalJSONWriter()
        try writer.write(self)
        return Data(writer.bytes)
    }
}

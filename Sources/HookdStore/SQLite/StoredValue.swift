import Foundation
import HookdCore

/// How values the database has no type for are written to columns: dates as INTEGER
/// milliseconds since the epoch, structured values as canonical JSON text.
///
/// Milliseconds are the precision of every timestamp hookd shows or signs, so a value read
/// back equals the value written once `Date.storedPrecision` has been applied.
enum StoredValue {
    /// Canonical JSON text (sorted keys, compact), so equal values are stored as equal text.
    static func json(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.canonicalEncoder.encode(value), as: UTF8.self)
    }

    /// `json(_:)` of a list of strings, written without `JSONEncoder` (same text).
    static func json(strings: [String]) -> String {
        var writer = CanonicalJSONWriter()
        writer.write(strings)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// `json(_:)` of a map of strings, written without `JSONEncoder` (same text).
    static func json(stringMap: [String: String]) throws -> String {
        var writer = CanonicalJSONWriter()
        // Straight from the pairs, sorted as the encoder sorts keys: every attempt stores its
        // response headers this way.
        let members = stringMap.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        writer.writeObject { writer in
            for (name, value) in members { writer.member(name, value) }
        }
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Decodes a column written by `json(_:)`.
    static func decode<Value: Decodable>(_ type: Value.Type, json text: String) throws -> Value {
        try JSONCoding.decoder.decode(type, from: Data(text.utf8))
    }

    /// `nil` stays NULL; anything else becomes canonical JSON text.
    static func json(_ value: JSONValue?) throws -> String? {
        try value.map { String(decoding: try $0.canonicalData(), as: UTF8.self) }
    }

    /// Decodes a nullable JSON column.
    static func decodeJSONValue(_ text: String?) throws -> JSONValue? {
        try text.map { try decode(JSONValue.self, json: $0) }
    }
}

extension Date {
    /// The date as whole milliseconds since 1970, the form stored in INTEGER columns.
    var storedMilliseconds: Int64 {
        Int64((timeIntervalSince1970 * 1000).rounded())
    }

    /// The date read back from an INTEGER column of milliseconds since 1970.
    init(storedMilliseconds milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }

    /// The date as it reads back from the store (rounded to the millisecond).
    var storedPrecision: Date {
        Date(storedMilliseconds: storedMilliseconds)
    }
}

import Foundation
import HookdCore
import HookdTesting
import Testing

/// `CanonicalJSONWriter` writes the same bytes as `JSONCoding.canonicalEncoder`: plan digests
/// and replies must not change with the writer that made them.
struct CanonicalJSONWriterTests {
    static func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try JSONCoding.canonicalEncoder.encode(value), as: UTF8.self)
    }

    static func written(_ value: JSONValue) throws -> String {
        var writer = CanonicalJSONWriter()
        try writer.write(value)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// Every ASCII character, line and paragraph separators, combining marks, emoji.
    static let awkwardText =
        String(String.UnicodeScalarView((0..<0x80).map { Unicode.Scalar(UInt8($0)) }))
        + "\u{2028}\u{2029}\u{85}\u{FEFF}e\u{301}é😀👩‍👩‍👧/\\\"</script>"

    @Test("scalars, strings, arrays and objects are written as the encoder writes them")
    func values() throws {
        let values: [JSONValue] = [
            .null, true, false, 0, -1, .int(Int64.max), .int(Int64.min), 1.5, -0.0, 1e21, 1e-7, 0.1, 123_456_789.125,
            "", .string(Self.awkwardText), "https://crm.example.com/hooks?a=1&b=2", [], [:], [[]], [[:]],
            ["b": 1, "B": 2, "a10": 3, "a2": 4, "_": 5, "$ref": 6, "a": 7, "a-": 8, "Z": 9, "": 10, "aa": 11],
            ["é": 1, "e": 2, "ß": 3, "ss": 4, "😀": 5, "z": ["ü": [1.25, "x"]]],
            ["nested": ["deeper": [["k": .null, "list": [1, 2.5, "3", false]]]], "X-Team": "sales"],
        ]
        for value in values {
            #expect(try Self.written(value) == Self.encoded(value), "\(value)")
        }
    }

    @Test("a thousand random values are written as the encoder writes them")
    func randomValues() throws {
        var random = AwkwardJSON(source: RandomJSONValues(seed: 0x600D_5EED))
        for _ in 0..<1000 {
            let value = random.value(depth: 4)
            #expect(try Self.written(value) == Self.encoded(value), "\(value)")
        }
    }

    @Test("plans are written as the encoder writes them, every optional member set or not")
    func plans() throws {
        let fields = [
            FieldChange(field: "spec.url", new: "https://a.example.com/x"),
            FieldChange(field: "spec.url", old: "https://a.example.com/x", new: "https://b.example.com/y"),
            FieldChange(field: "spec.rateLimit.perSecond", old: .null, new: 50),
            FieldChange(field: "spec.description", old: "old", new: .null),
            FieldChange(field: "spec.events", added: ["customer.*", "reward.issued"]),
            FieldChange(field: "spec.events", added: [], removed: ["customer.created"]),
            FieldChange(field: "spec.secret", sensitive: true),
            FieldChange(field: "spec.headers", new: ["X-Team": "sales", "Ünïcode": "ja"]),
            FieldChange(field: "spec.schema", new: ["type": "object", "properties": ["amount": ["minimum": 0.5]]]),
            FieldChange(field: "spec.example", old: ["n": 1e300], new: .string(Self.awkwardText)),
        ]
        let changes = [
            ResourceChange(action: .create, key: ResourceKey(kind: .account, name: "acc_1"), fields: Array(fields.prefix(2))),
            ResourceChange(
                action: .update, key: ResourceKey(kind: .webhook, account: "acc_1", name: "crm"), fields: fields,
                drift: "disabled outside the manifests (disabled by operator: \"migration\")", adopt: true),
            ResourceChange(action: .delete, key: ResourceKey(kind: .eventType, name: "customer.created")),
        ]
        for plan in [
            ConfigurationPlan(stateRevision: 42, prune: true, changes: changes),
            ConfigurationPlan(stateRevision: 0, prune: false, changes: []),
        ] {
            // The changes the digest is taken of are written as the encoder writes them (the
            // digest hashes the same bytes as before), and so is the whole plan.
            let written = String(decoding: try plan.canonicalJSON(), as: UTF8.self)
            #expect(written == (try Self.encoded(plan)))
            #expect(written.hasPrefix(#"{"changes":\#(try Self.encoded(plan.changes)),"digest":"\#(plan.digest)""#))
        }
    }

    @Test("a value the encoder refuses (a non-finite number) is refused")
    func refusesWhatTheEncoderRefuses() {
        var writer = CanonicalJSONWriter()
        #expect(throws: (any Error).self) { try writer.write(["n": [.double(.infinity)]]) }
        #expect(throws: (any Error).self) { try JSONCoding.canonicalEncoder.encode(JSONValue.double(.nan)) }
    }
}

/// Random JSON values leaning on what a writer can get wrong: characters to escape,
/// multi-byte text, keys that sort differently by bytes and by other orders.
struct AwkwardJSON {
    var source: RandomJSONValues

    private static let alphabet: [String] = [
        "a", "Z", "_", "-", "/", "\\", "\"", "\n", "\t", "\u{1}", "\u{1f}", "\u{7f}", "é", "😀", "e\u{301}", " ", "1",
    ]

    mutating func text() -> String {
        (0..<source.below(7)).map { _ in Self.alphabet[source.below(Self.alphabet.count)] }.joined()
    }

    mutating func value(depth: Int) -> JSONValue {
        switch source.below(depth > 0 ? 8 : 6) {
        case 0: return .null
        case 1: return .bool(source.below(2) == 0)
        case 2: return .int(Int64(bitPattern: source.next()) >> Int64(source.below(64)))
        case 3: return .double(Double(Int64(bitPattern: source.next()) >> 20) / Double(1 << source.below(40)))
        case 4, 5: return .string(text())
        case 6: return .array((0..<source.below(5)).map { _ in value(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<source.below(5) { members[text()] = value(depth: depth - 1) }
            return .object(members)
        }
    }
}

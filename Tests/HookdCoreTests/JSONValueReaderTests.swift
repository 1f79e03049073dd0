import Foundation
import HookdCore
import HookdTesting
import Testing

/// `JSONValueReader` gives the decoder's value or none: never a different one.
struct JSONValueReaderTests {
    static func decoded(_ text: String) -> JSONValue? {
        try? JSONValue.parse(Data(text.utf8))
    }

    @Test(
        "texts are read as the decoder reads them, or left to it",
        arguments: [
            "null", "true", "false", "0", "-0", "7", "-12", "1.0", "1e2", "2.5", "-0.25e-3", "1E+2",
            "9223372036854775807", "-9223372036854775808", "9223372036854775808", "0123", "-", "+1", "1.", ".5", "1e400",
            #""""#, #""plain""#, #""a\"b\\c\/d\b\f\n\r\t""#, #""\u0041\u00e9\u20ac""#, #""\ud83d\ude00""#, #""\ud83d""#,
            #""\ude00x""#, #""\x""#, "\"tab\there\"", #""é😀""#,
            "[]", "{}", " [ 1 , \"2\" , [ ] , { } ] ", "[1,]", #"{"a":1,}"#, "[1 2]", #"{"a" 1}"#, #"{"a":1,"a":2}"#,
            #"{"b":{"c":[null,true,{"d":"e"}]},"a":-1}"#, "tru", "nul", "[", "]", "", "  ", "1 2", "{\"a\":1}x",
            String(repeating: "[", count: 300) + String(repeating: "]", count: 300),
            String(repeating: "[", count: 600) + String(repeating: "]", count: 600),
        ])
    func readsAsTheDecoder(text: String) {
        let read = JSONValueReader.read(Array(text.utf8))
        if let read {
            #expect(read == Self.decoded(text), "\(text)")
        }
    }

    @Test("strings are read whole: plain ASCII, other UTF-8, escapes after a plain run; invalid UTF-8 is not")
    func readsStrings() {
        #expect(JSONValueReader.read(Array(#""customer_id""#.utf8)) == .string("customer_id"))
        #expect(JSONValueReader.read(Array(#""Zoë 😀""#.utf8)) == .string("Zoë 😀"))
        #expect(JSONValueReader.read(Array(#""plain then \n and \u00e9 ünd""#.utf8)) == .string("plain then \n and é ünd"))
        #expect(JSONValueReader.read(Array(#"{"ké":"v\"w","k":""}"#.utf8)) == .object(["ké": "v\"w", "k": ""]))
        // A lone continuation byte, a truncated sequence, an overlong encoding; with and
        // without an escape after them.
        for bad: [UInt8] in [[0x80], [0xC3, 0x28], [0xE2, 0x82], [0xC0, 0xAF], [0xC3, 0x28, 0x5C, 0x6E]] {
            #expect(JSONValueReader.read([0x22] + bad + [0x22]) == nil, "\(bad)")
        }
        // Unterminated, and a raw control character.
        #expect(JSONValueReader.read(Array(#""open"#.utf8)) == nil)
        #expect(JSONValueReader.read(Array("\"a\u{1}b\"".utf8)) == nil)
    }

    @Test("what hookd writes is read without the decoder, whatever the layout")
    func readsHookdOutput() throws {
        var random = AwkwardJSON(source: RandomJSONValues(seed: 0xBEEF))
        for _ in 0..<500 {
            let value = random.value(depth: 4)
            for encoder in [JSONCoding.canonicalEncoder, JSONCoding.prettyEncoder] {
                let data = try encoder.encode(value)
                let read = try #require(JSONValueReader.read(data), "\(String(decoding: data, as: UTF8.self))")
                #expect(read == (try JSONValue.parse(data)))
            }
        }
    }

    @Test("plans read from parsed JSON equal the decoded ones; what the decoder refuses, they refuse")
    func readsPlans() throws {
        let plan = ConfigurationPlan(
            stateRevision: 9, prune: true,
            changes: [
                ResourceChange(
                    action: .update, key: ResourceKey(kind: .webhook, account: "acc_1", name: "crm"),
                    fields: [
                        FieldChange(field: "spec.url", old: "https://a.example.com", new: "https://b.example.com"),
                        FieldChange(field: "spec.rateLimit.perSecond", old: .null, new: 50),
                        FieldChange(field: "spec.events", added: ["customer.*"], removed: ["customer.created"]),
                        FieldChange(field: "spec.secret", sensitive: true),
                        FieldChange(field: "spec.example", new: ["amount": 1.5, "items": [["sku": "x"]]]),
                    ],
                    drift: "disabled outside the manifests (disabled by operator)", adopt: true),
                ResourceChange(action: .create, key: ResourceKey(kind: .account, name: "acc_2")),
            ])
        for encoder in [JSONCoding.canonicalEncoder, JSONCoding.prettyEncoder] {
            let data = try encoder.encode(plan)
            let read = try ConfigurationPlan(json: try #require(JSONValueReader.read(data)))
            #expect(read == (try JSONCoding.decoder.decode(ConfigurationPlan.self, from: data)))
        }
        let shapes = [
            #"{"stateRevision":1,"prune":false,"digest":"d","changes":[]}"#,
            #"{"stateRevision":1.0,"prune":false,"digest":"d","changes":[],"extra":{"x":1}}"#,
            #"{"stateRevision":1,"prune":false,"digest":"d","changes":[{"action":"create","kind":"Account","name":"a","fields":[{"field":"f","old":null,"new":null,"added":null,"sensitive":null}],"drift":null,"account":null}]}"#,
            #"{"stateRevision":1.5,"prune":false,"digest":"d","changes":[]}"#,
            #"{"stateRevision":1,"prune":null,"digest":"d","changes":[]}"#,
            #"{"stateRevision":1,"prune":false,"changes":[]}"#,
            #"{"stateRevision":1,"prune":false,"digest":"d","changes":[{"action":"rename","kind":"Account","name":"a","fields":[]}]}"#,
            #"{"stateRevision":1,"prune":false,"digest":"d","changes":[{"action":"create","kind":"Account","name":"a","fields":[{"field":"f","added":[null]}]}]}"#,
            #"{"stateRevision":1,"prune":false,"digest":"d","changes":[{"action":"create","kind":"Account","name":"a"}]}"#,
        ]
        for text in shapes {
            let decoded = try? JSONCoding.decoder.decode(ConfigurationPlan.self, from: Data(text.utf8))
            let read = JSONValueReader.read(Array(text.utf8)).flatMap { try? ConfigurationPlan(json: $0) }
            #expect(read == decoded, "\(text)")
        }
    }
}

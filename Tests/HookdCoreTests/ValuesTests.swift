import Foundation
import HookdCore
import Testing

struct IntervalTests {
    @Test("durations parse in every unit and print back in their shortest form", arguments: [
        ("500ms", 500), ("10s", 10_000), ("1m", 60_000), ("1h30m", 5_400_000), ("2d", 172_800_000), ("0s", 0),
        ("90s", 90_000), (" 10s ", 10_000), ("\t1m", 60_000), ("\u{00A0}1h\u{2003}", 3_600_000),
    ])
    func parses(text: String, milliseconds: Int64) throws {
        let interval = try Interval(parsing: text)
        #expect(interval.milliseconds == milliseconds)
        #expect(try Interval(parsing: interval.description) == interval)
    }

    @Test("bad durations are refused with an example of the right form", arguments: ["", "10", "m", "1x", "-1s", "1.5s", "s10", "1m\n", " ", "1 m"])
    func refuses(text: String) {
        #expect(throws: IntervalParseError.self) { try Interval(parsing: text) }
    }

    @Test("90s prints as 1m30s")
    func normalises() throws {
        #expect(try Interval(parsing: "90s").description == "1m30s")
    }
}

struct EventPatternTests {
    @Test("* matches everything, customer.* a family, exact names only themselves")
    func matching() throws {
        #expect(EventPattern.all.matches("reward.issued"))
        #expect(!EventPattern.all.matches("hookd.webhook.disabled"))
        #expect(try EventPattern("hookd.*").matches("hookd.webhook.disabled"))
        let family = try EventPattern("customer.*")
        #expect(family.matches("customer.created"))
        #expect(family.matches("customer.deleted"))
        #expect(!family.matches("customer"))
        #expect(!family.matches("customers.created"))
        let exact = try EventPattern("customer.created")
        #expect(exact.matches("customer.created"))
        #expect(!exact.matches("customer.updated"))
    }

    @Test("coverage: * covers all, a family covers its members, exact covers only itself")
    func coverage() throws {
        let family = try EventPattern("customer.*")
        #expect(EventPattern.all.covers(family))
        #expect(family.covers(try EventPattern("customer.created")))
        #expect(!family.covers(.all))
        #expect(!(try EventPattern("customer.created")).covers(family))
    }

    @Test("malformed patterns are refused", arguments: ["", "Customer.created", "customer.", ".created", "a..b", "customer*", "*.created", "custo mer"])
    func refuses(text: String) {
        #expect(throws: HookdError.self) { try EventPattern(text) }
    }
}

struct NamesTests {
    @Test("resource names: letters, digits, _ - . and no slash")
    func resourceNames() {
        #expect(Names.resourceNameProblem("acc_12345") == nil)
        #expect(Names.resourceNameProblem("crm-sync.v2") == nil)
        #expect(Names.resourceNameProblem("") != nil)
        #expect(Names.resourceNameProblem("a/b") != nil)
        #expect(Names.resourceNameProblem("-x") != nil)
        #expect(Names.resourceNameProblem(String(repeating: "a", count: 129)) != nil)
    }
}

struct JSONValueTests {
    @Test("integers stay integers and objects encode canonically with sorted keys")
    func roundTrip() throws {
        let text = #"{"b":[1,2.5,"x",null,true],"a":{"big":9007199254740993}}"#
        let value = try JSONValue.parse(Data(text.utf8))
        #expect(value["a"]?["big"] == .int(9_007_199_254_740_993))
        #expect(String(decoding: try value.canonicalData(), as: UTF8.self) == #"{"a":{"big":9007199254740993},"b":[1,2.5,"x",null,true]}"#)
    }

    @Test("every JSON type decodes to its own case: strings that look like numbers stay strings, whole numbers stay integers")
    func decodesEachType() throws {
        let text = #"""
            [null, true, false, 0, -1, 7, 1.5, -0.25, 1.0, 1e2, 2.5e-3, -0, 9223372036854775807, -9223372036854775808,
             9223372036854775808, "", "true", "1", "null", "[]", [], {}, [[]], [{}], {"a": []}, {"a": {"b": null}},
             {"s": "x", "n": 1, "b": false, "l": [1, "1", true, null, 1.5, {"k": [[]]}]}]
            """#
        let value = try JSONValue.parse(Data(text.utf8))
        let expected: JSONValue = [
            .null, true, false, 0, -1, 7, 1.5, -0.25, 1, 100, 0.0025, 0, .int(Int64.max), .int(Int64.min),
            .double(9_223_372_036_854_775_808), "", "true", "1", "null", "[]", [], [:], [[]], [[:]],
            ["a": []], ["a": ["b": .null]],
            ["s": "x", "n": 1, "b": false, "l": [1, "1", true, .null, 1.5, ["k": [[]]]]],
        ]
        #expect(value == expected)
        // A number no JSON type holds is no JSON value at all.
        #expect(throws: DecodingError.self) { try JSONValue.parse(Data("[1, 1e400]".utf8)) }
    }
}

struct IdentifierTests {
    @Test("identifiers carry their prefix, 26 Crockford characters and sort by time")
    func shape() {
        let early = Identifier.make(.event, at: Date(timeIntervalSince1970: 1_000))
        let late = Identifier.make(.event, at: Date(timeIntervalSince1970: 2_000))
        #expect(early.hasPrefix("evt_"))
        #expect(early.count == 30)
        #expect(early < late)
        #expect(Identifier.make(.delivery).hasPrefix("dlv_"))
        #expect(Identifier.make(.event) != Identifier.make(.event))
    }

    @Test("all 80 random bits come from the generator")
    func randomPart() {
        struct Constant: RandomNumberGenerator {
            var bits: UInt64
            mutating func next() -> UInt64 { bits }
        }
        var ones = Constant(bits: .max)
        var zeros = Constant(bits: 0)
        let date = Date(timeIntervalSince1970: 1_000)
        #expect(Identifier.make(.webhook, at: date, using: &ones).hasSuffix(String(repeating: "Z", count: 16)))
        #expect(Identifier.make(.webhook, at: date, using: &zeros).hasSuffix(String(repeating: "0", count: 16)))
    }

    @Test("the first ten characters are the ULID time part")
    func timePart() {
        struct Zeros: RandomNumberGenerator {
            mutating func next() -> UInt64 { 0 }
        }
        var zeros = Zeros()
        // The ULID specification's example: 1469918176385 ms is 01ARYZ6S41.
        let date = Date(timeIntervalSince1970: 1_469_918_176.3855)
        #expect(Identifier.make(.event, at: date, using: &zeros) == "evt_01ARYZ6S41" + String(repeating: "0", count: 16))
        #expect(Identifier.make(.webhook, at: date, using: &zeros) == "wh_01ARYZ6S41" + String(repeating: "0", count: 16))
    }

    @Test("ids made in one millisecond stay distinct across many refills of the buffered system generator")
    func distinctAcrossRefills() {
        let date = Date(timeIntervalSince1970: 1_000)
        // 5,000 ids take 10,000 draws: about twenty refills of the 512-draw buffer.
        let ids = (0..<5_000).map { _ in Identifier.make(.delivery, at: date) }
        #expect(Set(ids).count == ids.count)
        // A refill that handed out the same page again (or zeros) would repeat or flatten
        // the random part.
        #expect(Set(ids.map { $0.suffix(16) }).count == ids.count)
        #expect(!ids.contains { $0.hasSuffix(String(repeating: "0", count: 16)) })
    }
}

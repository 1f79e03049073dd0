import Foundation
import HookdCore
import Testing

/// Payload filters as pure values: reading the manifest/API form, evaluating every operator
/// on event data, explaining the verdict, and checking paths against data schemas.
struct PayloadFilterTests {
    static let data: JSONValue = [
        "transaction_id": "txn_11111", "amount": 150, "balance_after": 350.5, "type": "points_added",
        "card": ["type": "apple", "id": "card_22222"], "tags": ["vip", "new"], "note": .null,
    ]

    /// Parses `json`, requiring it to be valid.
    static func filter(_ json: JSONValue) throws -> PayloadFilter {
        var problems = ViolationList()
        let filter = PayloadFilter.parse(json, field: "filter", problems: &problems)
        #expect(problems.violations.isEmpty, "\(problems.violations)")
        return try #require(filter)
    }

    /// Whether `condition` (one `{path, OP: value}`) holds for `data`.
    static func holds(_ condition: JSONValue, _ data: JSONValue = data) throws -> Bool {
        try filter(condition).matches(data)
    }

    @Test("eq, ne, in and nin compare by value; numbers by mathematical value; a missing value is unequal")
    func equality() throws {
        #expect(try Self.holds(["path": "card.type", "eq": "apple"]))
        #expect(try !Self.holds(["path": "card.type", "eq": "google"]))
        #expect(try Self.holds(["path": "amount", "eq": 150.0]))
        #expect(try Self.holds(["path": "note", "eq": .null]))
        #expect(try Self.holds(["path": "card.type", "ne": "google"]))
        #expect(try Self.holds(["path": "missing", "ne": "x"]))
        #expect(try !Self.holds(["path": "missing", "eq": "x"]))
        #expect(try Self.holds(["path": "card.type", "in": ["apple", "google"]]))
        #expect(try !Self.holds(["path": "missing", "in": ["apple"]]))
        #expect(try Self.holds(["path": "card.type", "nin": ["samsung"]]))
        #expect(try !Self.holds(["path": "card.type", "nin": ["apple"]]))
        #expect(try Self.holds(["path": "missing", "nin": ["apple"]]))
        #expect(try Self.holds(["path": "tags.0", "eq": "vip"]), "a number segment indexes an array")
    }

    @Test("gt, gte, lt and lte order numbers with numbers and strings with strings; anything else fails")
    func ordering() throws {
        #expect(try Self.holds(["path": "amount", "gt": 100]))
        #expect(try Self.holds(["path": "amount", "gte": 150]))
        #expect(try !Self.holds(["path": "amount", "gt": 150]))
        #expect(try Self.holds(["path": "balance_after", "lt": 350.6]))
        #expect(try Self.holds(["path": "balance_after", "lte": 350.5]))
        #expect(try Self.holds(["path": "transaction_id", "gte": "txn_1"]))
        #expect(try !Self.holds(["path": "transaction_id", "lt": "txn_1"]))
        #expect(try !Self.holds(["path": "card.type", "gt": 1]), "a string does not order against a number")
        #expect(try !Self.holds(["path": "missing", "lt": 1]))
        #expect(try !Self.holds(["path": "missing", "gte": 1]))
    }

    @Test("exists sees present values (null included); prefix takes strings only")
    func existsAndPrefix() throws {
        #expect(try Self.holds(["path": "card.id", "exists": true]))
        #expect(try Self.holds(["path": "note", "exists": true]))
        #expect(try Self.holds(["path": "card.kind", "exists": false]))
        #expect(try !Self.holds(["path": "card", "exists": false]))
        #expect(try Self.holds(["path": "card.id", "prefix": "card_"]))
        #expect(try !Self.holds(["path": "amount", "prefix": "1"]))
        #expect(try !Self.holds(["path": "amount.deeper", "exists": true]), "a path through a scalar is absent")
    }

    @Test("all, any and not combine, and nest")
    func groups() throws {
        let issueExample = try Self.filter([
            "all": [["path": "card.type", "in": ["apple", "google"]], ["path": "amount", "gte": 100]]
        ])
        #expect(issueExample.matches(Self.data))
        #expect(!issueExample.matches(["card": ["type": "apple"], "amount": 50]))
        #expect(!issueExample.matches(["card": ["type": "samsung"], "amount": 500]))
        let either = try Self.filter(["any": [["path": "amount", "gt": 1000], ["path": "card.type", "eq": "apple"]]])
        #expect(either.matches(Self.data))
        #expect(!either.matches(["amount": 5]))
        let negated = try Self.filter(["not": ["any": [["path": "type", "prefix": "stamps_"], ["path": "amount", "lt": 10]]]])
        #expect(negated.matches(Self.data))
        #expect(!negated.matches(["type": "stamps_added", "amount": 50]))
    }

    @Test("the verdict names the condition that decided it")
    func verdicts() throws {
        let filter = try Self.filter([
            "all": [["path": "card.type", "in": ["apple", "google"]], ["path": "amount", "gte": 100]]
        ])
        #expect(filter.verdict(for: ["card": ["type": "apple"], "amount": 50])
            == FilterVerdict(matches: false, reason: "amount is 50, not >= 100"))
        #expect(filter.verdict(for: Self.data)
            == FilterVerdict(matches: true, reason: #"card.type is "apple", in ["apple", "google"]; amount is 150, >= 100"#))
        #expect(try Self.filter(["path": "card.type", "eq": "apple"]).verdict(for: [:])
            == FilterVerdict(matches: false, reason: #"card.type is absent, not = "apple""#))
        let none = try Self.filter(["any": [["path": "amount", "gt": 1000], ["path": "type", "eq": "x"]]])
        #expect(none.verdict(for: Self.data).reason
            == #"none of 2 held: amount is 150, not > 1000; type is "points_added", not = "x""#)
    }

    @Test("the manifest form reads back to itself")
    func roundTrip() throws {
        let json: JSONValue = [
            "any": [
                ["path": "card.type", "in": ["apple", "google"]], ["not": ["path": "amount", "lt": 100]],
                ["all": [["path": "type", "ne": "points_deducted"], ["path": "card.id", "exists": true]]],
            ]
        ]
        #expect(try Self.filter(json).json == json)
    }

    /// The violations reading `json` gives, as `field: description`.
    static func problems(_ json: JSONValue) -> [String] {
        var problems = ViolationList()
        #expect(PayloadFilter.parse(json, field: "filter", problems: &problems) == nil)
        return problems.violations.map { "\($0.field): \($0.description)" }
    }

    @Test("wrong filters are refused with the field and what is allowed")
    func refusals() {
        #expect(Self.problems(["path": "amount", "gte": "100", "lt": 5]) == [
            "filter: holds gte and lt; give one operator per condition (combine with all)"
        ])
        #expect(Self.problems(["path": "amount", "greater": 100]) == [
            "filter.greater: unknown operator \"greater\"; use one of eq, ne, in, nin, gt, gte, lt, lte, exists, prefix"
        ])
        #expect(Self.problems(["all": [["path": "data.amount", "gt": 1], ["path": "a..b", "exists": "yes"]]]) == [
            "filter.all[0].path: paths are relative to data: write amount, not data.amount",
            "filter.all[1].path: \"a..b\" is not a path: dot-separated names inside data, e.g. card.type",
        ])
        #expect(Self.problems(["any": []]) == ["filter.any: must be a non-empty list of filters"])
        #expect(Self.problems(["all": [["path": "a", "in": []]], "any": [["path": "a", "exists": true]]]) == [
            "filter: holds all and any; give exactly one of all, any, not"
        ])
        #expect(Self.problems(["path": "a", "gt": true]) == ["filter.gt: must be a number or a string, got boolean"])
        #expect(Self.problems(["path": "a", "exists": "yes"]) == ["filter.exists: must be true or false, got string"])
        #expect(Self.problems(["path": "a", "eq": ["x"]]) == [
            "filter.eq: must be a string, number, boolean or null, got array"
        ])
        #expect(Self.problems(["allOf": []]).first?.hasPrefix("filter.allOf: unknown filter key \"allOf\"") == true)
        #expect(Self.problems("amount >= 100").first?.hasPrefix("filter: must be a mapping") == true)
        let wide = JSONValue.array((0...PayloadFilter.maximumConditions).map { _ in ["path": "a", "exists": true] })
        #expect(Self.problems(["any": wide]) == [
            "filter: holds \(PayloadFilter.maximumConditions + 1) conditions; at most \(PayloadFilter.maximumConditions) are allowed"
        ])
    }

    static let transactionSchema: JSONValue = [
        "type": "object", "additionalProperties": false,
        "properties": [
            "amount": ["type": "number"],
            "card": ["$ref": "#/$defs/card"],
            "tags": ["type": "array", "items": ["type": "string"]],
        ],
        "$defs": ["card": ["type": "object", "additionalProperties": false, "properties": ["type": ["type": "string"]]]],
    ]

    @Test("a path no receiving event type's schema can hold is a problem; open schemas and other types allow it")
    func schemaPaths() throws {
        let filter = try Self.filter([
            "all": [
                ["path": "card.type", "eq": "apple"], ["path": "card.kind", "eq": "x"], ["path": "amount.value", "gt": 1],
                ["path": "tags.0", "eq": "vip"], ["path": "tags.first", "eq": "vip"],
            ]
        ])
        let problems = filter.schemaProblems(receiving: [("transaction.completed", Self.transactionSchema)])
        #expect(problems.map(\.field) == ["all[1].path", "all[2].path", "all[4].path"])
        #expect(problems.first?.description == #""card.kind" cannot occur in the data schema of transaction.completed"#)
        // Another receiving type that can hold it, or one without a schema, clears it.
        let open: JSONValue = ["type": "object", "additionalProperties": false, "properties": ["card": ["type": "object"]]]
        #expect(
            filter.schemaProblems(receiving: [("transaction.completed", Self.transactionSchema), ("card.updated", open)])
                .map(\.field) == ["all[2].path", "all[4].path"])
        #expect(filter.schemaProblems(receiving: [("transaction.completed", Self.transactionSchema), ("push.sent", nil)]).isEmpty)
    }
}

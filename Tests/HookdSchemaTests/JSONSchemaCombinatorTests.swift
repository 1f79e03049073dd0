import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: allOf, anyOf, oneOf, not, if/then/else")
struct JSONSchemaCombinatorTests {
    @Test("allOf reports the violations of every branch")
    func allOf() throws {
        let compiled = try schema(##"{"allOf": [{"required": ["a"]}, {"properties": {"b": {"type": "string"}}}]}"##)
        #expect(try valid(compiled, ##"{"a": 1, "b": "x"}"##))
        #expect(try problems(compiled, ##"{"b": 2}"##) == [#"/: missing required property "a""#, "/b: must be a string, got number"])
    }

    @Test("anyOf needs one branch to match")
    func anyOf() throws {
        let compiled = try schema(##"{"anyOf": [{"type": "string"}, {"type": "integer", "minimum": 0}]}"##)
        #expect(try valid(compiled, "\"x\""))
        #expect(try valid(compiled, "3"))
        #expect(try problems(compiled, "-3") == ["/: must match at least one of the anyOf schemas"])
    }

    @Test("oneOf needs exactly one branch to match and says which matched")
    func oneOf() throws {
        let compiled = try schema(##"{"oneOf": [{"type": "integer"}, {"minimum": 10}]}"##)
        #expect(try valid(compiled, "3"))
        #expect(try valid(compiled, "10.5"))
        #expect(try problems(compiled, "12") == ["/: must match exactly one of the oneOf schemas, matched oneOf/0 and oneOf/1"])
        #expect(try problems(compiled, "2.5") == ["/: must match exactly one of the oneOf schemas, matched none"])
    }

    @Test("not refuses what its schema accepts")
    func not() throws {
        let compiled = try schema(##"{"not": {"type": "null"}}"##)
        #expect(try valid(compiled, "0"))
        #expect(try problems(compiled, "null") == [#"/: must not match the "not" schema"#])
    }

    @Test("if/then/else applies then when if matches and else otherwise")
    func conditional() throws {
        let compiled = try schema(
            """
            {"if": {"properties": {"method": {"const": "card"}}, "required": ["method"]},
             "then": {"required": ["card_id"]},
             "else": {"required": ["account_number"]}}
            """)
        #expect(try valid(compiled, ##"{"method": "card", "card_id": "c"}"##))
        #expect(try problems(compiled, ##"{"method": "card"}"##) == [#"/: missing required property "card_id""#])
        #expect(try problems(compiled, ##"{"method": "bank"}"##) == [#"/: missing required property "account_number""#])
        let onlyThen = try schema(##"{"if": {"type": "string"}, "then": {"minLength": 2}}"##)
        #expect(try valid(onlyThen, "5"))
        #expect(!(try valid(onlyThen, "\"a\"")))
    }

    @Test("a branch's failures inside anyOf do not leak as violations of the instance")
    func branchesAreQuiet() throws {
        let compiled = try schema(##"{"properties": {"id": {"anyOf": [{"type": "string"}, {"type": "integer"}]}}}"##)
        #expect(try problems(compiled, ##"{"id": 1.5}"##) == ["/id: must match at least one of the anyOf schemas"])
    }

    @Test("validation stops at the requested number of violations")
    func violationLimit() throws {
        let compiled = try schema(##"{"items": {"type": "string"}}"##)
        let many = JSONValue.array(Array(repeating: .int(1), count: 1000))
        #expect(compiled.validate(many).count == 1000)
        #expect(compiled.validate(many, maximumViolations: 5).map(\.instancePath) == ["/0", "/1", "/2", "/3", "/4"])
    }
}

import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: arrays")
struct JSONSchemaArrayTests {
    @Test("items checks every element and reports each by index")
    func items() throws {
        let compiled = try schema(
            ##"{"properties": {"items": {"type": "array", "items": {"required": ["sku"], "properties": {"sku": {"type": "string"}}}}}}"##)
        #expect(try valid(compiled, ##"{"items": [{"sku": "a"}, {"sku": "b"}]}"##))
        #expect(
            try problems(compiled, ##"{"items": [{"sku": 1}, {"sku": "b"}, {}]}"##) == [
                "/items/0/sku: must be a string, got number", #"/items/2: missing required property "sku""#,
            ])
    }

    @Test("prefixItems checks positions; items covers the rest; items false closes the tuple")
    func tuples() throws {
        let pair = try schema(##"{"prefixItems": [{"type": "string"}, {"type": "number"}], "items": false}"##)
        #expect(try valid(pair, ##"["a", 1]"##))
        #expect(try valid(pair, ##"["a"]"##))
        #expect(try problems(pair, ##"[1, "a"]"##) == ["/0: must be a string, got number", "/1: must be a number, got string"])
        #expect(try problems(pair, ##"["a", 1, true]"##) == ["/: must have at most 2 items, got 3"])
        let rest = try schema(##"{"prefixItems": [{"type": "string"}], "items": {"type": "integer"}}"##)
        #expect(try problems(rest, ##"["a", 1, 2.5]"##) == ["/2: must be an integer, got 2.5"])
    }

    @Test("minItems, maxItems and uniqueItems (1 and 1.0 are equal)")
    func countsAndUniqueness() throws {
        let compiled = try schema(##"{"minItems": 1, "maxItems": 3, "uniqueItems": true}"##)
        #expect(try problems(compiled, "[]") == ["/: must have at least 1 item, got 0"])
        #expect(try problems(compiled, "[1, 2, 3, 4]") == ["/: must have at most 3 items, got 4"])
        #expect(try problems(compiled, "[1, 2, 1.0]") == ["/: items 0 and 2 are equal; items must be unique"])
        #expect(try problems(compiled, ##"[{"a": 1}, {"a": 1.0}]"##) == ["/: items 0 and 1 are equal; items must be unique"])
        #expect(try valid(compiled, ##"[{"a": 1}, {"a": 2}, [1]]"##))
        #expect(try valid(compiled, ##"[1, "1", true]"##))
        #expect(try valid(try schema(##"{"uniqueItems": false}"##), "[1, 1]"))
    }

    @Test("contains counts matching elements against minContains and maxContains")
    func contains() throws {
        let one = try schema(##"{"contains": {"const": "gold"}}"##)
        #expect(try valid(one, ##"["silver", "gold"]"##))
        #expect(try problems(one, ##"["silver"]"##) == [#"/: must contain at least 1 item matching "contains", got 0"#])
        #expect(try problems(one, "[]") == [#"/: must contain at least 1 item matching "contains", got 0"#])
        let range = try schema(##"{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}"##)
        #expect(try valid(range, ##"[1, "a", 2]"##))
        #expect(try problems(range, ##"[1, "a"]"##) == [#"/: must contain at least 2 items matching "contains", got 1"#])
        #expect(try problems(range, "[1, 2, 3, 4]") == [#"/: must contain at most 3 items matching "contains", got 4"#])
        #expect(try valid(try schema(##"{"contains": false, "minContains": 0}"##), "[]"))
    }

    @Test("array keywords ignore values that are not arrays")
    func onlyArrays() throws {
        let compiled = try schema(##"{"items": false, "minItems": 2, "contains": false}"##)
        for instance in ["{}", "\"ab\"", "3"] { #expect(try valid(compiled, instance)) }
    }
}

import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: $ref and $defs")
struct JSONSchemaReferenceTests {
    @Test("$ref to $defs and definitions, with the keywords beside it applied too")
    func definitions() throws {
        let compiled = try schema(
            """
            {"$defs": {"money": {"type": "number", "multipleOf": 0.01}},
             "definitions": {"id": {"type": "string", "minLength": 1}},
             "properties": {
               "amount": {"$ref": "#/$defs/money", "minimum": 0},
               "customer_id": {"$ref": "#/definitions/id"}}}
            """)
        #expect(try valid(compiled, ##"{"amount": 19.99, "customer_id": "c"}"##))
        #expect(
            try problems(compiled, ##"{"amount": -0.001, "customer_id": ""}"##) == [
                "/amount: must be a multiple of 0.01, got -0.001", "/amount: must be at least 0, got -0.001",
                "/customer_id: must be at least 1 character long, got 0",
            ])
    }

    @Test("recursive schemas through # validate trees of any depth")
    func recursion() throws {
        let tree = try schema(
            ##"{"type": "object", "required": ["name"], "properties": {"name": {"type": "string"}, "children": {"type": "array", "items": {"$ref": "#"}}}}"##)
        #expect(try valid(tree, ##"{"name": "a", "children": [{"name": "b", "children": [{"name": "c"}]}]}"##))
        #expect(
            try problems(tree, ##"{"name": "a", "children": [{"name": "b", "children": [{}]}]}"##)
                == [#"/children/0/children/0: missing required property "name""#])
    }

    @Test("pointer escapes ~0, ~1 and percent-encoding resolve to the right definition")
    func escapes() throws {
        let compiled = try schema(
            """
            {"$defs": {"a/b": {"const": 1}, "m~n": {"const": 2}, "with space": {"const": 3}},
             "properties": {"x": {"$ref": "#/$defs/a~1b"}, "y": {"$ref": "#/$defs/m~0n"}, "z": {"$ref": "#/$defs/with%20space"}}}
            """)
        #expect(try valid(compiled, ##"{"x": 1, "y": 2, "z": 3}"##))
        #expect(try problems(compiled, ##"{"x": 2, "y": 1, "z": 1}"##) == ["/x: must be 1", "/y: must be 2", "/z: must be 3"])
    }

    @Test("a $ref may point at any subschema, and through the root's $id")
    func otherTargets() throws {
        let compiled = try schema(
            ##"{"$id": "https://example.com/order.json", "properties": {"a": {"type": "string"}, "b": {"$ref": "#/properties/a"}, "c": {"$ref": "https://example.com/order.json#/properties/a"}}}"##)
        #expect(try problems(compiled, ##"{"b": 1, "c": 2}"##) == ["/b: must be a string, got number", "/c: must be a string, got number"])
    }

    @Test("$ref loops that never move into the data are refused, naming the loop", arguments: [
        (##"{"$ref": "#"}"##, "/$ref", "# → #"),
        (##"{"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}}, "$ref": "#/$defs/a"}"##, "/$defs/a/$ref",
         "#/$defs/a → #/$defs/b → #/$defs/a"),
        (##"{"anyOf": [{"type": "string"}, {"$ref": "#"}]}"##, "/anyOf/1/$ref", "# → #/anyOf/1 → #"),
        (##"{"$defs": {"a": {"not": {"$ref": "#/$defs/a"}}}}"##, "/$defs/a/not/$ref", "#/$defs/a → #/$defs/a/not → #/$defs/a"),
    ])
    func loops(schemaText: String, path: String, route: String) throws {
        let error = try #require(try compileError(schemaText))
        #expect(error.schemaPath == path)
        #expect(error.message.contains("(\(route))"), "\(error.message)")
        #expect(error.message.contains("never end"))
    }

    @Test("a $ref under properties or items consumes data, so it is not a loop")
    func consumingRecursion() throws {
        let list = try schema(##"{"$defs": {"node": {"properties": {"next": {"$ref": "#/$defs/node"}}}}, "$ref": "#/$defs/node"}"##)
        #expect(try problems(list, ##"{"next": {"next": {"next": 1}}}"##).isEmpty)
        #expect(try compileError(##"{"items": {"$ref": "#"}}"##) == nil)
    }
}

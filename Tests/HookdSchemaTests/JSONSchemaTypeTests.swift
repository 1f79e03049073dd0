import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: types, enum and const")
struct JSONSchemaTypeTests {
    @Test("true accepts anything, false accepts nothing")
    func booleanSchemas() throws {
        let anything = try schema("true")
        let nothing = try schema("false")
        for instance in ["null", "1", "\"x\"", "[]", "{}"] {
            #expect(try valid(anything, instance))
            #expect(try problems(nothing, instance) == ["/: no value is allowed here"])
        }
        #expect(try valid(try schema("{}"), "{\"a\": [1]}"))
    }

    @Test("each type name matches its JSON type and names what it got otherwise")
    func typeNames() throws {
        let cases: [(type: String, accepted: [String], refused: [(String, String)])] = [
            ("null", ["null"], [("0", "number"), ("false", "boolean")]),
            ("boolean", ["true", "false"], [("0", "number"), ("\"true\"", "string")]),
            ("object", ["{}", "{\"a\":1}"], [("[]", "array"), ("null", "null")]),
            ("array", ["[]", "[1,\"a\"]"], [("{}", "object")]),
            ("number", ["0", "-1.5", "1e300", "12345678901234567890"], [("\"1\"", "string")]),
            ("string", ["\"\"", "\"1\""], [("1", "number")]),
        ]
        for (type, accepted, refused) in cases {
            let compiled = try schema("{\"type\": \"\(type)\"}")
            for instance in accepted { #expect(try valid(compiled, instance), "\(type) should accept \(instance)") }
            for (instance, got) in refused {
                let article = ["object", "array"].contains(type) ? "an " : (type == "null" ? "" : "a ")
                #expect(try problems(compiled, instance) == ["/: must be \(article)\(type), got \(got)"])
            }
        }
    }

    @Test("integer is any number without a fractional part, however it is written")
    func integers() throws {
        let integer = try schema(##"{"type": "integer"}"##)
        for instance in ["0", "-7", "1.0", "1e2", "-0.0", "9007199254740993", "1e300"] {
            #expect(try valid(integer, instance), "\(instance) is an integer")
        }
        #expect(try problems(integer, "1.5") == ["/: must be an integer, got 1.5"])
        #expect(try problems(integer, "\"1\"") == ["/: must be an integer, got string"])
        #expect(integer.validate(.double(4.0)).isEmpty)
    }

    @Test("a list of types accepts any of them and lists them when none matches")
    func typeLists() throws {
        let nullableString = try schema(##"{"type": ["string", "null"]}"##)
        #expect(try valid(nullableString, "null"))
        #expect(try valid(nullableString, "\"x\""))
        #expect(try problems(nullableString, "3") == ["/: must be a string or null, got number"])
        let three = try schema(##"{"type": ["string", "integer", "boolean"]}"##)
        #expect(try problems(three, "2.5") == ["/: must be a string, an integer or a boolean, got 2.5"])
    }

    @Test("enum compares by JSON equality: 1 equals 1.0, objects by members, arrays in order")
    func enumeration() throws {
        let tiers = try schema(##"{"enum": ["gold", "silver", 1, null, {"a": [1, 2]}]}"##)
        for instance in ["\"gold\"", "1", "1.0", "null", ##"{"a": [1.0, 2]}"##] {
            #expect(try valid(tiers, instance), "\(instance) is in the enum")
        }
        for instance in ["\"bronze\"", "true", "\"1\"", ##"{"a": [2, 1]}"##, ##"{"a": [1, 2], "b": 0}"##] {
            #expect(try problems(tiers, instance) == [##"/: must be one of "gold", "silver", 1, null, {"a":[1,2]}"##])
        }
        #expect(tiers.validate(.double(1)).isEmpty)
    }

    @Test("const accepts only its value, numbers by value")
    func constant() throws {
        let version = try schema(##"{"const": 2}"##)
        #expect(try valid(version, "2.0"))
        #expect(try problems(version, "3") == ["/: must be 2"])
        let object = try schema(##"{"const": {"kind": "card"}}"##)
        #expect(try valid(object, ##"{"kind": "card"}"##))
        #expect(try problems(object, ##"{"kind": "cash"}"##) == [##"/: must be {"kind":"card"}"##])
        #expect(try problems(try schema(##"{"const": null}"##), "0") == ["/: must be null"])
    }
}

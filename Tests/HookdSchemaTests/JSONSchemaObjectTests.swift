import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: objects")
struct JSONSchemaObjectTests {
    static let transaction = """
        {
          "type": "object",
          "required": ["transaction_id", "customer_id", "amount"],
          "properties": {
            "transaction_id": {"type": "string"},
            "customer_id": {"type": "string", "pattern": "^cust_"},
            "amount": {"type": "number", "minimum": 0}
          }
        }
        """

    @Test("properties check the members they name; required reports each missing one")
    func propertiesAndRequired() throws {
        let compiled = try schema(Self.transaction)
        #expect(try valid(compiled, ##"{"transaction_id": "txn_1", "customer_id": "cust_1", "amount": 50, "note": "x"}"##))
        #expect(
            try problems(compiled, ##"{"transaction_id": "txn_1", "amount": "50"}"##)
                == [#"/: missing required property "customer_id""#, "/amount: must be a number, got string"])
        #expect(
            try problems(compiled, "{}") == [
                #"/: missing required property "transaction_id""#, #"/: missing required property "customer_id""#,
                #"/: missing required property "amount""#,
            ])
        #expect(try problems(compiled, "[]") == ["/: must be an object, got array"])
    }

    @Test("object keywords ignore values that are not objects")
    func onlyObjects() throws {
        let compiled = try schema(##"{"required": ["a"], "minProperties": 2, "additionalProperties": false}"##)
        for instance in ["[]", "\"a\"", "1", "null"] { #expect(try valid(compiled, instance)) }
    }

    @Test("additionalProperties false names each unexpected member; a schema checks them")
    func additionalProperties() throws {
        let closed = try schema(##"{"properties": {"id": {}}, "patternProperties": {"^x-": {}}, "additionalProperties": false}"##)
        #expect(try valid(closed, ##"{"id": 1, "x-trace": "t"}"##))
        #expect(
            try problems(closed, ##"{"id": 1, "nickname": "a", "colour": "b"}"##)
                == ["/colour: is not an allowed property", "/nickname: is not an allowed property"])
        let typed = try schema(##"{"properties": {"id": {}}, "additionalProperties": {"type": "integer"}}"##)
        #expect(try valid(typed, ##"{"id": "any", "points": 5}"##))
        #expect(try problems(typed, ##"{"id": "any", "points": "5"}"##) == ["/points: must be an integer, got string"])
    }

    @Test("patternProperties apply to every member whose name matches")
    func patternProperties() throws {
        let compiled = try schema(##"{"patternProperties": {"^n_": {"type": "number"}, "_id$": {"type": "string"}}}"##)
        #expect(try valid(compiled, ##"{"n_points": 3, "card_id": "c", "other": null}"##))
        #expect(
            try problems(compiled, ##"{"n_id": 3}"##) == ["/n_id: must be a string, got number"])
    }

    @Test("propertyNames checks each name, and says which name failed")
    func propertyNames() throws {
        let compiled = try schema(##"{"propertyNames": {"pattern": "^[a-z_]+$", "maxLength": 11}}"##)
        #expect(try valid(compiled, ##"{"customer_id": 1}"##))
        #expect(
            try problems(compiled, ##"{"CustomerIdX1": 1}"##) == [
                #"/: property name "CustomerIdX1": must be at most 11 characters long, got 12"#,
                #"/: property name "CustomerIdX1": must match the pattern "^[a-z_]+$""#,
            ])
    }

    @Test("minProperties, maxProperties and dependentRequired")
    func counts() throws {
        let compiled = try schema(
            ##"{"minProperties": 1, "maxProperties": 2, "dependentRequired": {"card_id": ["card_type", "issuer"]}}"##)
        #expect(try problems(compiled, "{}") == ["/: must have at least 1 property, got 0"])
        #expect(try problems(compiled, ##"{"a": 1, "b": 2, "c": 3}"##) == ["/: must have at most 2 properties, got 3"])
        #expect(try valid(compiled, ##"{"a": 1}"##))
        #expect(
            try problems(compiled, ##"{"card_id": "c", "issuer": "x"}"##)
                == [#"/: missing property "card_type", required when "card_id" is present"#])
    }

    @Test("paths escape ~ and / in member names as JSON Pointer does")
    func pointerEscapes() throws {
        let compiled = try schema(##"{"properties": {"a/b": {"type": "string"}, "m~n": {"type": "string"}}}"##)
        #expect(
            try problems(compiled, ##"{"a/b": 1, "m~n": 2}"##)
                == ["/a~1b: must be a string, got number", "/m~0n: must be a string, got number"])
    }

    @Test("nested members are reported with their full path")
    func nestedPaths() throws {
        let compiled = try schema(
            ##"{"properties": {"customer": {"properties": {"address": {"required": ["city"], "properties": {"zip": {"type": "string"}}}}}}}"##)
        #expect(
            try problems(compiled, ##"{"customer": {"address": {"zip": 12345}}}"##) == [
                #"/customer/address: missing required property "city""#,
                "/customer/address/zip: must be a string, got number",
            ])
    }
}

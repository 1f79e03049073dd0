import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: schemas hookd refuses")
struct JSONSchemaErrorTests {
    @Test("malformed keyword values are refused with their schema path", arguments: [
        (##"{"properties": {"amount": {"minimum": "x"}}}"##, "/properties/amount/minimum", "must be a number, got string"),
        (##"{"minLength": -1}"##, "/minLength", "must be a whole number, 0 or more, got -1"),
        (##"{"maxItems": 1.5}"##, "/maxItems", "must be a whole number, 0 or more, got 1.5"),
        (##"{"type": "float"}"##, "/type", "unknown type \"float\"; the types are null, boolean, object, array, number, integer, string"),
        (##"{"type": []}"##, "/type", "must be a type name or a non-empty array of them, got array"),
        (##"{"required": "id"}"##, "/required", "must be an array, got string"),
        (##"{"required": ["id", "id"]}"##, "/required/1", "\"id\" is listed twice"),
        (##"{"properties": []}"##, "/properties", "must be an object, got array"),
        (##"{"properties": {"a": 5}}"##, "/properties/a", "must be a schema (an object or true/false), got number"),
        (##"{"items": [{"type": "string"}]}"##, "/items", "must be a schema; for a schema per position use prefixItems (draft 2020-12)"),
        (##"{"allOf": []}"##, "/allOf", "must hold at least one schema"),
        (##"{"multipleOf": 0}"##, "/multipleOf", "must be greater than 0, got 0"),
        (##"{"exclusiveMinimum": true}"##, "/exclusiveMinimum", "must be a number in draft 2020-12 (the limit itself), not true/false"),
        (##"{"pattern": "(unclosed"}"##, "/pattern", "\"(unclosed\" is not a valid regular expression"),
        (##"{"patternProperties": {"[": {}}}"##, "/patternProperties/[", "\"[\" is not a valid regular expression"),
        (##"{"uniqueItems": "yes"}"##, "/uniqueItems", "must be true or false, got string"),
        (##"{"dependentRequired": {"a": "b"}}"##, "/dependentRequired/a", "must be an array of property names, got string"),
        (##"{"title": 5}"##, "/title", "must be a string, got number"),
        (##"{"then": {}}"##, "/then", "has no effect without if"),
        (##"{"maxContains": 2}"##, "/maxContains", "has no effect without contains"),
        (##"{"format": "hostname"}"##, "/format", "format \"hostname\" is not supported; hookd checks date-time, date, email, uri, uuid, ipv4, ipv6"),
        ("[]", "", "must be a schema (an object or true/false), got array"),
    ])
    func malformed(schemaText: String, path: String, message: String) throws {
        let error = try #require(try compileError(schemaText))
        #expect(error == JSONSchemaError(schemaPath: path, message: message))
    }

    @Test("unknown keywords are refused, with a guess when one is close")
    func unknownKeywords() throws {
        let typo = try #require(try compileError(##"{"properties": {"id": {"requried": ["x"]}}}"##))
        #expect(typo.schemaPath == "/properties/id/requried")
        #expect(typo.message == "unknown keyword \"requried\" (did you mean \"required\"?)")
        #expect(typo.description == "/properties/id/requried: unknown keyword \"requried\" (did you mean \"required\"?)")
        let vendor = try #require(try compileError(##"{"x-internal": true}"##))
        #expect(vendor.message == "unknown keyword \"x-internal\"")
        let draft7 = try #require(try compileError(##"{"dependencies": {"a": ["b"]}}"##))
        #expect(draft7.message == "\"dependencies\" is not supported by hookd; use dependentRequired (draft 2020-12)")
        let unevaluated = try #require(try compileError(##"{"unevaluatedProperties": false}"##))
        #expect(unevaluated.schemaPath == "/unevaluatedProperties")
    }

    @Test("references outside the schema, to anchors, or to nowhere are refused", arguments: [
        (##"{"$ref": "other.json#/a"}"##, "/$ref", "only references inside this schema are supported (\"#\" or \"#/$defs/name\"), got \"other.json#/a\""),
        (##"{"$ref": "https://example.com/s.json"}"##, "/$ref", "only references inside this schema are supported (\"#\" or \"#/$defs/name\"), got \"https://example.com/s.json\""),
        (##"{"$ref": "#money"}"##, "/$ref", "anchors (\"#money\") are not supported; point at the subschema, e.g. \"#/$defs/money\""),
        (##"{"properties": {"a": {"$ref": "#/$defs/missing"}}}"##, "/properties/a/$ref", "\"#/$defs/missing\" points at nothing in this schema"),
        (##"{"$defs": {"a": {}}, "$ref": "#/$defs"}"##, "/$ref", "\"#/$defs\" points at a value that is not a subschema"),
        (##"{"$defs": {"a": {}}, "$ref": "#/$defs/a~2"}"##, "/$ref", "\"#/$defs/a~2\" is not a JSON pointer: \"~\" must be followed by 0 or 1"),
        (##"{"$ref": 5}"##, "/$ref", "must be a string, got number"),
        (##"{"properties": {"a": {"$id": "https://x/a.json"}}}"##, "/properties/a/$id", "is only supported at the root; a subschema with its own $id is a separate resource"),
    ])
    func badReferences(schemaText: String, path: String, message: String) throws {
        let error = try #require(try compileError(schemaText))
        #expect(error == JSONSchemaError(schemaPath: path, message: message))
    }

    @Test("unused definitions are checked too")
    func unusedDefinitionsChecked() throws {
        let error = try #require(try compileError(##"{"$defs": {"unused": {"minimum": "x"}}}"##))
        #expect(error.schemaPath == "/$defs/unused/minimum")
    }

    @Test("annotations are accepted and change nothing")
    func annotations() throws {
        let compiled = try schema(
            """
            {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.com/e.json",
             "$comment": "c", "title": "t", "description": "d", "examples": [{}], "default": {}, "deprecated": false,
             "readOnly": false, "writeOnly": false, "contentMediaType": "application/json", "contentEncoding": "base64",
             "type": "object"}
            """)
        #expect(try valid(compiled, "{}"))
        #expect(!(try valid(compiled, "1")))
    }
}

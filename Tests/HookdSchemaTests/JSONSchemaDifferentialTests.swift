import Foundation
import HookdCore
import HookdSchema
import HookdTesting
import Testing

/// Checks hookd's validator against the Python `jsonschema` package (installed by
/// scripts/test) on a corpus of schemas, each with hand-picked instances plus generated
/// ones: both must agree on which instances are valid.
///
/// Left out on purpose, where hookd deliberately differs: `multipleOf` with a fractional
/// divisor (hookd works on decimal digits, Python on binary floating point, so only hookd
/// finds 19.99 a multiple of 0.01), the `email` and `uri` formats (Python checks them
/// loosely or not at all without extra packages), IPv6 zone ids and leap seconds.
@Suite("JSON Schema: agrees with Python jsonschema")
struct JSONSchemaDifferentialTests {
    static let corpus: [(schema: String, instances: [String])] = [
        (##"{"type": "integer"}"##, ["1", "1.0", "1.5", "-0", "\"1\"", "1e2", "null"]),
        (##"{"type": ["number", "null"]}"##, ["null", "0.5", "\"x\"", "[]"]),
        (##"{"enum": [1, "a", null, [1, {"b": 2}]]}"##, ["1.0", "\"a\"", "null", ##"[1, {"b": 2.0}]"##, "[1]", "true", "0"]),
        (##"{"const": {"a": [1, 2]}}"##, [##"{"a": [1, 2]}"##, ##"{"a": [1.0, 2.0]}"##, ##"{"a": [2, 1]}"##, "{}"]),
        (##"{"const": false}"##, ["false", "0", "null"]),
        (
            ##"{"type": "object", "required": ["id", "amount"], "properties": {"id": {"type": "string", "minLength": 3}, "amount": {"type": "number", "minimum": 0, "exclusiveMaximum": 1000}}}"##,
            [##"{"id": "abc", "amount": 0}"##, ##"{"id": "ab", "amount": 1}"##, ##"{"id": "abc", "amount": 1000}"##, ##"{"id": "abc"}"##, ##"{"id": "abcd", "amount": 999.5, "x": 1}"##]
        ),
        (##"{"properties": {"a": {}}, "patternProperties": {"^x-": {"type": "string"}}, "additionalProperties": false}"##,
         [##"{"a": 1}"##, ##"{"x-b": "s"}"##, ##"{"x-b": 1}"##, ##"{"b": 1}"##, "{}", "[]"]),
        (##"{"additionalProperties": {"type": "boolean"}, "properties": {"n": {"type": "number"}}}"##,
         [##"{"n": 1, "f": true}"##, ##"{"f": 1}"##, ##"{"n": "1"}"##]),
        (##"{"propertyNames": {"pattern": "^[a-z]+$", "maxLength": 3}}"##, [##"{"abc": 1}"##, ##"{"abcd": 1}"##, ##"{"A": 1}"##, "{}"]),
        (##"{"minProperties": 1, "maxProperties": 2}"##, ["{}", ##"{"a": 1}"##, ##"{"a": 1, "b": 2, "c": 3}"##, "[]"]),
        (##"{"dependentRequired": {"card": ["issuer"]}}"##, [##"{"card": 1}"##, ##"{"card": 1, "issuer": 2}"##, ##"{"issuer": 2}"##]),
        (##"{"items": {"type": "string"}, "minItems": 1, "maxItems": 3}"##, ["[]", ##"["a"]"##, ##"["a", 1]"##, ##"["a", "b", "c", "d"]"##]),
        (##"{"prefixItems": [{"type": "string"}, {"type": "integer"}], "items": false}"##, [##"["a", 1]"##, ##"["a"]"##, ##"["a", 1, 2]"##, ##"[1, "a"]"##, "[]"]),
        (##"{"prefixItems": [{"const": 1}], "items": {"type": "boolean"}}"##, ["[1, true, false]", "[1, 2]", "[2]"]),
        (##"{"uniqueItems": true}"##, ["[1, 2]", "[1, 1.0]", ##"[{"a": 1}, {"a": 1}]"##, ##"[[1], [1, 2]]"##, ##"[1, "1"]"##, "[0, false]", "[1, true]"]),
        (##"{"contains": {"type": "integer"}, "minContains": 2, "maxContains": 3}"##, ["[1]", "[1, 2]", "[1, 2, 3, 4]", ##"["a", 1, "b", 2]"##, "[]"]),
        (##"{"contains": {"const": "x"}}"##, [##"["x"]"##, "[]", ##"["y"]"##, "{}"]),
        (##"{"minLength": 2, "maxLength": 3}"##, [#""a""#, #""ab""#, #""日本語""#, #""😀😀""#, #""abcd""#, "12"]),
        (##"{"pattern": "^[A-Z]{2}[0-9]+$"}"##, [#""AB12""#, #""ab12""#, #""AB""#, #""xAB12""#, "5"]),
        (##"{"pattern": "o+"}"##, [#""foo""#, #""bar""#]),
        (##"{"minimum": -1.5, "maximum": 2}"##, ["-1.5", "-2", "2", "2.0001", "0"]),
        (##"{"exclusiveMinimum": 0}"##, ["0", "0.0", "1e-9", "-1"]),
        (##"{"multipleOf": 3}"##, ["9", "9.0", "10", "-3", "4.5", "0"]),
        (##"{"multipleOf": 0.5}"##, ["1.5", "2", "0.75", "-0.5"]),
        (##"{"allOf": [{"minimum": 1}, {"maximum": 3}]}"##, ["0", "2", "4"]),
        (##"{"anyOf": [{"type": "string"}, {"minimum": 10}]}"##, [#""a""#, "11", "9", "null"]),
        (##"{"oneOf": [{"type": "integer"}, {"minimum": 2}]}"##, ["1", "2", "2.5", "1.5"]),
        (##"{"not": {"type": ["string", "null"]}}"##, ["null", #""x""#, "1", "{}"]),
        (##"{"if": {"properties": {"k": {"const": "a"}}}, "then": {"required": ["a"]}, "else": {"required": ["b"]}}"##,
         [##"{"k": "a", "a": 1}"##, ##"{"k": "a"}"##, ##"{"k": "z", "b": 1}"##, ##"{"k": "z"}"##, "{}"]),
        (##"{"$defs": {"pos": {"type": "integer", "minimum": 1}}, "properties": {"n": {"$ref": "#/$defs/pos"}}}"##, [##"{"n": 1}"##, ##"{"n": 0}"##, ##"{"n": "1"}"##]),
        (##"{"properties": {"v": {"type": "number"}, "next": {"$ref": "#"}}}"##, [##"{"v": 1, "next": {"v": 2, "next": {"v": "x"}}}"##, ##"{"next": {"next": {}}}"##]),
        (##"{"$defs": {"a~b": {"const": 1}, "c/d": {"const": 2}}, "items": {"$ref": "#/$defs/a~0b"}, "contains": {"$ref": "#/$defs/c~1d"}}"##, ["[1, 1]", "[2]", "[1, 2]", "{}"]),
        (##"{"format": "date-time"}"##, [#""2026-11-29T02:45:12Z""#, #""2026-11-29T02:45:12.5+05:30""#, #""2026-02-30T00:00:00Z""#, #""2026-11-29 02:45:12Z""#, #""2026-11-29t02:45:12z""#, "1"]),
        (##"{"format": "date"}"##, [#""2024-02-29""#, #""2023-02-29""#, #""2026-1-1""#, #""2026-12-31""#]),
        (##"{"format": "uuid"}"##, [#""123e4567-e89b-12d3-a456-426614174000""#, #""123e4567e89b12d3a456426614174000""#, #""123e4567-e89b-12d3-a456-42661417400z""#]),
        (##"{"format": "ipv4"}"##, [#""192.0.2.1""#, #""256.1.1.1""#, #""01.1.1.1""#, #""1.1.1""#]),
        (##"{"format": "ipv6"}"##, [#""2001:db8::1""#, #""::ffff:192.0.2.1""#, #""2001:db8:::1""#, #""12345::""#]),
        (##"{"type": "array", "items": {"type": "object", "required": ["sku", "qty"], "properties": {"sku": {"type": "string"}, "qty": {"type": "integer", "minimum": 1}}}}"##,
         [##"[{"sku": "a", "qty": 1}]"##, ##"[{"sku": "a", "qty": 0}]"##, ##"[{"sku": "a"}]"##, "[]"]),
    ]

    static let oracle = """
        import json, sys
        from jsonschema import Draft202012Validator
        cases = json.load(open(sys.argv[1]))
        answers = []
        for case in cases:
            validator = Draft202012Validator(case["schema"], format_checker=Draft202012Validator.FORMAT_CHECKER)
            answers.append([validator.is_valid(instance) for instance in case["instances"]])
        print(json.dumps(answers))
        """

    @Test("hookd and Python jsonschema agree on every instance of the corpus")
    func agreesWithPython() async throws {
        var cases: [JSONValue] = []
        var compiled: [JSONSchema] = []
        var generator = RandomJSONValues(seed: 2026)
        for entry in Self.corpus {
            let schemaValue = try json(entry.schema)
            compiled.append(try JSONSchema(schemaValue))
            let generated = (0..<40).map { _ in generator.value(depth: 0) }
            cases.append(["schema": schemaValue, "instances": .array(try entry.instances.map(json) + generated)])
        }
        let answers = try await Self.askPython(.array(cases))
        try #require(answers.count == cases.count)
        var compared = 0
        for (index, schema) in compiled.enumerated() {
            let instances = cases[index]["instances"]!.arrayItems
            for (instance, expected) in zip(instances, answers[index]) {
                let violations = schema.validate(instance)
                #expect(
                    violations.isEmpty == expected,
                    "schema \(Self.corpus[index].schema) instance \(Self.text(instance)): Python says \(expected ? "valid" : "invalid"), hookd says \(violations)")
                compared += 1
            }
        }
        #expect(compared > 1500)
    }

    static func askPython(_ cases: JSONValue) async throws -> [[Bool]] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("hookd-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let casesFile = folder.appendingPathComponent("cases.json")
        let script = folder.appendingPathComponent("oracle.py")
        let output = folder.appendingPathComponent("answers.json")
        try cases.canonicalData().write(to: casesFile)
        try Data(oracle.utf8).write(to: script)
        _ = FileManager.default.createFile(atPath: output.path, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", script.path, casesFile.path]
        process.standardOutput = try FileHandle(forWritingTo: output)
        // Waited for without blocking a thread of the (two-thread) pool every test shares.
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        try #require(status == 0, "python3 with jsonschema is needed (scripts/test installs it)")
        return try JSONDecoder().decode([[Bool]].self, from: Data(contentsOf: output))
    }

    static func text(_ value: JSONValue) -> String {
        (try? String(decoding: value.canonicalData(), as: UTF8.self)) ?? "?"
    }
}

extension JSONValue {
    fileprivate var arrayItems: [JSONValue] {
        if case .array(let items) = self { return items }
        return []
    }
}

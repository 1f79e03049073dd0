import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// How YAML scalars become JSON values: the YAML 1.2 core schema, exactly as docs/manifests.md
/// promises, whatever the parser underneath does.
struct ScalarResolutionTests {
    /// The `spec.example` an EventType document with `example` as its example reads as.
    static func example(_ example: String) throws -> JSONValue? {
        let text = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.created }
            spec:
              example:
            \(example.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n"))
            """
        let set = ManifestSet([ManifestSource(file: "e.yaml", directory: URL(fileURLWithPath: "/"), text: text)])
        try #require(set.diagnostics.isEmpty, "\(set.diagnostics)")
        guard case .eventType(let spec) = try #require(set.entries.first).resource else {
            Issue.record("not an event type")
            return nil
        }
        return spec.example
    }

    @Test(
        "plain scalars resolve by the core schema: integers, hex, octal, floats, booleans, null; the rest stay strings",
        arguments: [
            ("10", JSONValue.int(10)), ("+10", .int(10)), ("-7", .int(-7)), ("007", .int(7)), ("-0", .int(0)),
            ("9223372036854775807", .int(Int64.max)), ("-9223372036854775808", .int(Int64.min)),
            ("9223372036854775808", .double(9_223_372_036_854_775_808)),
            ("0x1F", .int(31)), ("0xff", .int(255)), ("0o17", .int(15)),
            ("1.5", .double(1.5)), (".5", .double(0.5)), ("-.5", .double(-0.5)), ("+2.", .double(2)), ("1e3", .double(1000)),
            ("1E-2", .double(0.01)), ("-.5e+1", .double(-5)), ("2.5e2", .double(250)),
            ("true", .bool(true)), ("True", .bool(true)), ("TRUE", .bool(true)),
            ("false", .bool(false)), ("False", .bool(false)), ("FALSE", .bool(false)),
            ("~", .null), ("null", .null), ("Null", .null), ("NULL", .null),
            ("nULL", .string("nULL")), ("tRUE", .string("tRUE")), ("yes", .string("yes")), ("no", .string("no")),
            ("on", .string("on")), ("off", .string("off")), ("y", .string("y")),
            ("0X1F", .string("0X1F")), ("0x", .string("0x")), ("0x1G", .string("0x1G")), ("0o8", .string("0o8")),
            ("0o", .string("0o")), ("0b101", .string("0b101")), ("1_000", .string("1_000")), ("+-5", .string("+-5")),
            ("++5", .string("++5")), ("0x-5", .string("0x-5")), ("-0x5", .string("-0x5")), ("+", .string("+")),
            (".", .string(".")), ("1e", .string("1e")), ("1e+", .string("1e+")), ("e5", .string("e5")),
            ("1.2.3", .string("1.2.3")), ("12abc", .string("12abc")), (".inf", .string(".inf")), ("-.inf", .string("-.inf")),
            (".nan", .string(".nan")), ("1e999", .string("1e999")), ("2026-01-01", .string("2026-01-01")),
            ("1:30", .string("1:30")), ("１２", .string("１２")), ("٣", .string("٣")), ("+447700900123", .int(447_700_900_123)),
            ("hookd/v1", .string("hookd/v1")), ("https://crm.example.com/x", .string("https://crm.example.com/x")),
        ])
    func plainScalars(text: String, value: JSONValue) throws {
        #expect(try Self.example("value: \(text)") == .object(["value": value]))
    }

    @Test("quoted, tagged and block scalars are strings; an empty value is null")
    func nonPlainScalars() throws {
        let example = try Self.example(
            """
            double: "10"
            single: 'true'
            empty: ""
            tagged: !!str 10
            literal: |
              10
            folded: >
              1.5
            missing:
            list: [1, "1", true, ~, 0x10, '0x10']
            nested: { a: { b: [1.5, null] } }
            10: ten
            true: yes
            """)
        #expect(
            example
                == .object([
                    "double": "10", "single": "true", "empty": "", "tagged": "10", "literal": "10\n", "folded": "1.5\n",
                    "missing": .null, "list": [1, "1", true, .null, 16, "0x10"],
                    "nested": ["a": ["b": [1.5, .null]]], "10": "ten", "true": "yes",
                ]))
    }

    @Test("a mapping key that is not a scalar is reported where it is written")
    func nonScalarKey() {
        let text = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.created }
            spec:
              example:
                ? [a, b]
                : x
            """
        let set = ManifestSet([ManifestSource(file: "k.yaml", directory: URL(fileURLWithPath: "/"), text: text)])
        #expect(set.diagnostics.map(\.description) == ["k.yaml:6:7: mapping keys must be strings"])
        #expect(set.entries.isEmpty)
    }
}

import HookdCore

/// A compiled JSON Schema (draft 2020-12) that checks JSON values, such as an event's `data`.
///
/// Compiling checks the whole schema once, so validating is only a walk over the instance.
/// hookd supports the validation keywords operators use to describe payloads; any keyword
/// outside that set is refused when compiling rather than ignored, so a schema never
/// silently checks less than its author meant:
///
/// - any type: `type` (`integer` is a number without a fractional part), `enum`, `const`
/// - objects: `properties`, `required`, `additionalProperties`, `patternProperties`,
///   `propertyNames`, `minProperties`, `maxProperties`, `dependentRequired`
/// - arrays: `items`, `prefixItems`, `contains`, `minContains`, `maxContains`, `minItems`,
///   `maxItems`, `uniqueItems`
/// - strings: `minLength`, `maxLength` (in Unicode code points), `pattern` (unanchored, ICU
///   regular expressions, close to ECMA-262), `format` as an assertion for `date-time`,
///   `date`, `email`, `uri`, `uuid`, `ipv4` and `ipv6` (see ``SchemaFormat``)
/// - numbers: `minimum`, `maximum`, `exclusiveMinimum`, `exclusiveMaximum`, `multipleOf`,
///   compared by mathematical value (`1` equals `1.0`; `multipleOf` works on the decimal
///   digits as written, so `19.99` is a multiple of `0.01`)
/// - combining: `allOf`, `anyOf`, `oneOf`, `not`, `if`/`then`/`else`
/// - references: `$ref` to a JSON pointer inside the same schema (`#`, `#/$defs/money`),
///   with definitions under `$defs` or `definitions`
/// - annotations, accepted and ignored: `$schema`, `$id` (at the root only), `$comment`,
///   `title`, `description`, `examples`, `default`, `deprecated`, `readOnly`, `writeOnly`,
///   `contentMediaType`, `contentEncoding`
public struct JSONSchema: Sendable {
    /// Every subschema, addressed by index; `$ref` links them, so this may hold cycles.
    let nodes: [SchemaNode]
    /// The index of the schema document's root.
    let root: Int

    /// Compiles `schema`; throws when it is not a valid schema or uses a keyword hookd does not support.
    public init(_ schema: JSONValue) throws(JSONSchemaError) {
        var compiler = SchemaCompiler(document: schema)
        (nodes, root) = try compiler.compileDocument()
    }

    /// Every way `instance` fails the schema; empty when it is valid.
    public func validate(_ instance: JSONValue) -> [JSONSchemaViolation] {
        validate(instance, maximumViolations: .max)
    }

    /// The first `maximumViolations` ways `instance` fails the schema; empty when it is valid.
    ///
    /// Stops looking once that many are found, which bounds the work an instance built to
    /// fail everywhere can cause.
    public func validate(_ instance: JSONValue, maximumViolations: Int) -> [JSONSchemaViolation] {
        var evaluator = SchemaEvaluator(nodes: nodes, maximumViolations: max(1, maximumViolations))
        _ = evaluator.evaluate(root, instance)
        return evaluator.violations
    }

    /// Whether `instance` satisfies the schema; stops at the first failure.
    public func accepts(_ instance: JSONValue) -> Bool {
        var evaluator = SchemaEvaluator(nodes: nodes, maximumViolations: 1, collecting: false)
        return evaluator.evaluate(root, instance)
    }
}

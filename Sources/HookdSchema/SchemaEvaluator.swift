import HookdCore

/// Walks an instance through compiled ``SchemaNode``s. While `collecting`, it records every
/// violation with the instance path where it happened; otherwise it only finds out whether
/// the instance is valid and stops at the first failure (for `anyOf` branches, `if`, `not`
/// and `contains`, whose own failures are not the instance's faults).
struct SchemaEvaluator {
    let nodes: [SchemaNode]
    /// Evaluation stops adding (and looking) once this many violations are found.
    let maximumViolations: Int
    var collecting: Bool = true
    private(set) var violations: [JSONSchemaViolation] = []
    /// Where in the instance the walk is; rendered only when something fails.
    private var path: [PathStep] = []

    init(nodes: [SchemaNode], maximumViolations: Int, collecting: Bool = true) {
        self.nodes = nodes
        self.maximumViolations = maximumViolations
        self.collecting = collecting
    }

    private var isFull: Bool { violations.count >= maximumViolations }

    /// Whether `instance` satisfies the subschema `node`, reporting why not when collecting.
    mutating func evaluate(_ node: Int, _ instance: JSONValue) -> Bool {
        var valid = true
        for keyword in nodes[node].keywords where !check(keyword, instance) {
            valid = false
            if !collecting || isFull { return false }
        }
        return valid
    }

    /// Evaluates `node` against a member or element of the current instance.
    mutating func evaluate(_ node: Int, _ value: JSONValue, at step: PathStep) -> Bool {
        path.append(step)
        defer { path.removeLast() }
        return evaluate(node, value)
    }

    /// Whether `instance` satisfies `node`, reporting nothing.
    mutating func test(_ node: Int, _ instance: JSONValue) -> Bool {
        let wasCollecting = collecting
        collecting = false
        defer { collecting = wasCollecting }
        return evaluate(node, instance)
    }

    /// Records a violation at the current instance path (when collecting) and returns
    /// `false`, so a check can end with `return fail(...)`.
    mutating func fail(_ message: @autoclosure () -> String) -> Bool {
        if collecting, !isFull {
            violations.append(JSONSchemaViolation(instancePath: PathStep.pointer(path), message: message()))
        }
        return false
    }

    /// Like ``fail(_:)``, at a member or element of the current instance.
    mutating func fail(at step: PathStep, _ message: @autoclosure () -> String) -> Bool {
        path.append(step)
        defer { path.removeLast() }
        return fail(message())
    }

    /// Runs `body` and prefixes the messages of the violations it adds.
    mutating func prefixing(_ prefix: String, _ body: (inout SchemaEvaluator) -> Bool) -> Bool {
        let start = violations.count
        let valid = body(&self)
        for index in violations.indices.dropFirst(start) {
            violations[index].message = prefix + violations[index].message
        }
        return valid
    }

    private mutating func check(_ keyword: SchemaKeyword, _ instance: JSONValue) -> Bool {
        switch keyword {
        case .nothing:
            return fail("no value is allowed here")
        case .type(let types):
            return types.contains { $0.matches(instance) } || fail(Self.typeMismatch(types, instance))
        case .enumeration(let values):
            return values.contains { JSONEquality.equal($0, instance) }
                || fail("must be one of \(values.prefix(10).map(Self.shown).joined(separator: ", "))\(values.count > 10 ? ", …" : "")")
        case .constant(let value):
            return JSONEquality.equal(value, instance) || fail("must be \(Self.shown(value))")
        case .minimum, .maximum, .multipleOf:
            return checkNumber(keyword, instance)
        case .length, .pattern, .format:
            return checkString(keyword, instance)
        case .properties, .required, .additionalProperties, .patternProperties, .propertyNames, .propertyCount,
            .dependentRequired:
            guard case .object(let members) = instance else { return true }
            return checkObject(keyword, members)
        case .prefixItems, .items, .contains, .itemCount, .uniqueItems:
            guard case .array(let items) = instance else { return true }
            return checkArray(keyword, items)
        case .allOf, .anyOf, .oneOf, .not, .conditional, .reference:
            return checkCombinator(keyword, instance)
        }
    }

    private mutating func checkNumber(_ keyword: SchemaKeyword, _ instance: JSONValue) -> Bool {
        guard let number = JSONNumber(instance) else { return true }
        switch keyword {
        case .minimum(let limit, let exclusive):
            if exclusive { return number > limit || fail("must be greater than \(limit), got \(number)") }
            return number >= limit || fail("must be at least \(limit), got \(number)")
        case .maximum(let limit, let exclusive):
            if exclusive { return number < limit || fail("must be less than \(limit), got \(number)") }
            return number <= limit || fail("must be at most \(limit), got \(number)")
        case .multipleOf(let divisor):
            return number.isMultiple(of: divisor) || fail("must be a multiple of \(divisor), got \(number)")
        default:
            return true
        }
    }

    private mutating func checkString(_ keyword: SchemaKeyword, _ instance: JSONValue) -> Bool {
        guard case .string(let text) = instance else { return true }
        switch keyword {
        case .length(let minimum, let maximum):
            // JSON Schema counts characters as Unicode code points.
            let length = text.unicodeScalars.count
            if let minimum, length < minimum {
                return fail("must be at least \(Self.counted(minimum, "character")) long, got \(length)")
            }
            if let maximum, length > maximum {
                return fail("must be at most \(Self.counted(maximum, "character")) long, got \(length)")
            }
            return true
        case .pattern(let pattern):
            return pattern.matches(text) || fail("must match the pattern \"\(pattern.source)\"")
        case .format(let format):
            return format.accepts(text) || fail("must be \(format.expectation)")
        default:
            return true
        }
    }

    private mutating func checkCombinator(_ keyword: SchemaKeyword, _ instance: JSONValue) -> Bool {
        switch keyword {
        case .reference(let target):
            return evaluate(target, instance)
        case .allOf(let branches):
            var valid = true
            for branch in branches where !evaluate(branch, instance) {
                valid = false
                if !collecting || isFull { break }
            }
            return valid
        case .anyOf(let branches):
            return branches.contains { test($0, instance) } || fail("must match at least one of the anyOf schemas")
        case .oneOf(let branches):
            var matched: [Int] = []
            for (index, branch) in branches.enumerated() where test(branch, instance) {
                matched.append(index)
                if matched.count == 2 { break }
            }
            if matched.count == 1 { return true }
            return fail(
                "must match exactly one of the oneOf schemas, "
                    + (matched.isEmpty ? "matched none" : "matched oneOf/\(matched[0]) and oneOf/\(matched[1])"))
        case .not(let negated):
            return !test(negated, instance) || fail("must not match the \"not\" schema")
        case .conditional(let condition, let then, let otherwise):
            let branch = test(condition, instance) ? then : otherwise
            return branch.map { evaluate($0, instance) } ?? true
        default:
            return true
        }
    }

    // MARK: Messages

    private static func typeMismatch(_ types: [JSONType], _ instance: JSONValue) -> String {
        let phrases = types.map(\.phrase)
        let expected =
            phrases.count == 1 ? phrases[0] : phrases.dropLast().joined(separator: ", ") + " or " + phrases.last!
        let wantsInteger = types.contains(.integer)
        let got = wantsInteger ? JSONNumber(instance).map { "\($0)" } ?? instance.typeName : instance.typeName
        return "must be \(expected), got \(got)"
    }

    /// A value as compact JSON, cut short, for messages.
    static func shown(_ value: JSONValue) -> String {
        if let number = JSONNumber(value) { return number.description }
        guard let data = try? value.canonicalData() else { return value.typeName }
        let text = String(decoding: data, as: UTF8.self)
        return text.count > 60 ? text.prefix(57) + "…" : text
    }

    /// `1 item`, `3 items`, `2 properties`.
    static func counted(_ count: Int, _ noun: String) -> String {
        guard count != 1 else { return "\(count) \(noun)" }
        return "\(count) " + (noun.hasSuffix("y") ? noun.dropLast() + "ies" : noun + "s")
    }
}

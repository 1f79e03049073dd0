import HookdCore

/// The keywords that look inside objects and arrays.
extension SchemaEvaluator {
    mutating func checkObject(_ keyword: SchemaKeyword, _ members: [String: JSONValue]) -> Bool {
        switch keyword {
        case .required(let names):
            return checkAll(names.filter { members[$0] == nil }) { $0.fail("missing required property \"\($1)\"") }
        case .properties(let declared):
            return checkAll(declared) { evaluator, property in
                members[property.name].map { evaluator.evaluate(property.node, $0, at: .key(property.name)) } ?? true
            }
        case .patternProperties(let patterns):
            return checkAll(members.keys.sorted()) { evaluator, name in
                evaluator.checkAll(patterns.filter { $0.pattern.matches(name) }) {
                    $0.evaluate($1.node, members[name]!, at: .key(name))
                }
            }
        case .additionalProperties(let node, let declared, let patterns):
            let additional = members.keys.sorted().filter { name in
                !declared.contains(name) && !patterns.contains { $0.matches(name) }
            }
            if nodes[node].rejectsEverything {
                return checkAll(additional) { $0.fail(at: .key($1), "is not an allowed property") }
            }
            return checkAll(additional) { $0.evaluate(node, members[$1]!, at: .key($1)) }
        case .propertyNames(let node):
            return checkAll(members.keys.sorted()) { evaluator, name in
                evaluator.prefixing("property name \"\(name)\": ") { $0.evaluate(node, .string(name)) }
            }
        case .propertyCount(let minimum, let maximum):
            if let minimum, members.count < minimum {
                return fail("must have at least \(Self.counted(minimum, "property")), got \(members.count)")
            }
            if let maximum, members.count > maximum {
                return fail("must have at most \(Self.counted(maximum, "property")), got \(members.count)")
            }
            return true
        case .dependentRequired(let requirements):
            return checkAll(requirements.filter { members[$0.property] != nil }) { evaluator, requirement in
                evaluator.checkAll(requirement.required.filter { members[$0] == nil }) {
                    $0.fail("missing property \"\($1)\", required when \"\(requirement.property)\" is present")
                }
            }
        default:
            return true
        }
    }

    mutating func checkArray(_ keyword: SchemaKeyword, _ items: [JSONValue]) -> Bool {
        switch keyword {
        case .itemCount(let minimum, let maximum):
            if let minimum, items.count < minimum {
                return fail("must have at least \(Self.counted(minimum, "item")), got \(items.count)")
            }
            if let maximum, items.count > maximum {
                return fail("must have at most \(Self.counted(maximum, "item")), got \(items.count)")
            }
            return true
        case .uniqueItems:
            var firstIndex: [JSONValue: Int] = [:]
            for (index, item) in items.enumerated() {
                if let earlier = firstIndex.updateValue(index, forKey: JSONEquality.normalized(item)) {
                    return fail("items \(earlier) and \(index) are equal; items must be unique")
                }
            }
            return true
        case .prefixItems(let positions):
            return checkAll(Array(zip(positions, items).enumerated())) { evaluator, entry in
                evaluator.evaluate(entry.element.0, entry.element.1, at: .index(entry.offset))
            }
        case .items(let node, let from):
            guard items.count > from else { return true }
            if nodes[node].rejectsEverything {
                return fail("must have at most \(Self.counted(from, "item")), got \(items.count)")
            }
            return checkAll(Array(from..<items.count)) { $0.evaluate(node, items[$1], at: .index($1)) }
        case .contains(let node, let minimum, let maximum):
            var matching = 0
            for item in items where test(node, item) { matching += 1 }
            if matching < minimum {
                return fail("must contain at least \(Self.counted(minimum, "item")) matching \"contains\", got \(matching)")
            }
            if let maximum, matching > maximum {
                return fail("must contain at most \(Self.counted(maximum, "item")) matching \"contains\", got \(matching)")
            }
            return true
        default:
            return true
        }
    }

    /// Runs `check` on every element while it makes sense to go on: all of them when
    /// collecting (until the violation limit), up to the first failure otherwise.
    mutating func checkAll<Element>(_ elements: [Element], _ check: (inout SchemaEvaluator, Element) -> Bool) -> Bool {
        var valid = true
        for element in elements where !check(&self, element) {
            valid = false
            if !collecting || violations.count >= maximumViolations { break }
        }
        return valid
    }
}

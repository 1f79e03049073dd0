/// A webhook's condition on an event's `data`: only events it matches are delivered.
///
/// A pure value: parsed from the manifest/API form (`PayloadFilter(json:)`), checked
/// against event schemas (`schemaProblems(against:)`), and evaluated at fan-out
/// (`matches(_:)`) or with its reasons (`verdict(for:)`, for `hookctl webhooks test-filter`).
public indirect enum PayloadFilter: Sendable, Hashable {
    /// Every one holds (`all: [...]`).
    case all([PayloadFilter])
    /// At least one holds (`any: [...]`).
    case any([PayloadFilter])
    /// It does not hold (`not: {...}`).
    case not(PayloadFilter)
    /// One test of the value at a path (`{ path: card.type, in: [apple, google] }`).
    case condition(FilterCondition)

    /// Whether an event with this `data` is delivered.
    public func matches(_ data: JSONValue) -> Bool {
        switch self {
        case .all(let filters): filters.allSatisfy { $0.matches(data) }
        case .any(let filters): filters.contains { $0.matches(data) }
        case .not(let filter): !filter.matches(data)
        case .condition(let condition): condition.holds(for: data)
        }
    }

    /// Whether an event with this `data` is delivered, and why, in words.
    public func verdict(for data: JSONValue) -> FilterVerdict {
        switch self {
        case .all(let filters):
            let verdicts = filters.map { $0.verdict(for: data) }
            if let failed = verdicts.first(where: { !$0.matches }) {
                return FilterVerdict(matches: false, reason: failed.reason)
            }
            return FilterVerdict(matches: true, reason: verdicts.map(\.reason).joined(separator: "; "))
        case .any(let filters):
            let verdicts = filters.map { $0.verdict(for: data) }
            if let held = verdicts.first(where: \.matches) {
                return FilterVerdict(matches: true, reason: held.reason)
            }
            return FilterVerdict(
                matches: false, reason: "none of \(filters.count) held: " + verdicts.map(\.reason).joined(separator: "; "))
        case .not(let filter):
            let inner = filter.verdict(for: data)
            return FilterVerdict(matches: !inner.matches, reason: "not (\(inner.reason))")
        case .condition(let condition):
            return condition.verdict(for: data)
        }
    }

    /// Every condition, depth first, with its place in the filter (`all[1]`).
    public var conditions: [(field: String, condition: FilterCondition)] {
        collect(at: "")
    }

    private func collect(at field: String) -> [(field: String, condition: FilterCondition)] {
        func joined(_ key: String) -> String { field.isEmpty ? key : field + "." + key }
        switch self {
        case .all(let filters):
            return filters.enumerated().flatMap { $1.collect(at: joined("all") + "[\($0)]") }
        case .any(let filters):
            return filters.enumerated().flatMap { $1.collect(at: joined("any") + "[\($0)]") }
        case .not(let filter):
            return filter.collect(at: joined("not"))
        case .condition(let condition):
            return [(field, condition)]
        }
    }

    /// The filter in its manifest/API form.
    public var json: JSONValue {
        switch self {
        case .all(let filters): .object(["all": .array(filters.map(\.json))])
        case .any(let filters): .object(["any": .array(filters.map(\.json))])
        case .not(let filter): .object(["not": filter.json])
        case .condition(let condition): condition.json
        }
    }
}

extension PayloadFilter {
    /// The conditions whose path no event type the webhook receives can hold, by their
    /// place in the filter (`all[1].path`) with the reason. `schemas` are the data schemas
    /// of those event types; when any of them has none, nothing can be ruled out.
    public func schemaProblems(receiving types: [(name: String, schema: JSONValue?)]) -> [Violation] {
        let judged = types.compactMap { type in type.schema.map { (type.name, $0) } }
        guard !judged.isEmpty, judged.count == types.count else { return [] }
        var violations: [Violation] = []
        for (field, condition) in conditions {
            let segments = condition.segments
            guard !judged.contains(where: { DataSchemaPaths.canHold(segments, schema: $0.1) }) else { continue }
            let names = judged.map(\.0)
            let which = names.count == 1 ? "the data schema of \(names[0])" : "the data schema of any event type it receives (\(names.joined(separator: ", ")))"
            violations.append(
                Violation(
                    field: field.isEmpty ? "path" : field + ".path",
                    description: "\"\(condition.path)\" cannot occur in \(which)"))
        }
        return violations
    }
}

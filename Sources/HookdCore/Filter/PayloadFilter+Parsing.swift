extension PayloadFilter {
    /// The most conditions one filter may hold, and how deeply groups may nest: the filter
    /// runs for every event of the webhook's types at publish time.
    public static let maximumConditions = 64
    public static let maximumDepth = 8

    /// Reads a filter in its manifest/API form, noting every problem in `problems` under
    /// `field` (`filter.all[1].gte`); `nil` when anything was wrong.
    public static func parse(_ json: JSONValue, field: String, problems: inout ViolationList) -> PayloadFilter? {
        var reader = FilterReader()
        let filter = reader.read(json, field: field, depth: 1)
        if reader.conditionCount > maximumConditions {
            reader.problems.add(field, "holds \(reader.conditionCount) conditions; at most \(maximumConditions) are allowed")
        }
        problems.add(reader.problems.violations)
        return reader.problems.violations.isEmpty ? filter : nil
    }
}

/// Reads the nested filter form, collecting every problem instead of stopping at the first.
private struct FilterReader {
    var problems = ViolationList()
    var conditionCount = 0

    static let groups = ["all", "any", "not"]

    mutating func read(_ json: JSONValue, field: String, depth: Int) -> PayloadFilter? {
        guard case .object(let members) = json else {
            problems.add(
                field, "must be a mapping: { path: PATH, OPERATOR: VALUE } or one of all: [...], any: [...], not: {...}")
            return nil
        }
        if members["path"] != nil { return condition(members, field: field) }
        let groups = Self.groups.filter { members[$0] != nil }
        let unknown = members.keys.filter { !Self.groups.contains($0) }.sorted()
        for key in unknown {
            problems.add(
                "\(field).\(key)",
                "unknown filter key \"\(key)\"; a filter is { path: PATH, OPERATOR: VALUE } (operators: "
                    + FilterTest.operatorNames.joined(separator: ", ") + ") or one of all, any, not")
        }
        guard groups.count == 1, let group = groups.first else {
            if groups.count > 1 {
                problems.add(field, "holds \(groups.joined(separator: " and ")); give exactly one of all, any, not")
            } else if unknown.isEmpty {
                problems.add(field, "is empty; give { path: PATH, OPERATOR: VALUE } or one of all, any, not")
            }
            return nil
        }
        guard unknown.isEmpty else { return nil }
        let inner = "\(field).\(group)"
        guard depth < PayloadFilter.maximumDepth else {
            problems.add(inner, "nests deeper than \(PayloadFilter.maximumDepth) levels")
            return nil
        }
        if group == "not" {
            return members["not"].flatMap { read($0, field: inner, depth: depth + 1) }.map(PayloadFilter.not)
        }
        guard case .array(let items)? = members[group], !items.isEmpty else {
            problems.add(inner, "must be a non-empty list of filters")
            return nil
        }
        let filters = items.enumerated().map { read($1, field: "\(inner)[\($0)]", depth: depth + 1) }
        let parsed = filters.compactMap { $0 }
        guard parsed.count == filters.count else { return nil }
        return group == "all" ? .all(parsed) : .any(parsed)
    }

    private mutating func condition(_ members: [String: JSONValue], field: String) -> PayloadFilter? {
        conditionCount += 1
        var valid = true
        let path = members["path"]?.stringValue
        if let path {
            let segments = path.split(separator: ".", omittingEmptySubsequences: false)
            if path.isEmpty || segments.contains(where: \.isEmpty) {
                problems.add("\(field).path", "\"\(path)\" is not a path: dot-separated names inside data, e.g. card.type")
                valid = false
            } else if path.hasPrefix("data.") {
                problems.add("\(field).path", "paths are relative to data: write \(path.dropFirst(5)), not \(path)")
                valid = false
            }
        } else {
            problems.add("\(field).path", "must be a string: dot-separated names inside data, e.g. card.type")
            valid = false
        }
        let operators = members.keys.filter { $0 != "path" }.sorted()
        for key in operators where !FilterTest.operatorNames.contains(key) {
            problems.add(
                "\(field).\(key)",
                "unknown operator \"\(key)\"; use one of \(FilterTest.operatorNames.joined(separator: ", "))")
            valid = false
        }
        guard valid else { return nil }
        guard operators.count == 1, let name = operators.first, let operand = members[name] else {
            problems.add(
                field,
                operators.isEmpty
                    ? "needs an operator: one of \(FilterTest.operatorNames.joined(separator: ", "))"
                    : "holds \(operators.joined(separator: " and ")); give one operator per condition (combine with all)")
            return nil
        }
        guard let test = test(name, operand, field: "\(field).\(name)"), let path else { return nil }
        return .condition(FilterCondition(path: path, test: test))
    }

    private mutating func test(_ name: String, _ operand: JSONValue, field: String) -> FilterTest? {
        switch name {
        case "eq", "ne":
            guard operand.isScalar else {
                problems.add(field, "must be a string, number, boolean or null, got \(operand.typeName)")
                return nil
            }
            return name == "eq" ? .eq(operand) : .ne(operand)
        case "in", "nin":
            guard case .array(let values) = operand, !values.isEmpty, values.allSatisfy(\.isScalar) else {
                problems.add(field, "must be a non-empty list of strings, numbers, booleans or nulls")
                return nil
            }
            return name == "in" ? .isIn(values) : .notIn(values)
        case "gt", "gte", "lt", "lte":
            switch operand {
            case .int, .double, .string: break
            default:
                problems.add(field, "must be a number or a string, got \(operand.typeName)")
                return nil
            }
            switch name {
            case "gt": return .gt(operand)
            case "gte": return .gte(operand)
            case "lt": return .lt(operand)
            default: return .lte(operand)
            }
        case "exists":
            guard case .bool(let present) = operand else {
                problems.add(field, "must be true or false, got \(operand.typeName)")
                return nil
            }
            return .exists(present)
        default:
            guard case .string(let prefix) = operand else {
                problems.add(field, "must be a string, got \(operand.typeName)")
                return nil
            }
            return .prefix(prefix)
        }
    }
}

extension JSONValue {
    /// True for strings, numbers, booleans and null.
    fileprivate var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }
}

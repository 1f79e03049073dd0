/// What a condition asks of the value at its path.
///
/// A missing value is unequal to everything (`ne` and `nin` hold, `eq` and `in` do not),
/// is not ordered (`gt` ... `lte` fail) and has no prefix. Numbers compare by value (`1`
/// equals `1.0`); `gt`/`gte`/`lt`/`lte` compare numbers with numbers and strings with
/// strings (by Unicode scalar values, so ISO 8601 times in one format order by time).
public enum FilterTest: Sendable, Hashable, CustomStringConvertible {
    case eq(JSONValue)
    case ne(JSONValue)
    case isIn([JSONValue])
    case notIn([JSONValue])
    case gt(JSONValue)
    case gte(JSONValue)
    case lt(JSONValue)
    case lte(JSONValue)
    case exists(Bool)
    case prefix(String)

    /// The operators as they are written, in the order the documentation lists them.
    public static let operatorNames = ["eq", "ne", "in", "nin", "gt", "gte", "lt", "lte", "exists", "prefix"]

    /// Whether the value (`nil`: absent) passes.
    public func holds(for value: JSONValue?) -> Bool {
        switch self {
        case .eq(let operand): value.map { JSONEquality.equal($0, operand) } ?? false
        case .ne(let operand): !(value.map { JSONEquality.equal($0, operand) } ?? false)
        case .isIn(let operands): value.map { value in operands.contains { JSONEquality.equal(value, $0) } } ?? false
        case .notIn(let operands): !(value.map { value in operands.contains { JSONEquality.equal(value, $0) } } ?? false)
        case .gt(let operand): Self.order(value, operand).map { $0 > 0 } ?? false
        case .gte(let operand): Self.order(value, operand).map { $0 >= 0 } ?? false
        case .lt(let operand): Self.order(value, operand).map { $0 < 0 } ?? false
        case .lte(let operand): Self.order(value, operand).map { $0 <= 0 } ?? false
        case .exists(let present): (value != nil) == present
        case .prefix(let prefix): value?.stringValue?.hasPrefix(prefix) ?? false
        }
    }

    /// -1, 0 or 1 as `value` orders before, with or after `operand`; `nil` when they do not
    /// order (absent, or not both numbers or both strings).
    private static func order(_ value: JSONValue?, _ operand: JSONValue) -> Int? {
        guard let value else { return nil }
        if let left = JSONNumber(value), let right = JSONNumber(operand) {
            return left < right ? -1 : (left == right ? 0 : 1)
        }
        if case .string(let left) = value, case .string(let right) = operand {
            let lhs = Array(left.unicodeScalars.map(\.value))
            let rhs = Array(right.unicodeScalars.map(\.value))
            return lhs.lexicographicallyPrecedes(rhs) ? -1 : (lhs == rhs ? 0 : 1)
        }
        return nil
    }

    /// The operator as written (`gte`).
    public var operatorName: String {
        switch self {
        case .eq: "eq"
        case .ne: "ne"
        case .isIn: "in"
        case .notIn: "nin"
        case .gt: "gt"
        case .gte: "gte"
        case .lt: "lt"
        case .lte: "lte"
        case .exists: "exists"
        case .prefix: "prefix"
        }
    }

    /// The operand as written.
    public var operand: JSONValue {
        switch self {
        case .eq(let value), .ne(let value), .gt(let value), .gte(let value), .lt(let value), .lte(let value): value
        case .isIn(let values), .notIn(let values): .array(values)
        case .exists(let present): .bool(present)
        case .prefix(let prefix): .string(prefix)
        }
    }

    /// What must hold, in words (`>= 100`, `in ["apple", "google"]`).
    public var description: String {
        switch self {
        case .eq(let value): "= \(Self.text(value))"
        case .ne(let value): "!= \(Self.text(value))"
        case .isIn(let values): "in [\(values.map(Self.text).joined(separator: ", "))]"
        case .notIn(let values): "not in [\(values.map(Self.text).joined(separator: ", "))]"
        case .gt(let value): "> \(Self.text(value))"
        case .gte(let value): ">= \(Self.text(value))"
        case .lt(let value): "< \(Self.text(value))"
        case .lte(let value): "<= \(Self.text(value))"
        case .exists(let present): present ? "present" : "absent"
        case .prefix(let prefix): "starting with \(Self.text(.string(prefix)))"
        }
    }

    /// A value as compact JSON.
    static func text(_ value: JSONValue) -> String {
        (try? value.canonicalData()).map { String(decoding: $0, as: UTF8.self) } ?? "\(value)"
    }
}

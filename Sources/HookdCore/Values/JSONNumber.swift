/// A JSON number compared by its mathematical value, so `1`, `1.0` and `1e0` are equal
/// whether they were held as an integer or a double.
public enum JSONNumber: Sendable, Comparable, CustomStringConvertible {
    case int(Int64)
    case double(Double)

    /// The number `value` holds, or `nil` when it is not a number.
    public init?(_ value: JSONValue) {
        switch value {
        case .int(let number): self = .int(number)
        case .double(let number): self = .double(number)
        default: return nil
        }
    }

    /// True when the number has no fractional part (JSON Schema's `integer`).
    public var isInteger: Bool {
        switch self {
        case .int: true
        case .double(let number): number.isFinite && number == number.rounded(.towardZero)
        }
    }

    /// True when the number is greater than zero.
    public var isPositive: Bool {
        switch self {
        case .int(let number): number > 0
        case .double(let number): number > 0
        }
    }

    /// As an `Int` when it is a whole number that fits; `nil` otherwise.
    public var wholeValue: Int? {
        switch self {
        case .int(let number): Int(exactly: number)
        case .double(let number): isInteger ? Int(exactly: number) : nil
        }
    }

    /// Orders numbers by value, whichever way they are held.
    public static func < (lhs: JSONNumber, rhs: JSONNumber) -> Bool { compare(lhs, rhs) < 0 }
    /// Equal by value: `1 == 1.0`.
    public static func == (lhs: JSONNumber, rhs: JSONNumber) -> Bool { compare(lhs, rhs) == 0 }

    /// -1, 0 or 1 as `lhs` is less than, equal to or greater than `rhs`, exactly: an
    /// `Int64` is never rounded to a `Double` (which would make 2^53 + 1 equal 2^53).
    private static func compare(_ lhs: JSONNumber, _ rhs: JSONNumber) -> Int {
        switch (lhs, rhs) {
        case (.int(let left), .int(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.double(let left), .double(let right)): return left < right ? -1 : (left == right ? 0 : 1)
        case (.int(let left), .double(let right)): return compare(left, right)
        case (.double(let left), .int(let right)): return -compare(right, left)
        }
    }

    private static func compare(_ integer: Int64, _ double: Double) -> Int {
        let twoToThe63 = 9_223_372_036_854_775_808.0
        if double >= twoToThe63 { return -1 }
        if double < -twoToThe63 { return 1 }
        let whole = double.rounded(.towardZero)
        let wholeInteger = Int64(whole)
        if integer != wholeInteger { return integer < wholeInteger ? -1 : 1 }
        let fraction = double - whole
        return fraction > 0 ? -1 : (fraction < 0 ? 1 : 0)
    }

    /// True when `self` divided by `divisor` is a whole number, judged on the decimal digits
    /// the numbers print as (their shortest round-trip form), not on binary floating point:
    /// `19.99` is a multiple of `0.01` although `19.99 / 0.01` is `1998.9999999999998`.
    public func isMultiple(of divisor: JSONNumber) -> Bool {
        let value = DecimalDigits(self)
        let step = DecimalDigits(divisor)
        guard value.significand != 0 else { return true }
        guard step.significand != 0 else { return false }
        let shift = value.exponent - step.exponent
        if shift >= 0 {
            // value / step = value.significand * 10^shift / step.significand
            let modulus = step.significand
            let power = Self.powerOfTen(shift, modulo: modulus)
            return Self.multiply(value.significand % modulus, power, modulo: modulus) == 0
        }
        // value / step = value.significand / (step.significand * 10^-shift)
        guard -shift <= 19 else { return false }
        var scale: UInt64 = 1
        for _ in 0..<(-shift) { scale *= 10 }
        let (denominator, overflow) = step.significand.multipliedReportingOverflow(by: scale)
        guard !overflow else { return false }
        return value.significand % denominator == 0
    }

    private static func multiply(_ left: UInt64, _ right: UInt64, modulo modulus: UInt64) -> UInt64 {
        let product = left.multipliedFullWidth(by: right)
        return modulus.dividingFullWidth(product).remainder
    }

    private static func powerOfTen(_ exponent: Int, modulo modulus: UInt64) -> UInt64 {
        var result: UInt64 = 1 % modulus
        var base: UInt64 = 10 % modulus
        var rest = exponent
        while rest > 0 {
            if rest & 1 == 1 { result = multiply(result, base, modulo: modulus) }
            base = multiply(base, base, modulo: modulus)
            rest >>= 1
        }
        return result
    }

    /// The number as people write it: `5`, `0.01`, `1e+300`.
    public var description: String {
        switch self {
        case .int(let number): return String(number)
        case .double(let number):
            if isInteger, abs(number) < 1e15 { return String(Int64(number)) }
            return "\(number)"
        }
    }
}

/// A number as decimal digits: `|value| = significand × 10^exponent`, with the trailing
/// zeros of the significand moved into the exponent. Doubles use their shortest
/// round-trip text, which gives back the digits a JSON document wrote.
private struct DecimalDigits {
    var significand: UInt64
    var exponent: Int

    init(_ number: JSONNumber) {
        switch number {
        case .int(let integer):
            significand = integer.magnitude
            exponent = 0
        case .double(let double):
            (significand, exponent) = Self.parse("\(double.magnitude)")
        }
        while significand != 0, significand % 10 == 0 {
            significand /= 10
            exponent += 1
        }
    }

    /// Reads Swift's shortest form of a finite non-negative double: `19.99`, `1e-05`,
    /// `1.2345e+20`; at most 17 significant digits, so the significand fits a `UInt64`.
    private static func parse(_ text: String) -> (UInt64, Int) {
        let parts = text.lowercased().split(separator: "e", maxSplits: 1)
        var exponent = parts.count == 2 ? Int(parts[1]) ?? 0 : 0
        var significand: UInt64 = 0
        var afterPoint = false
        for character in parts[0] {
            if character == "." {
                afterPoint = true
            } else if let digit = character.wholeNumberValue {
                significand = significand * 10 + UInt64(digit)
                if afterPoint { exponent -= 1 }
            }
        }
        return (significand, exponent)
    }
}

/// Equality of JSON values as JSON Schema defines it for `enum`, `const` and
/// `uniqueItems`: numbers by mathematical value, arrays in order, objects by members.
public enum JSONEquality {
    public static func equal(_ lhs: JSONValue, _ rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.array(let left), .array(let right)):
            return left.count == right.count && zip(left, right).allSatisfy { equal($0, $1) }
        case (.object(let left), .object(let right)):
            return left.count == right.count
                && left.allSatisfy { key, value in right[key].map { equal(value, $0) } ?? false }
        default:
            if let left = JSONNumber(lhs), let right = JSONNumber(rhs) { return left == right }
            return lhs == rhs
        }
    }

    /// The value with every whole double that fits an `Int64` held as `.int`, so that
    /// values equal by ``equal(_:_:)`` are also equal (and hash alike) as `JSONValue`s.
    public static func normalized(_ value: JSONValue) -> JSONValue {
        switch value {
        case .double(let number):
            if let integer = Int64(exactly: number) { return .int(integer) }
            return value
        case .array(let items): return .array(items.map(normalized))
        case .object(let members): return .object(members.mapValues(normalized))
        default: return value
        }
    }
}

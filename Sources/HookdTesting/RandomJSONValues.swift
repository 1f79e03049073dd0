import HookdCore

/// Random JSON values from a seed, the same on every run: biased towards what schemas and
/// canonical JSON look at (small numbers, whole and halves; short strings; common property
/// names; shallow nesting).
public struct RandomJSONValues {
    private var generator: SeededRandomNumberGenerator

    /// Values whose sequence is fixed by `seed`.
    public init(seed: UInt64) {
        generator = SeededRandomNumberGenerator(seed: seed)
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 { generator.next() }

    /// A number in `0..<bound`.
    public mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// A value nested at most a few levels below `depth`.
    public mutating func value(depth: Int) -> JSONValue {
        let names = ["id", "amount", "a", "b", "k", "n", "x-b", "card", "issuer", "sku", "qty", "v", "next", "abc", "A"]
        let strings = ["", "a", "ab", "abc", "AB12", "x", "z", "日本", "2026-11-29", "foo"]
        switch below(depth >= 2 ? 6 : 8) {
        case 0: return .null
        case 1: return .bool(below(2) == 0)
        case 2: return .int(Int64(below(13)) - 3)
        case 3: return .double(Double(below(13) - 3) + 0.5)
        case 4, 5: return .string(strings[below(strings.count)])
        case 6: return .array((0..<below(5)).map { _ in value(depth: depth + 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<below(4) { members[names[below(names.count)]] = value(depth: depth + 1) }
            return .object(members)
        }
    }
}

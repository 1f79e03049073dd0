import HookdCore

/// A small deterministic generator of JSON values, so the generated instances are the same
/// on every run.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(bound)) }

    /// Values biased towards what the corpus schemas look at: small numbers (whole and
    /// halves), short strings, the corpus' property names, and shallow nesting.
    mutating func value(depth: Int) -> JSONValue {
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

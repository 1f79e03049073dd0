/// An event's W3C Trace Context (https://www.w3.org/TR/trace-context/): the `traceparent`
/// (and optional `tracestate`) a producer published it with, sent as those headers with
/// every attempt of every delivery of the event, so the producer's trace continues into its
/// receivers' systems.
public struct TraceContext: Sendable, Hashable, Codable {
    /// `VERSION-TRACEID-PARENTID-FLAGS`, e.g. `00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01`.
    public var traceparent: String
    /// Vendor entries, `key=value` separated by commas; `nil` when none was given.
    public var tracestate: String?

    /// The longest `tracestate` kept (the specification's limit for propagation).
    public static let maximumTracestateLength = 512
    /// The most list members a `tracestate` may hold.
    public static let maximumTracestateMembers = 32

    /// A context already checked (``problems(traceparent:tracestate:)`` found none).
    public init(traceparent: String, tracestate: String? = nil) {
        self.traceparent = traceparent
        self.tracestate = tracestate
    }

    /// The headers that carry the context: `traceparent`, then `tracestate` when present.
    public var headers: [(String, String)] {
        var headers = [("traceparent", traceparent)]
        if let tracestate { headers.append(("tracestate", tracestate)) }
        return headers
    }

    /// What is wrong with `traceparent` and `tracestate`, one `(field, description)` each;
    /// empty when they are acceptable. `tracestate` needs a `traceparent`.
    public static func problems(traceparent: String?, tracestate: String?) -> [(field: String, description: String)] {
        var problems: [(field: String, description: String)] = []
        if let traceparent, let problem = traceparentProblem(traceparent) {
            problems.append(("traceparent", problem))
        }
        if let tracestate {
            if traceparent == nil {
                problems.append(("tracestate", "needs a traceparent: tracestate only qualifies one"))
            } else if let problem = tracestateProblem(tracestate) {
                problems.append(("tracestate", problem))
            }
        }
        return problems
    }

    /// Why `text` is not a W3C `traceparent`, or `nil` when it is one.
    public static func traceparentProblem(_ text: String) -> String? {
        let format = "must be VERSION-TRACEID-PARENTID-FLAGS in lowercase hex, e.g. 00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count >= 4, parts[0].count == 2, parts[1].count == 32, parts[2].count == 16, parts[3].count == 2,
            parts.prefix(4).allSatisfy(isLowercaseHex)
        else { return format }
        if parts[0] == "ff" { return "version ff is invalid" }
        // Version 00 is exactly four fields; a later version may append fields after the flags.
        if parts[0] == "00" && parts.count != 4 { return "version 00 has exactly four fields: " + format }
        if parts[1].allSatisfy({ $0 == "0" }) { return "the trace id must not be all zeros" }
        if parts[2].allSatisfy({ $0 == "0" }) { return "the parent id must not be all zeros" }
        if text.utf8.count > 512 { return "must be at most 512 characters" }
        return nil
    }

    /// Why `text` is not a W3C `tracestate`, or `nil` when it is one.
    public static func tracestateProblem(_ text: String) -> String? {
        guard text.utf8.count <= maximumTracestateLength else {
            return "must be at most \(maximumTracestateLength) characters"
        }
        let members = text.split(separator: ",", omittingEmptySubsequences: false)
            .map(trimmed)
            .filter { !$0.isEmpty }
        guard !members.isEmpty else { return "must hold at least one key=value member" }
        guard members.count <= maximumTracestateMembers else {
            return "holds \(members.count) members, at most \(maximumTracestateMembers) are allowed"
        }
        var keys: Set<Substring> = []
        for member in members {
            guard let equals = member.firstIndex(of: "=") else { return "member \"\(member)\" is not key=value" }
            let key = member[..<equals]
            let value = member[member.index(after: equals)...]
            guard isKey(key) else {
                return "key \"\(key)\" must be lowercase letters, digits, _ - * / (optionally tenant@system)"
            }
            guard isValue(value) else {
                return "the value of \(key) must be 1 to 256 printable ASCII characters other than , and =, not ending in a space"
            }
            guard keys.insert(key).inserted else { return "key \(key) appears twice" }
        }
        return nil
    }

    /// `text` without leading and trailing spaces and tabs (a W3C list's optional whitespace).
    private static func trimmed(_ text: Substring) -> Substring {
        var text = text
        while let first = text.first, first == " " || first == "\t" { text = text.dropFirst() }
        while let last = text.last, last == " " || last == "\t" { text = text.dropLast() }
        return text
    }

    private static func isLowercaseHex(_ text: Substring) -> Bool {
        text.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
    }

    private static func isKey(_ key: Substring) -> Bool {
        let parts = key.split(separator: "@", omittingEmptySubsequences: false)
        switch parts.count {
        case 1: return isKeyPart(parts[0], maximum: 256, mustStartWithLetter: true)
        case 2:
            return isKeyPart(parts[0], maximum: 241, mustStartWithLetter: false)
                && isKeyPart(parts[1], maximum: 14, mustStartWithLetter: true)
        default: return false
        }
    }

    private static func isKeyPart(_ part: Substring, maximum: Int, mustStartWithLetter: Bool) -> Bool {
        guard let first = part.utf8.first, part.utf8.count <= maximum else { return false }
        let isLower = { (byte: UInt8) in (0x61...0x7A).contains(byte) }
        let isDigit = { (byte: UInt8) in (0x30...0x39).contains(byte) }
        guard isLower(first) || (!mustStartWithLetter && isDigit(first)) else { return false }
        return part.utf8.allSatisfy { isLower($0) || isDigit($0) || "_-*/".utf8.contains($0) }
    }

    private static func isValue(_ value: Substring) -> Bool {
        guard !value.isEmpty, value.utf8.count <= 256, value.utf8.last != 0x20 else { return false }
        return value.utf8.allSatisfy { (0x20...0x7E).contains($0) && $0 != UInt8(ascii: ",") && $0 != UInt8(ascii: "=") }
    }
}

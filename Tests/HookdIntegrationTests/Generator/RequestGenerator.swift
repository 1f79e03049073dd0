import Foundation
import HookdAPI
import HookdCore
import HookdTesting

/// Whole JSON-RPC requests from a seed, most of them wrong: malformed frames, invalid JSON,
/// requests that are not requests, ids of every type, params that are missing, extra, of the
/// wrong type, huge or deep, for every method of ``APIMethods/all``, and batches of these.
///
/// Only methods that change nothing (`reader` methods other than watches) get params that
/// may be valid; every other method gets params that are certainly invalid, so whatever the
/// daemon answers, its state cannot change.
struct RequestGenerator {
    private var random: RandomJSONValues
    /// The largest frame the daemon reads; some lines are made just over it.
    let frameLimit: Int
    /// Names that exist in the daemon, so some calls reach the handlers.
    let knownNames: [String]

    init(seed: UInt64, frameLimit: Int, knownNames: [String]) {
        random = RandomJSONValues(seed: seed)
        self.frameLimit = frameLimit
        self.knownNames = knownNames
    }

    /// Methods whose calls change nothing, whatever their params.
    static func isHarmless(_ method: AnyAPIMethod) -> Bool {
        method.role == .reader && !method.name.hasSuffix(".Watch")
    }

    mutating func next() -> GeneratedRequest {
        let request = draw()
        // Whatever it holds, a line over the limit is refused as a frame.
        guard request.line.utf8.count <= frameLimit else {
            return GeneratedRequest(
                line: request.line, expectation: .unaddressed(codes: [-32600]), kind: request.kind + ", over the frame limit")
        }
        return request
    }

    private mutating func draw() -> GeneratedRequest {
        switch random.below(20) {
        case 0: return malformedFrame()
        case 1: return notARequest()
        case 2: return badEnvelope()
        case 3: return oversizedFrame()
        case 4, 5: return batch()
        default:
            let (text, expectation) = call(asNotification: false)
            return GeneratedRequest(line: text, expectation: expectation!, kind: "call")
        }
    }

    // MARK: Frames that are not JSON

    private mutating func malformedFrame() -> GeneratedRequest {
        let line: String
        switch random.below(4) {
        case 0:
            // Random bytes (not UTF-8 either), never a newline, never blank.
            var bytes = (0..<(1 + random.below(200))).map { _ in UInt8(random.below(256)) }.filter { $0 != 10 }
            bytes.insert(UInt8(ascii: "{"), at: 0)
            line = String(decoding: bytes, as: UTF8.self)
        case 1:
            // A real request cut short.
            let (text, _) = call(asNotification: false)
            line = String(text.prefix(max(1, random.below(text.count))))
        case 2:
            // Nested deeper than the reader goes (256), or nearly: a parse error, or params
            // Daemon.Health does not take.
            let depth = 200 + random.below(5000)
            let line = #"{"jsonrpc":"2.0","method":"Daemon.Health","params":{"a":"#
                + String(repeating: "[", count: depth) + String(repeating: "]", count: depth) + #"},"id":7}"#
            return GeneratedRequest(line: line, expectation: .refused(id: "7", codes: [-32700, -32602]), kind: "deep params")
        default:
            line = ["{\"jsonrpc\":\"2.0\",", "{'a':1}", "{\"a\":1,}", "[1,2", "nul", "\"\\uD800\"x", "{\"a\" 1}", "01", "1e999999"][
                random.below(9)]
        }
        return GeneratedRequest(line: line, expectation: .unaddressed(codes: [-32700, -32600]), kind: "malformed frame")
    }

    /// JSON that is not a request object.
    private mutating func notARequest() -> GeneratedRequest {
        let line = ["42", "\"Daemon.Health\"", "null", "true", "[]", "{}", "-0", "1.5e3"][random.below(8)]
        return GeneratedRequest(line: line, expectation: .unaddressed(codes: [-32600]), kind: "not a request")
    }

    /// An object that is almost a request: its `jsonrpc`, `method` or `id` is wrong.
    private mutating func badEnvelope() -> GeneratedRequest {
        let id = validID()
        let method = APIMethods.all[random.below(APIMethods.all.count)].name
        switch random.below(6) {
        case 0:
            return GeneratedRequest(
                line: #"{"method":"\#(method)","id":\#(id)}"#, expectation: .refused(id: id, codes: [-32600]),
                kind: "no jsonrpc")
        case 1:
            return GeneratedRequest(
                line: #"{"jsonrpc":"1.0","method":"\#(method)","id":\#(id)}"#, expectation: .refused(id: id, codes: [-32600]),
                kind: "jsonrpc 1.0")
        case 2:
            return GeneratedRequest(
                line: #"{"jsonrpc":"2.0","method":\#(random.below(100)),"id":\#(id)}"#,
                expectation: .refused(id: id, codes: [-32600]), kind: "method not a string")
        case 3:
            return GeneratedRequest(
                line: #"{"jsonrpc":"2.0","method":"Nope.\#(method)","id":\#(id)}"#,
                expectation: .answer(id: id, mayAnswer: false), kind: "unknown method")
        case 4:
            let badID = ["{}", "[1]", "true", #"{"id":1}"#][random.below(4)]
            return GeneratedRequest(
                line: #"{"jsonrpc":"2.0","method":"Daemon.Health","id":\#(badID)}"#,
                expectation: .unaddressed(codes: [-32600]), kind: "id of a wrong type")
        default:
            return GeneratedRequest(
                line: #"{"jsonrpc":"2.0","method":"\#(method)","params":\#(["[1]", "\"x\"", "7", "true"][random.below(4)]),"id":\#(id)}"#,
                expectation: .answer(id: id, mayAnswer: false), kind: "params not an object")
        }
    }

    /// A line just over the daemon's frame limit.
    private mutating func oversizedFrame() -> GeneratedRequest {
        let padding = String(repeating: "x", count: frameLimit + 1 + random.below(1000))
        return GeneratedRequest(
            line: #"{"jsonrpc":"2.0","method":"Daemon.Health","params":{"pad":"\#(padding)"},"id":1}"#,
            expectation: .unaddressed(codes: [-32600]), kind: "oversized frame")
    }

    /// A batch of calls, notifications (with invalid params) and invalid members; never only
    /// notifications, which would get no answer at all.
    private mutating func batch() -> GeneratedRequest {
        var members: [String] = []
        var expectations: [GeneratedRequest.Expectation?] = []
        for _ in 0..<(1 + random.below(8)) {
            switch random.below(6) {
            case 0:
                let (text, _) = call(asNotification: true)
                members.append(text)
                expectations.append(nil)
            case 1:
                members.append(["1", "\"x\"", "null", "{}", "[]"][random.below(5)])
                expectations.append(.unaddressed(codes: [-32600]))
            default:
                let (text, expectation) = call(asNotification: false)
                members.append(text)
                expectations.append(expectation)
            }
        }
        if expectations.allSatisfy({ $0 == nil }) {
            members.append(#"{"jsonrpc":"2.0","method":"Daemon.Health","id":"last"}"#)
            expectations.append(.answer(id: #""last""#, mayAnswer: true))
        }
        return GeneratedRequest(
            line: "[" + members.joined(separator: ",") + "]", expectation: .batch(expectations), kind: "batch")
    }

    // MARK: Calls

    /// A call of a random method; a notification (no id, no answer) when asked, then always
    /// with invalid params so that it changes nothing either.
    private mutating func call(asNotification: Bool) -> (String, GeneratedRequest.Expectation?) {
        let method = APIMethods.all[random.below(APIMethods.all.count)]
        let harmless = Self.isHarmless(method) && !asNotification
        let params = harmless && random.below(3) == 0 ? plausibleParams(method) : invalidParams(method)
        var writer = CanonicalJSONWriter()
        // Only non-finite doubles fail to write, and none are made here.
        try? writer.write(params)
        let paramsText = String(decoding: writer.bytes, as: UTF8.self)
        var line = #"{"jsonrpc":"2.0","method":"\#(method.name)""#
        if !(params == .object([:]) && random.below(2) == 0) { line += #","params":"# + paramsText }
        guard !asNotification else { return (line + "}", nil) }
        let id = validID()
        return (line + #","id":\#(id)}"#, .answer(id: id, mayAnswer: harmless))
    }

    /// An id of a valid type, as JSON text: numbers of every shape, strings, null.
    private mutating func validID() -> String {
        switch random.below(9) {
        case 0: return "\(random.below(1_000_000))"
        case 1: return "123456789012345678901234567890"
        case 2: return "-0"
        case 3: return "1.5e3"
        case 4: return "-\(random.below(1000))"
        case 5: return "null"
        case 6: return #""\#(random.below(1_000_000))""#
        case 7: return #""日本\u0000\"x""#
        default: return #""id-\#(random.next())""#
        }
    }

    /// Params that may well be valid: each property of the method's schema, or not, with a
    /// value of its type drawn from known names, tricky text and random JSON.
    private mutating func plausibleParams(_ method: AnyAPIMethod) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for (name, schema) in properties(method) where required(method).contains(name) || random.below(2) == 0 {
            members[name] = value(ofType: schema.objectValue?["type"]?.stringValue)
        }
        return .object(members)
    }

    /// Params that cannot be valid: at least one of an unknown member, a required member
    /// missing, a member of the wrong type; often with huge or deep values besides.
    private mutating func invalidParams(_ method: AnyAPIMethod) -> JSONValue {
        guard case .object(var members) = plausibleParams(method) else { return .object([:]) }
        let typed = properties(method).filter { $0.value.objectValue?["type"]?.stringValue != nil }
        var mutations = [0]
        if !required(method).isEmpty { mutations.append(1) }
        if !typed.isEmpty { mutations.append(2) }
        switch mutations[random.below(mutations.count)] {
        case 1:
            let requiredNames = required(method).sorted()
            members[requiredNames[random.below(requiredNames.count)]] = nil
        case 2:
            let names = typed.keys.sorted()
            let name = names[random.below(names.count)]
            members[name] = wrongValue(forType: typed[name]!.objectValue!["type"]!.stringValue!)
        default:
            members["unexpected\(random.below(3))"] = value(ofType: nil)
        }
        // Noise on top, which cannot make it valid.
        if random.below(4) == 0 { members["huge"] = .string(String(repeating: "h", count: random.below(frameLimit / 2))) }
        if random.below(6) == 0 { members["deep"] = deepValue(depth: 2 + random.below(120)) }
        return .object(members)
    }

    private func properties(_ method: AnyAPIMethod) -> [String: JSONValue] {
        method.paramsSchema.objectValue?["properties"]?.objectValue ?? [:]
    }

    private func required(_ method: AnyAPIMethod) -> Set<String> {
        guard case .array(let names)? = method.paramsSchema.objectValue?["required"] else { return [] }
        return Set(names.compactMap(\.stringValue))
    }

    private mutating func value(ofType type: String?) -> JSONValue {
        switch type {
        case "string":
            switch random.below(6) {
            case 0: return .string(String(repeating: "s", count: random.below(frameLimit / 2)))
            case 1: return .string(["", " ", "a/b", "x\ny", "\u{1B}[31m", "日本", "acc_1\u{0}"][random.below(7)])
            default: return .string(knownNames[random.below(knownNames.count)])
            }
        case "integer":
            return [.int(Int64(random.below(100))), .int(-1), .int(Int64.max), .int(0), .double(1e300)][random.below(5)]
        case "boolean": return .bool(random.below(2) == 0)
        case "array": return .array((0..<random.below(4)).map { _ in value(ofType: "string") })
        default: return random.value(depth: random.below(3))
        }
    }

    /// A value that is certainly not of `type` (never null: an optional member takes null).
    private mutating func wrongValue(forType type: String) -> JSONValue {
        switch type {
        case "string": return [.int(7), .bool(true), .array([]), .object(["a": 1])][random.below(4)]
        case "integer": return [.string("7"), .double(1.5), .bool(false), .array([1])][random.below(4)]
        case "boolean": return [.string("true"), .int(1), .object([:])][random.below(3)]
        case "array": return [.string("a"), .object(["0": "a"]), .int(0)][random.below(3)]
        default: return [.string("x"), .array([.int(1)]), .int(3)][random.below(3)]
        }
    }

    private mutating func deepValue(depth: Int) -> JSONValue {
        var value: JSONValue = .string("bottom")
        for level in 0..<depth { value = level % 2 == 0 ? .array([value]) : .object(["d": value]) }
        return value
    }
}

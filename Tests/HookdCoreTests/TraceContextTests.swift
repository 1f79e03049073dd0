import HookdCore
import Testing

/// `TraceContext`: which W3C `traceparent` and `tracestate` values `Events.Publish` takes.
@Suite("Trace context")
struct TraceContextTests {
    static let valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"

    @Test("a W3C traceparent is accepted, a later version may carry more fields")
    func acceptsTraceparent() {
        #expect(TraceContext.traceparentProblem(Self.valid) == nil)
        #expect(TraceContext.traceparentProblem("01-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-what-comes") == nil)
        #expect(TraceContext.problems(traceparent: Self.valid, tracestate: "rojo=00f067aa0ba902b7, congo=t61rcWkgMzE").isEmpty)
    }

    @Test(
        "malformed traceparents are refused with the reason",
        arguments: [
            ("", "VERSION-TRACEID-PARENTID-FLAGS"),
            ("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01", "lowercase hex"),
            ("00-4bf92f3577b34da6a3ce929d0e0e473-00f067aa0ba902b7-01", "VERSION-TRACEID-PARENTID-FLAGS"),
            ("ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "version ff is invalid"),
            ("00-00000000000000000000000000000000-00f067aa0ba902b7-01", "trace id must not be all zeros"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01", "parent id must not be all zeros"),
            ("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01-extra", "version 00 has exactly four fields"),
        ])
    func refusesTraceparent(text: String, reason: String) {
        #expect(TraceContext.traceparentProblem(text)?.contains(reason) == true)
    }

    @Test("tracestate needs a traceparent, key=value members with W3C keys, no repeats, at most 32 and 512 characters")
    func tracestateRules() {
        #expect(TraceContext.problems(traceparent: nil, tracestate: "rojo=1").map(\.field) == ["tracestate"])
        #expect(TraceContext.tracestateProblem("tenant@vendor=x") == nil)
        #expect(TraceContext.tracestateProblem("Rojo=1")?.contains("key") == true)
        #expect(TraceContext.tracestateProblem("rojo")?.contains("key=value") == true)
        #expect(TraceContext.tracestateProblem("rojo=a,rojo=b")?.contains("twice") == true)
        #expect(TraceContext.tracestateProblem("rojo=a=b")?.contains("value of rojo") == true)
        let many = (0..<33).map { "k\($0)=v" }.joined(separator: ",")
        #expect(TraceContext.tracestateProblem(many)?.contains("at most 32") == true)
        #expect(TraceContext.tracestateProblem("k=" + String(repeating: "v", count: 600))?.contains("512") == true)
    }

    @Test("the context travels as traceparent and tracestate headers")
    func headers() {
        let context = TraceContext(traceparent: Self.valid, tracestate: "rojo=1")
        #expect(context.headers.map(\.0) == ["traceparent", "tracestate"])
        #expect(TraceContext(traceparent: Self.valid).headers.map(\.1) == [Self.valid])
    }
}

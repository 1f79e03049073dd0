import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Logging
import Synchronization

/// Params of `Test.Echo`.
struct EchoParams: Codable, Sendable, Equatable {
    var text: String
    var count: Int?
}

/// Params of `Test.Nested`: a struct in an optional struct, and an array of structs.
struct NestedParams: Codable, Sendable, Equatable {
    struct Outer: Codable, Sendable, Equatable {
        var inner: Inner?
        var label: String?
    }

    struct Inner: Codable, Sendable, Equatable {
        var value: Int
    }

    var outer: Outer?
    var items: [Inner]?
    var labels: [String: String]?
    var payload: JSONValue?
}

/// Params of `Test.Sleep`.
struct SleepParams: Codable, Sendable {
    var milliseconds: Int
}

/// Params of `Test.Big`.
struct BigParams: Codable, Sendable {
    var bytes: Int
}

/// What notifications did, so tests can see that handlers ran although nothing answered.
final class Recorder: Sendable {
    private let texts = Mutex<[String]>([])

    func record(_ text: String) {
        texts.withLock { $0.append(text) }
    }

    var recorded: [String] {
        texts.withLock { $0 }
    }
}

/// A one-shot latch a test opens by hand: a handler waiting on it cannot be cancelled,
/// which is what a handler stuck in non-cooperative work looks like. Tests can also await
/// a handler's arrival at the gate.
final class Gate: Sendable {
    private struct State {
        var isOpen = false
        var arrivals = 0
        var waiters: [CheckedContinuation<Void, Never>] = []
        var arrivalWatchers: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Blocks (without honouring cancellation) until ``open()``.
    func wait() async {
        await withCheckedContinuation { continuation in
            let (isOpen, watchers) = state.withLock { state in
                state.arrivals += 1
                defer { state.arrivalWatchers = [] }
                if !state.isOpen { state.waiters.append(continuation) }
                return (state.isOpen, state.arrivalWatchers)
            }
            for watcher in watchers { watcher.resume() }
            if isOpen { continuation.resume() }
        }
    }

    /// Returns once some handler has reached ``wait()``.
    func arrival() async {
        await withCheckedContinuation { continuation in
            let arrived = state.withLock { state in
                if state.arrivals == 0 { state.arrivalWatchers.append(continuation) }
                return state.arrivals > 0
            }
            if arrived { continuation.resume() }
        }
    }

    /// Lets every waiting and future handler through.
    func open() {
        let waiters = state.withLock { state in
            state.isOpen = true
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }
}

/// A logger that drops everything: the internal-error tests log on purpose.
let quietLogger = Logger(label: "hookd.rpc.tests", factory: { _ in SwiftLogNoOpLogHandler() })

/// A router with one method per behaviour under test.
func makeTestRouter(recorder: Recorder = Recorder(), gate: Gate = Gate()) -> RPCRouter {
    var router = RPCRouter()
    router.register(name: "Test.Echo") { (params: EchoParams, _) in params }
    router.register(name: "Test.Nested") { (params: NestedParams, _) in params }
    router.register(name: "Test.Empty") { (_: EmptyParams, _) in HealthResult(status: "ok") }
    router.register(name: "Test.Record") { (params: EchoParams, _) in
        recorder.record(params.text)
        return true
    }
    router.register(name: "Test.NotFound") { (_: EmptyParams, _) -> Bool in
        throw HookdError.notFound(.webhook, "ghost")
    }
    router.register(name: "Test.BadField") { (_: EmptyParams, _) -> Bool in
        throw HookdError.invalidField("url", "must be https")
    }
    router.register(name: "Test.Crash") { (_: EmptyParams, _) -> Bool in
        throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "/secret/path"])
    }
    router.register(name: "Test.Sleep") { (params: SleepParams, _) in
        try await Task.sleep(for: .milliseconds(params.milliseconds))
        return params.milliseconds
    }
    router.register(name: "Test.Stuck") { (_: EmptyParams, _) in
        await gate.wait()
        return "released"
    }
    router.register(name: "Test.Big") { (params: BigParams, _) in
        String(repeating: "x", count: params.bytes)
    }
    router.register(name: "Test.Peer") { (_: EmptyParams, context: RPCContext) in
        [
            context.peer?.pid ?? -1, Int32(bitPattern: context.peer?.uid ?? .max),
            Int32(bitPattern: context.peer?.gid ?? .max),
        ]
    }
    return router
}

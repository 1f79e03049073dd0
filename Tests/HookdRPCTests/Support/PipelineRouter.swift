import Foundation
import HookdAPI
import HookdCore
import HookdRPC

/// Params of `Test.Held` and the other pipelined test methods.
struct HeldParams: Codable, Sendable {
    /// Names the call in the event log, and the latch its completion waits for.
    var key: String
}

/// What the pipelined test methods report to a test, and what the test controls them by.
struct PipelineProbe: Sendable {
    /// `admit KEY`, `complete KEY` and `barrier KEY` entries, in the order they happened,
    /// with the server's log messages when the probe's logger is used.
    let log = EventLog()
    /// One latch per key: a `Test.Held` completion finishes when the test opens its key.
    let latches = Latches()
}

/// A router whose methods let a test see and steer both phases of pipelined calls.
///
/// - `Test.Held` (pipelined): admission logs `admit KEY`; completion waits for latch KEY,
///   logs `complete KEY` and returns KEY.
/// - `Test.HeldSettled` (pipelined): as `Test.Held`, but its completion is settled by the
///   latch's opening through ``Pending/init(whenSettled:)``, as a commit settles a publish:
///   no task waits for it.
/// - `Test.Barrier` (ordinary): logs `barrier KEY` and returns KEY.
/// - `Test.RefusedAdmission` (pipelined): admission throws a `NOT_FOUND` HookdError.
/// - `Test.FailedCompletion` (pipelined): completion throws an `INVALID_ARGUMENT` HookdError
///   with one violation.
/// - `Test.CrashedCompletion` (pipelined): completion throws an error that is not a HookdError.
/// - `Test.StuckAdmission` (pipelined): admission waits for latch KEY before admitting.
/// - `Test.SlowPhases` (pipelined): admission and completion each take 150 ms.
func makePipelineRouter(probe: PipelineProbe) -> RPCRouter {
    var router = RPCRouter()
    let (log, latches) = (probe.log, probe.latches)
    router.registerPipelined(name: "Test.Held") { (params: HeldParams, _) in
        log.append("admit \(params.key)")
        return Pending {
            await latches.wait(params.key)
            log.append("complete \(params.key)")
            return params.key
        }
    }
    router.registerPipelined(name: "Test.HeldSettled") { (params: HeldParams, _) in
        log.append("admit \(params.key)")
        return Pending(whenSettled: { deliver in
            latches.whenOpen(params.key) {
                log.append("complete \(params.key)")
                deliver(.success(params.key))
            }
        })
    }
    router.register(name: "Test.Barrier") { (params: HeldParams, _) in
        log.append("barrier \(params.key)")
        return params.key
    }
    router.registerPipelined(name: "Test.RefusedAdmission") { (params: HeldParams, _) -> Pending<String> in
        log.append("refuse \(params.key)")
        throw HookdError.notFound(.webhook, "ghost")
    }
    router.registerPipelined(name: "Test.FailedCompletion") { (params: HeldParams, _) in
        log.append("admit \(params.key)")
        return Pending<String> { throw HookdError.invalidField("url", "must be https") }
    }
    router.registerPipelined(name: "Test.CrashedCompletion") { (params: HeldParams, _) in
        log.append("admit \(params.key)")
        return Pending<String> { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: "/secret/path"]) }
    }
    router.registerPipelined(name: "Test.StuckAdmission") { (params: HeldParams, _) in
        await latches.wait(params.key)
        return .settled(params.key)
    }
    router.registerPipelined(name: "Test.SlowPhases") { (params: HeldParams, _) in
        try await Task.sleep(for: .milliseconds(150))
        return Pending {
            try await Task.sleep(for: .milliseconds(150))
            return params.key
        }
    }
    return router
}

/// A JSON-RPC request line for `method` with params `{"key": KEY}`; a notification when
/// `id` is nil.
func request(_ method: String, key: String, id: Int?, timeoutMs: Int? = nil) -> String {
    let timeout = timeoutMs.map { #","timeoutMs":\#($0)"# } ?? ""
    let idMember = id.map { #","id":\#($0)"# } ?? ""
    return #"{"jsonrpc":"2.0","method":"\#(method)","params":{"key":"\#(key)"\#(timeout)}\#(idMember)}"#
}

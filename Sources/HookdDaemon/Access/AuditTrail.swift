import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdStore
import Logging

/// Records in the store's audit log every call that changes state or reveals a secret:
/// who (uid, pid, role), when, which method on what, and how it ended. Never a secret or a
/// payload: of the params only names are kept, as the target.
struct AuditTrail: Sendable {
    let store: any Store
    let access: AccessControl
    let logger: Logger

    /// Methods that change nothing but hand out secrets, and so are recorded too.
    static let revealing: Set<String> = ["Webhooks.GetSecret", "Manifests.Export"]
    /// Methods above the reader role that are not recorded: `Events.Publish`, because each
    /// published event is itself kept with its id and time (and auditing the data path would
    /// double its writes), and those that change nothing.
    static let unrecorded: Set<String> = ["Events.Publish", "Webhooks.TestFilter", "Manifests.Plan"]

    /// The methods recorded, from the role each declares.
    static func recordedMethods(_ methods: [AnyAPIMethod] = APIMethods.all) -> Set<String> {
        Set(methods.filter { $0.role > .reader }.map(\.name)).subtracting(unrecorded).union(revealing)
    }

    /// Records one answered call; a failed write is logged, never the caller's problem.
    func record(_ call: ObservedCall) async {
        let outcome: String
        var detail: String?
        switch call.outcome {
        case .result(let data):
            outcome = "ok"
            if call.method == "Manifests.Apply" { detail = Self.applyDetail(data) }
        case .error(let status, let reason):
            outcome = [status ?? "ERROR", reason].compactMap { $0 }.joined(separator: " ")
        }
        let peer = call.context.peer
        let entry = AuditEntry(
            time: Date(), uid: peer?.uid, pid: peer?.pid, role: access.role(of: peer)?.rawValue, method: call.method,
            target: Self.target(of: call.params), outcome: outcome, detail: detail)
        do {
            try await store.recordAudit(entry)
        } catch {
            logger.error(
                "could not record a call in the audit log",
                metadata: ["rpc_method": "\(call.method)", "error": "\(error)"])
        }
    }

    /// What a call is about, from its params' names: `ACCOUNT/NAME`, a webhook or delivery
    /// reference, or an account.
    static func target(of params: [String: JSONValue]) -> String? {
        func text(_ key: String) -> String? {
            if case .string(let value) = params[key] { return value }
            return nil
        }
        if let webhook = text("webhook") { return webhook }
        if let name = text("name") { return text("account").map { "\($0)/\(name)" } ?? name }
        for key in ["delivery", "event", "account"] {
            if let value = text(key) { return value }
        }
        return nil
    }

    /// An apply's plan digest and the revision it left, from its encoded result.
    static func applyDetail(_ result: Data) -> String? {
        guard let answer = JSONValueReader.read(result) else { return nil }
        let applied = answer["applied"] == .bool(true)
        var parts = [applied ? "applied" : "dry run"]
        if case .string(let digest) = answer["plan"]?["digest"] { parts.append("plan \(digest)") }
        if case .int(let revision) = answer["stateRevision"] { parts.append("revision \(revision)") }
        return parts.joined(separator: ", ")
    }
}

import HookdCore

import HookdCore

/// An ``APIMethod`` with its params and result types erased: what tables of every method
/// (the daemon's registry check, the OpenRPC document, the docs) need.
public struct AnyAPIMethod: Sendable, Hashable {
    /// The wire name, `Service.Method`.
    public let name: String
    /// The least role that may call it.
    public let role: APIRole
    /// How calls are scheduled on a connection.
    public let kind: APIMethodKind
    /// One sentence: what the method does.
    public let summary: String
    /// What the params mean and what the answer holds, beyond the summary.
    public let details: String
    /// The application errors this method answers with besides ``APIErrors/common``.
    public let errors: [ErrorStatus]
    /// What a watch sends after its answer.
    public let notifications: [AnyAPINotification]
    /// The params type's schema: an object whose properties are the params by name.
    public let paramsSchema: JSONValue
    /// What the result is called in the OpenRPC document.
    public let resultName: String
    /// The result's schema, a reference into `components/schemas` when the type is named.
    public let resultSchema: JSONValue
    /// The params type itself, for code that decodes every method's params (the params
    /// fuzz target); not part of equality, which the other members decide.
    public let paramsType: any (Decodable & Encodable & Sendable).Type

    public static func == (left: AnyAPIMethod, right: AnyAPIMethod) -> Bool {
        left.name == right.name && left.role == right.role && left.kind == right.kind && left.summary == right.summary
            && left.details == right.details && left.errors == right.errors && left.notifications == right.notifications
            && left.paramsSchema == right.paramsSchema && left.resultName == right.resultName
            && left.resultSchema == right.resultSchema
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(paramsSchema)
        hasher.combine(resultSchema)
    }
}

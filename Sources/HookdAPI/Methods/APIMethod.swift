import HookdCore

import HookdCore

/// One method of the hookd socket API, typed: its wire name tied to the params it takes, the
/// result it answers with, the role a caller needs and its documentation.
///
/// Each method is one static member (`APIMethod.eventsGet`, ...) in a constrained
/// extension, so `client.call(.eventsGet, WebhookRefParams(...))` does not compile. The
/// daemon registers its handlers through these descriptors, `hookctl` calls through them,
/// and ``APIMethods/all`` lists them for the OpenRPC document.
public struct APIMethod<
    Params: Codable & Sendable & APISchemaDescribed, Result: Codable & Sendable & APISchemaDescribed
>: Sendable {
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
    /// The application errors this method answers with besides those every method may give
    /// (``APIErrors/common``).
    public let errors: [ErrorStatus]
    /// What a watch sends after its answer.
    public let notifications: [AnyAPINotification]

    /// A descriptor; only this module declares them.
    init(
        _ name: String, role: APIRole, kind: APIMethodKind = .barrier, summary: String, details: String = "",
        errors: [ErrorStatus] = [], notifications: [AnyAPINotification] = []
    ) {
        self.name = name
        self.role = role
        self.kind = kind
        self.summary = summary
        self.details = details
        self.errors = errors
        self.notifications = notifications
    }

    /// The descriptor with its types erased, for tables of every method.
    public var erased: AnyAPIMethod {
        AnyAPIMethod(
            name: name, role: role, kind: kind, summary: summary, details: details, errors: errors,
            notifications: notifications,
            paramsSchema: Params.apiSchema, resultName: Result.apiSchemaName ?? "result",
            resultSchema: APISchema.reference(Result.self), paramsType: Params.self)
    }
}

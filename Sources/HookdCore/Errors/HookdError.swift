/// A failure hookd reports to a caller: a canonical status, a stable reason symbol, a
/// message for people and, for bad input, the fields that were wrong.
///
/// The RPC layer turns it into a JSON-RPC error whose `data` carries `status`, `reason` and
/// `violations`; the CLI prints `message`.
public struct HookdError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The kind of failure, named like gRPC's canonical codes.
    public var status: ErrorStatus
    /// A stable symbol such as `hookd.WebhookNotFound` that scripts can match on.
    public var reason: String
    /// One sentence for people.
    public var message: String
    /// For `INVALID_ARGUMENT`: each offending field and what is wrong with it.
    public var violations: [Violation]

    public init(_ status: ErrorStatus, reason: String, _ message: String, violations: [Violation] = []) {
        self.status = status
        self.reason = reason
        self.message = message
        self.violations = violations
    }

    public var description: String { message }

    /// Bad input: one or more fields were wrong.
    public static func invalidArgument(_ message: String, violations: [Violation] = []) -> HookdError {
        HookdError(.invalidArgument, reason: "hookd.InvalidArgument", message, violations: violations)
    }

    /// Bad input in a single field.
    public static func invalidField(_ field: String, _ description: String) -> HookdError {
        HookdError(
            .invalidArgument, reason: "hookd.InvalidArgument", "\(field): \(description)",
            violations: [Violation(field: field, description: description)])
    }

    /// A named resource does not exist, e.g. `notFound("webhook", "crm-sync")`.
    public static func notFound(_ kind: ResourceKind, _ name: String) -> HookdError {
        HookdError(.notFound, reason: "hookd.\(kind.symbol)NotFound", "\(kind.rawValue) \"\(name)\" not found")
    }

    /// A named resource does not exist; the message names the closest of `known` when one
    /// is a likely typo (`webhook "crm-snyc" not found (did you mean "crm-sync"?)`).
    public static func notFound(_ kind: ResourceKind, _ name: String, among known: some Sequence<String>) -> HookdError {
        var error = notFound(kind, name)
        error.message += NameSuggestion.hint(for: name, among: known)
        return error
    }

    /// A resource with that identity already exists.
    public static func alreadyExists(_ kind: ResourceKind, _ name: String) -> HookdError {
        HookdError(
            .alreadyExists, reason: "hookd.\(kind.symbol)AlreadyExists", "\(kind.rawValue) \"\(name)\" already exists")
    }
}

/// One wrong field of a request.
public struct Violation: Sendable, Equatable, Codable {
    /// The field's path, e.g. `url` or `events[2]`.
    public var field: String
    /// What is wrong with it.
    public var description: String

    public init(field: String, description: String) {
        self.field = field
        self.description = description
    }
}

/// The resources hookd names in errors.
public enum ResourceKind: String, Sendable {
    case account
    case eventType = "event type"
    case webhook
    case event
    case delivery

    /// The form used in reason symbols: `EventType`.
    public var symbol: String {
        switch self {
        case .account: "Account"
        case .eventType: "EventType"
        case .webhook: "Webhook"
        case .event: "Event"
        case .delivery: "Delivery"
        }
    }
}

/// gRPC's canonical status names, which hookd uses for `error.data.status`.
public enum ErrorStatus: String, Sendable, Codable, CaseIterable {
    case invalidArgument = "INVALID_ARGUMENT"
    case deadlineExceeded = "DEADLINE_EXCEEDED"
    case notFound = "NOT_FOUND"
    case alreadyExists = "ALREADY_EXISTS"
    case permissionDenied = "PERMISSION_DENIED"
    case resourceExhausted = "RESOURCE_EXHAUSTED"
    case failedPrecondition = "FAILED_PRECONDITION"
    case aborted = "ABORTED"
    case unimplemented = "UNIMPLEMENTED"
    case `internal` = "INTERNAL"
    case unavailable = "UNAVAILABLE"

    /// gRPC's numeric code for the status; JSON-RPC application errors use `-32000 - code`.
    public var grpcCode: Int {
        switch self {
        case .invalidArgument: 3
        case .deadlineExceeded: 4
        case .notFound: 5
        case .alreadyExists: 6
        case .permissionDenied: 7
        case .resourceExhausted: 8
        case .failedPrecondition: 9
        case .aborted: 10
        case .unimplemented: 12
        case .internal: 13
        case .unavailable: 14
        }
    }
}

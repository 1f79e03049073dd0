import HookdCore

/// The errors of the socket API as the OpenRPC document lists them: JSON-RPC's own codes and
/// one application error per status (`-32000 - gRPC code`), each with the stable reasons
/// hookd gives in `data.reason`.
public enum APIErrors {
    /// What any method may answer: bad params, a role too low, a passed `timeoutMs`, a storage
    /// fault, a bug.
    public static let common: [ErrorStatus] = [
        .invalidArgument, .permissionDenied, .deadlineExceeded, .unavailable, .internal,
    ]

    /// The reasons hookd answers with, by status (`NOT_FOUND` and `ALREADY_EXISTS` name the
    /// kind of resource: `hookd.WebhookNotFound`); a status hookd does not give yet has none.
    public static let reasons: [ErrorStatus: [String]] = [
        .invalidArgument: ["hookd.InvalidArgument", "hookd.InvalidParams", "hookd.AmbiguousWebhook"],
        .deadlineExceeded: ["hookd.DeadlineExceeded"],
        .notFound: resourceSymbols.map { "hookd.\($0)NotFound" },
        .alreadyExists: resourceSymbols.map { "hookd.\($0)AlreadyExists" },
        .failedPrecondition: [
            "hookd.AccountHasWebhooks", "hookd.AdoptionRefused", "hookd.CursorExpired", "hookd.DeliveryInProgress",
            "hookd.EventTypeExampleInvalid", "hookd.EventTypeInUse", "hookd.EventTypeReserved",
            "hookd.EventTypeSchemaInvalid", "hookd.PlanLimitExceeded", "hookd.PlanMismatch", "hookd.StalePlan",
            "hookd.WebhookDisabled",
        ],
        .internal: ["hookd.Internal"],
        .permissionDenied: ["hookd.NoRole", "hookd.RoleRequired"],
        .resourceExhausted: ["hookd.TooManyClients", "hookd.FrameTooLarge", "hookd.TooManyWatches"],
        .unavailable: ["hookd.StorageFull", "hookd.StorageReadOnly", "hookd.ShuttingDown", "hookd.IdleTimeout"],
    ]

    /// The resource kinds as reasons name them.
    private static let resourceSymbols = ["Account", "EventType", "Webhook", "Event", "Delivery"]

    /// JSON-RPC's standard errors, as hookd fills their `data`.
    public static let protocolErrors: [(code: Int, name: String, message: String, status: ErrorStatus, reason: String)] = [
        (-32700, "ParseError", "Parse error: not valid JSON", .invalidArgument, "hookd.ParseError"),
        (-32600, "InvalidRequest", "Invalid Request", .invalidArgument, "hookd.InvalidRequest"),
        (-32601, "MethodNotFound", "Method not found", .notFound, "hookd.MethodNotFound"),
        (-32602, "InvalidParams", "Invalid params", .invalidArgument, "hookd.InvalidParams"),
        (-32603, "InternalError", "Internal error", .internal, "hookd.Internal"),
    ]

    /// The name an application error of `status` has in `components/errors`.
    public static func name(of status: ErrorStatus) -> String {
        status.rawValue.split(separator: "_").map { $0.prefix(1) + $0.dropFirst().lowercased() }.joined()
    }
}

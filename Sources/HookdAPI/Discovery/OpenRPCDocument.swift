import Foundation
import HookdCore

/// The socket API described as an OpenRPC 1.3 document, derived from the method descriptors
/// and the schemas of their types: what `rpc.discover` answers and `schemas/openrpc.json`
/// holds (`scripts/generate-openrpc` writes it; a test fails when it is out of date).
public enum OpenRPCDocument {
    /// The method that answers with this document.
    public static let discoverMethod = "rpc.discover"

    /// The document for hookd `version`.
    public static func make(version: String = HookdVersion.current) -> JSONValue {
        var components: [String: JSONValue] = [:]
        for type in componentTypes {
            guard let name = type.apiSchemaName else { continue }
            components[name] = type.apiSchema
        }
        components["ErrorData"] = errorDataSchema
        return [
            "openrpc": "1.3.2",
            "info": [
                "title": "hookd socket API",
                "version": .string(version),
                "description": .string(description),
                "license": ["name": "See the hookd repository"],
            ],
            "methods": .array(APIMethods.all.map(method)),
            "components": ["schemas": .object(components), "errors": .object(errors)],
        ]
    }

    /// The document as `schemas/openrpc.json` holds it: keys sorted, indented, one newline
    /// at the end.
    public static func text(version: String = HookdVersion.current) throws -> String {
        String(decoding: try JSONCoding.prettyEncoder.encode(make(version: version)), as: UTF8.self) + "\n"
    }

    private static let description = """
        JSON-RPC 2.0 over a Unix socket, one message per line. Params are passed by name; unknown \
        params are refused. Application errors use -32000 minus the gRPC code of data.status, and \
        data.reason is a stable symbol. x-hookd-role is the least role a caller needs (reader, \
        operator, admin); x-hookd-kind says how calls are scheduled (barrier: alone, in order; \
        pipelined: admitted in order, answered as each completes; watch: answered, then notifications \
        on the same connection, listed under x-hookd-notifications).
        """

    /// Every named type the methods' schemas refer to.
    private static var componentTypes: [any APISchemaDescribed.Type] {
        [
            Account.self, AccountPlan.self, AccountCreateParams.self, PlanParams.self,
            EventType.self, Event.self, EventInput.self, EventDetail.self, PublishedEvent.self, PublishBatchResult.self,
            PublishResult.self, Delivery.self, Attempt.self, DeliveryDetail.self,
            WebhookView.self, WebhookTestResult.self, WebhookSecretResult.self, WebhookTestFilterResult.self,
            WebhookRecoverResult.self, RateLimit.self, WebhookSignatureSettings.self,
            DaemonStatusResult.self, ResourceCounts.self, ClusterNode.self, HealthResult.self, DeletedResult.self,
            DesiredState.self, AccountSpec.self, EventTypeSpec.self, WebhookSpec.self,
            ConfigurationPlan.self, ResourceChange.self, FieldChange.self, ManifestApplyResult.self, AuditEntry.self,
            DeliveryWatchStarted.self, DeliveryWatchNotice.self, EventWatchStarted.self, EventWatchNotice.self,
            WatchEndNotice.self, WatchCancelResult.self,
        ]
    }

    /// One method: its params by name (OpenRPC content descriptors), result, errors, role.
    private static func method(_ method: AnyAPIMethod) -> JSONValue {
        var params: [JSONValue] = []
        if case .object(let schema) = method.paramsSchema, case .object(let properties)? = schema["properties"] {
            var required: Set<String> = []
            if case .array(let names)? = schema["required"] { required = Set(names.compactMap(\.stringValue)) }
            for name in properties.keys.sorted() {
                params.append(["name": .string(name), "required": .bool(required.contains(name)), "schema": properties[name]!])
            }
        }
        var members: [String: JSONValue] = [
            "name": .string(method.name),
            "summary": .string(method.summary),
            "paramStructure": "by-name",
            "params": .array(params),
            "result": ["name": .string(method.resultName), "schema": method.resultSchema],
            "errors": .array(errorReferences(method.errors)),
            "x-hookd-role": .string(method.role.rawValue),
            "x-hookd-kind": .string(method.kind.rawValue),
        ]
        if !method.details.isEmpty { members["description"] = .string(method.details) }
        if !method.notifications.isEmpty {
            members["x-hookd-notifications"] = .array(
                method.notifications.map {
                    ["name": .string($0.name), "summary": .string($0.summary), "params": $0.paramsSchema]
                })
        }
        return .object(members)
    }

    /// References to the method's errors: JSON-RPC's invalid params, the common ones, its own.
    private static func errorReferences(_ statuses: [ErrorStatus]) -> [JSONValue] {
        var seen: Set<ErrorStatus> = []
        let all = (APIErrors.common + statuses).filter { seen.insert($0).inserted }
        let names = ["InvalidParams"] + ErrorStatus.allCases.filter(all.contains).map(APIErrors.name)
        return names.map { ["$ref": .string("#/components/errors/\($0)")] }
    }

    /// Every error: JSON-RPC's own, and one application error per status.
    private static var errors: [String: JSONValue] {
        var errors: [String: JSONValue] = [:]
        for error in APIErrors.protocolErrors {
            errors[error.name] = [
                "code": .int(Int64(error.code)), "message": .string(error.message),
                "data": ["status": .string(error.status.rawValue), "reasons": [.string(error.reason)]],
            ]
        }
        for status in ErrorStatus.allCases {
            errors[APIErrors.name(of: status)] = [
                "code": .int(Int64(-32000 - status.grpcCode)), "message": .string(status.rawValue),
                "data": [
                    "status": .string(status.rawValue),
                    "reasons": .array((APIErrors.reasons[status] ?? []).map { .string($0) }),
                ],
            ]
        }
        return errors
    }

    /// The shape of every error's `data`.
    private static let errorDataSchema = APISchema.object(
        "An error's data: a gRPC status name, a stable reason, and for bad input every violation.",
        required: [
            "status": APISchema.oneOf(ErrorStatus.allCases.map(\.rawValue)),
            "reason": APISchema.string("A stable symbol, e.g. `hookd.WebhookNotFound`."),
        ],
        optional: [
            "violations": APISchema.array(
                APISchema.object(
                    "One problem with the input.",
                    required: ["field": APISchema.string("e.g. `events[3].data/amount`."), "description": APISchema.string()]))
        ])
}

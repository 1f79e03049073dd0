import HookdCore

extension EmptyParams: APISchemaDescribed {
    /// No members.
    public static var apiSchema: JSONValue { APISchema.object("No params.") }
}

extension NameParams: APISchemaDescribed {
    /// `{name}`.
    public static var apiSchema: JSONValue {
        APISchema.object("Names one account or event type.", required: ["name": APISchema.string()])
    }
}

extension IdParams: APISchemaDescribed {
    /// `{id}`.
    public static var apiSchema: JSONValue {
        APISchema.object("Names one event or delivery by id.", required: ["id": APISchema.string()])
    }
}

extension DeletedResult: APISchemaDescribed {
    /// `{name, deleted}`.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "What was deleted.",
            required: ["name": APISchema.string("As the caller named it."), "deleted": APISchema.boolean()])
    }
}

extension ResourceCounts: APISchemaDescribed {
    /// Counts by resource; deliveries by status.
    public static var apiSchema: JSONValue {
        let count = APISchema.integer(minimum: 0)
        return APISchema.object(
            "How many of each resource the store holds.",
            required: [
                "accounts": count, "eventTypes": count, "webhooks": count, "events": count,
                "deliveries": APISchema.map(count, "By status; every status present."),
            ])
    }
}

extension DaemonStatusResult: APISchemaDescribed {
    /// What `Daemon.Status` answers.
    public static var apiSchema: JSONValue {
        let count = APISchema.integer(minimum: 0)
        return APISchema.object(
            "What is running, where, and how much it holds.",
            required: [
                "version": APISchema.string(), "pid": APISchema.integer(), "startedAt": APISchema.dateTime(),
                "uptimeSeconds": count, "socket": APISchema.string(), "dataDir": APISchema.string(),
                "store": APISchema.oneOf(["sqlite", "postgres"]), "allowInsecureTargets": APISchema.boolean(),
                "queued": APISchema.integer("Deliveries the engine holds in memory waiting for their time.", minimum: 0),
                "inFlight": APISchema.integer("Attempts under way.", minimum: 0),
                "counts": APISchema.reference(ResourceCounts.self),
            ],
            optional: [
                "durability": APISchema.oneOf(["full", "normal"]),
                "allowedTargets": APISchema.array(APISchema.string(), "`--allow-target` ranges as CIDR."),
                "queuedRetries": count, "inFlightRetries": count,
                "maxRequestBytes": APISchema.integer(
                    "The longest request read in one call, in bytes (`--max-request-bytes`).", minimum: 1),
                "nodeId": APISchema.string("This daemon's node id (`--node-id`)."),
                "nodes": APISchema.array(
                    APISchema.reference(ClusterNode.self), "Every daemon on the store, by node id."),
            ])
    }
}

extension ClusterNode: APISchemaDescribed {
    /// One daemon on the store.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A daemon listed in the store as a holder of work.",
            required: [
                "id": APISchema.string("Its node id."), "startedAt": APISchema.dateTime(),
                "heartbeatAt": APISchema.dateTime("When it last said it was alive."),
                "alive": APISchema.boolean("Whether its heartbeat is fresh; a dead node's work goes to the others."),
                "held": APISchema.integer("Deliveries it holds.", minimum: 0),
            ])
    }
}

extension HealthResult: APISchemaDescribed {
    /// What `Daemon.Health` answers.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "Whether the daemon serves and its store takes writes.",
            required: ["status": APISchema.oneOf(["ok", "degraded"])],
            optional: [
                "reason": APISchema.string("The storage fault's reason when degraded."),
                "cause": APISchema.string("What is wrong and what to do, when degraded."),
            ])
    }
}

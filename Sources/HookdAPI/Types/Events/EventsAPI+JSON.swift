import HookdCore

/// `Events.Publish` is the hot path: clients write its params directly, the daemon reads them
/// straight from the parsed request, writes its answers directly, and clients read those
/// straight from the parsed answer,
/// each equal to what the `Codable` conformances give (`EventsJSONTests` holds them equal).
extension EventInput: ClosedJSONValueReadable {
    static let members: Set<String> = ["account", "type", "data", "id", "traceparent", "tracestate"]

    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        try members.only(Self.members)
        // `data: null` decodes as `.null` (the service then says it must be an object).
        guard let data = members["data"] else { throw JSONShapeError() }
        self.init(
            account: try members.required("account").string(), type: try members.required("type").string(),
            data: data, id: try members.optional("id")?.string(),
            traceparent: try members.optional("traceparent")?.string(),
            tracestate: try members.optional("tracestate")?.string())
    }
}

extension EventPublishParams: ClosedJSONValueReadable {
    static let members: Set<String> = ["account", "type", "data", "id", "traceparent", "tracestate", "events"]

    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        try members.only(Self.members)
        self.init(batch: [])
        account = try members.optional("account")?.string()
        type = try members.optional("type")?.string()
        data = members.optional("data")
        id = try members.optional("id")?.string()
        traceparent = try members.optional("traceparent")?.string()
        tracestate = try members.optional("tracestate")?.string()
        events = try members.optional("events")?.list(of: EventInput.self)
    }
}

extension PublishedEvent: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("deliveries")
            writer.write(Int64(deliveries))
            writer.key("duplicate")
            writer.write(duplicate)
            writer.key("event")
            try event.write(to: &writer)
        }
    }
}

extension PublishBatchResult: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("events")
            try writer.writeArray { writer in
                for published in events { try published.write(to: &writer) }
            }
        }
    }
}

extension PublishedEvent: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            event: try Event(json: try members.required("event")), deliveries: try members.required("deliveries").int(),
            duplicate: try members.required("duplicate").bool())
    }
}

extension PublishBatchResult: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        self.init(events: try json.members().required("events").list(of: PublishedEvent.self))
    }
}

extension PublishResult: JSONValueReadable {
    /// Either shape, told apart as the decoder tells them: a batch's answer has `events`.
    public init(json: JSONValue) throws(JSONShapeError) {
        if try json.members()["events"] != nil {
            self = .batch(try PublishBatchResult(json: json))
        } else {
            self = .single(try PublishedEvent(json: json))
        }
    }
}

extension EventInput: CanonicalJSONWritable {
    /// Members in sorted order, absent optionals left out, as the encoder writes them.
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("account")
            writer.write(account)
            writer.key("data")
            try writer.write(data)
            writer.member("id", id)
            writer.member("traceparent", traceparent)
            writer.member("tracestate", tracestate)
            writer.key("type")
            writer.write(type)
        }
    }
}

extension EventPublishParams: CanonicalJSONWritable {
    /// Members in sorted order, absent optionals left out, as the encoder writes them.
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.member("account", account)
            if let data {
                writer.key("data")
                try writer.write(data)
            }
            if let events {
                writer.key("events")
                try writer.writeArray { writer in
                    for event in events { try event.write(to: &writer) }
                }
            }
            writer.member("id", id)
            writer.member("traceparent", traceparent)
            writer.member("tracestate", tracestate)
            writer.member("type", type)
        }
    }
}

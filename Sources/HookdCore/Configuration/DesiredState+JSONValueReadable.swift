/// A desired state read from a parsed request as its `Decodable` conformance would
/// (`DesiredStateJSONTests` holds the two equal): a manifest apply sends thousands of
/// webhooks. A member added to one of these types must be added here.
extension DesiredState: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            accounts: try members.required("accounts").list(of: AccountSpec.self),
            eventTypes: try members.required("eventTypes").list(of: EventTypeSpec.self),
            webhooks: try members.required("webhooks").list(of: WebhookSpec.self))
    }
}

extension AccountSpec: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            name: try members.required("name").string(), maxWebhooks: try members.optional("maxWebhooks")?.int(),
            eventTypes: try members.optional("eventTypes")?.strings())
    }
}

extension EventTypeSpec: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            name: try members.required("name").string(), description: try members.optional("description")?.string(),
            schema: members.optional("schema"), example: members.optional("example"))
    }
}

extension WebhookSpec: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            account: try members.required("account").string(), name: try members.required("name").string(),
            url: try members.required("url").string(), enabled: try members.optional("enabled")?.bool(),
            events: try members.required("events").strings(), secret: try members.optional("secret")?.string(),
            timeout: try members.optional("timeout")?.string(), retry: try members.optional("retry")?.strings(),
            rateLimit: try members.optional("rateLimit")?.int(), headers: try members.optional("headers")?.stringMap(),
            description: try members.optional("description")?.string(),
            labels: try members.optional("labels")?.stringMap(), ordering: try members.optional("ordering")?.string(),
            signature: try members.optional("signature").map { json throws(JSONShapeError) in
                try WebhookSignatureSettings(json: json)
            },
            filter: members.optional("filter"))
    }
}

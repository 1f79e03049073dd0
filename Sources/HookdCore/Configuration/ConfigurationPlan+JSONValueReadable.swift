/// The plan types read from a parsed reply as their `Decodable` conformances would
/// (`ConfigurationPlanJSONTests` holds the two equal); a member added to one of these
/// types must be added here.
extension ConfigurationPlan: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            stateRevision: try members.required("stateRevision").int64(), prune: try members.required("prune").bool(),
            changes: try members.required("changes").list(of: ResourceChange.self),
            digest: try members.required("digest").string())
    }
}

extension ResourceChange: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        guard let action = ChangeAction(rawValue: try members.required("action").string()),
            let kind = ConfigurationKind(rawValue: try members.required("kind").string())
        else { throw JSONShapeError() }
        let key = ResourceKey(
            kind: kind, account: try members.optional("account")?.string(), name: try members.required("name").string())
        self.init(
            action: action, key: key, fields: try members.required("fields").list(of: FieldChange.self),
            drift: try members.optional("drift")?.string(), adopt: try members.optional("adopt")?.bool())
    }
}

extension FieldChange: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            field: try members.required("field").string(), old: members.optional("old"), new: members.optional("new"),
            added: try members.optional("added")?.strings(), removed: try members.optional("removed")?.strings(),
            sensitive: try members.optional("sensitive")?.bool())
    }
}

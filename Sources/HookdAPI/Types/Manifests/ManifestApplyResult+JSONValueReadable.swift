import HookdCore

/// An apply's reply, read from the parsed line as its `Decodable` conformance would.
extension ManifestApplyResult: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            plan: try ConfigurationPlan(json: members.required("plan")),
            applied: try members.required("applied").bool(),
            stateRevision: try members.required("stateRevision").int64())
    }
}

import HookdCore

/// The params of `Manifests.Plan` and `Manifests.Apply`, read from the parsed request as
/// their `Decodable` conformances would (`ManifestParamsJSONTests` holds them equal).
extension ManifestPlanParams: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            desired: try DesiredState(json: members.required("desired")), prune: try members.optional("prune")?.bool())
    }
}

extension ManifestApplyParams: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        self.init(
            desired: try DesiredState(json: members.required("desired")), prune: try members.optional("prune")?.bool(),
            dryRun: try members.optional("dryRun")?.bool(),
            expectedRevision: try members.optional("expectedRevision")?.int64(),
            expectedDigest: try members.optional("expectedDigest")?.string(), adopt: try members.optional("adopt")?.bool())
    }
}

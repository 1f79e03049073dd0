/// An event read straight from a parsed answer (`Events.Publish` answers carry one per
/// event), equal to what its `Decodable` conformance gives; members it does not know are
/// ignored, as the decoder ignores them.
extension Event: JSONValueReadable {
    public init(json: JSONValue) throws(JSONShapeError) {
        let members = try json.members()
        guard let data = members["data"], let timestamp = Timestamp.parse(try members.required("timestamp").string())
        else { throw JSONShapeError() }
        self.init(
            id: try members.required("id").string(), account: try members.required("account").string(),
            type: try members.required("type").string(), timestamp: timestamp, data: data,
            traceparent: try members.optional("traceparent")?.string(),
            tracestate: try members.optional("tracestate")?.string())
    }
}

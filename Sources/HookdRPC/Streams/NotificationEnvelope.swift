/// A JSON-RPC notification as the server sends it: a method and params, no id.
struct NotificationEnvelope<Params: Encodable>: Encodable {
    let jsonrpc = "2.0"
    var method: String
    var params: Params
}

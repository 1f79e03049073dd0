import Foundation
import HookdCore

/// One request as `hookctl listen` received it.
struct ListenRequest: Sendable {
    var method: String
    var uri: String
    /// Header values by lowercased name (repeats joined by `, `).
    var headers: [String: String]
    var body: Data

    /// The body as JSON, when it is JSON.
    var json: JSONValue? { try? JSONValue.parse(body) }

    /// What identifies the delivery across its retries: `webhook-id`, else the envelope's
    /// `event_id` (an `hmac-sha256` webhook may send no `webhook-id`).
    var deliveryKey: String? {
        if let id = headers["webhook-id"] { return id }
        if case .object(let members) = json, case .string(let id) = members["event_id"] { return id }
        return nil
    }
}

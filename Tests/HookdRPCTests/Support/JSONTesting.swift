import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Logging
import NIOCore

extension RPCRouter {
    /// Sends one raw frame through the router and parses what comes back.
    func answer(_ frame: String, peer: PeerCredentials? = nil, logger: Logger = quietLogger) async throws -> JSONValue? {
        guard
            let response = await respond(
                to: ByteBuffer(string: frame), context: RPCContext(peer: peer, logger: logger))
        else { return nil }
        return try JSONValue.parse(Data(response.readableBytesView))
    }
}

extension JSONValue {
    /// `error.code` of a response.
    var errorCode: Int64? {
        guard case .int(let code)? = self["error"]?["code"] else { return nil }
        return code
    }

    /// `error.message` of a response.
    var errorMessage: String? { self["error"]?["message"]?.stringValue }

    /// `error.data.status` of a response.
    var errorStatus: String? { self["error"]?["data"]?["status"]?.stringValue }

    /// `error.data.reason` of a response.
    var errorReason: String? { self["error"]?["data"]?["reason"]?.stringValue }

    /// `error.data.violations` as `field: description` pairs.
    var violations: [String: String]? {
        guard case .array(let items)? = self["error"]?["data"]?["violations"] else { return nil }
        var result: [String: String] = [:]
        for item in items {
            if let field = item["field"]?.stringValue, let description = item["description"]?.stringValue {
                result[field] = description
            }
        }
        return result
    }

    /// The elements of an array.
    var arrayValue: [JSONValue]? {
        if case .array(let items) = self { return items }
        return nil
    }
}

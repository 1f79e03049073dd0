import Foundation
import HookdCore
import Logging
import NIOCore

/// The method table of the socket API and the JSON-RPC 2.0 semantics around it: requests,
/// notifications, batches, params checking and error mapping.
///
/// A value type built before the server starts, so the table can be shared by every
/// connection without locking.
public struct RPCRouter: Sendable {
    private var handlers: [String: MethodHandler] = [:]

    /// An empty table.
    public init() {}

    /// Registers the handler of one API method.
    ///
    /// The handler only runs with params that decoded cleanly and have no member the
    /// params type lacks a property for (property names must equal JSON keys); otherwise the
    /// caller gets -32602 with the violations. It may throw `HookdError` to answer with an
    /// application error; any other error becomes -32603 and is logged, not sent.
    public mutating func register<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        _ method: RPCMethod, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        register(name: method.rawValue, handler)
    }

    /// Registers a handler under a name outside ``RPCMethod`` (such as `rpc.discover`).
    public mutating func register<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        name: String, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        precondition(handlers[name] == nil, "RPC method \(name) registered twice")
        handlers[name] = MethodHandler(method: name, handler)
    }

    /// The registered method names, sorted.
    public var methodNames: [String] {
        handlers.keys.sorted()
    }

    /// Handles one received frame: a single request or a batch, without its newline.
    ///
    /// Returns the response bytes (without newline), or `nil` when nothing is to be sent:
    /// for a notification and for a batch of notifications. Batch members run one after the
    /// other, in order, so a batch behaves like the same requests sent one by one.
    public func respond(to frame: ByteBuffer, context: RPCContext) async -> ByteBuffer? {
        let document: JSONValue
        do {
            // The one-pass reader gives the decoder's value or none (then the decoder reads
            // the frame, with its own verdict): a manifest apply sends megabytes.
            document = try JSONValueReader.read(frame.readableBytesView)
                ?? JSONCoding.decoder.decode(JSONValue.self, from: Data(frame.readableBytesView))
        } catch {
            // Foundation's decoder says no more than "not valid JSON", so neither do we.
            return RPCResponse(id: .null, error: .parseError).serialized
        }
        guard case .array(let members) = document else {
            return await respond(toRequest: document, context: context)?.serialized
        }
        guard !members.isEmpty else {
            return RPCResponse(id: .null, error: .invalidRequest("empty batch")).serialized
        }
        var responses: [RPCResponse] = []
        for member in members {
            if let response = await respond(toRequest: member, context: context) {
                responses.append(response)
            }
        }
        return responses.isEmpty ? nil : RPCResponse.serialized(batch: responses)
    }

    /// Handles one request object; `nil` for a notification.
    private func respond(toRequest value: JSONValue, context: RPCContext) async -> RPCResponse? {
        let request: RPCRequest
        do {
            request = try RPCRequest(value)
        } catch {
            return RPCResponse(id: error.id, error: error.error)
        }
        let outcome = await dispatch(request, context: context)
        guard let id = request.id else {
            // JSON-RPC forbids answering notifications, even with an error; leave a trace.
            if case .error(let error) = outcome {
                context.logger.debug(
                    "RPC notification failed",
                    metadata: ["rpc_method": "\(request.method)", "rpc_error": "\(error.message)"])
            }
            return nil
        }
        return RPCResponse(id: id, outcome)
    }

    private func dispatch(_ request: RPCRequest, context: RPCContext) async -> RPCResponse.Outcome {
        guard let handler = handlers[request.method] else {
            return .error(.methodNotFound(request.method))
        }
        var params: [String: JSONValue]
        switch request.params {
        case .none:
            params = [:]
        case .byName(let members):
            params = members
        case .byPosition:
            return .error(.paramsNotAnObject)
        }
        let deadline: Duration?
        do {
            deadline = try RequestTimeout.extract(from: &params)
        } catch {
            return .error(.invalidParams(error.violations))
        }
        return await handler(params, deadline: deadline, context: context)
    }
}

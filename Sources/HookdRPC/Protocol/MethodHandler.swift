import Foundation
import HookdCore
import Logging

/// A registered method with its params and result types erased: takes by-name params,
/// gives back the outcome to send.
struct MethodHandler: Sendable {
    private let invoke: @Sendable ([String: JSONValue], Duration?, RPCContext) async -> RPCResponse.Outcome

    /// Wraps a typed handler: decodes and checks params, runs it (within `deadline` if given)
    /// and maps what it throws to JSON-RPC errors.
    init<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        method: String, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        invoke = { members, deadline, context in
            let params: Params
            do throws(InvalidParams) {
                params = try ParamsDecoder.decode(Params.self, from: members)
            } catch {
                return .error(.invalidParams(error.violations))
            }
            do {
                let result: Result
                if let deadline {
                    result = try await Deadline.run(within: deadline) { try await handler(params, context) }
                } else {
                    result = try await handler(params, context)
                }
                return .result(try Self.encode(result))
            } catch let error as HookdError {
                return .error(.application(error))
            } catch is Deadline.Exceeded {
                return .error(.deadlineExceeded(milliseconds: deadline?.milliseconds ?? 0))
            } catch {
                // Not the caller's fault and not for the caller's eyes: log it, answer -32603.
                context.logger.error(
                    "RPC handler failed",
                    metadata: ["rpc_method": "\(method)", "error": "\(String(reflecting: error))"])
                return .error(.internalError)
            }
        }
    }

    /// The result's canonical JSON; results that write it themselves (large plans) do.
    private static func encode(_ result: some Encodable) throws -> Data {
        if let writable = result as? any CanonicalJSONWritable { return try writable.canonicalJSON() }
        return try JSONCoding.canonicalEncoder.encode(result)
    }

    /// Runs the method for one request.
    func callAsFunction(
        _ params: [String: JSONValue], deadline: Duration?, context: RPCContext
    ) async -> RPCResponse.Outcome {
        await invoke(params, deadline, context)
    }
}

extension Duration {
    /// Whole milliseconds, for messages.
    fileprivate var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}

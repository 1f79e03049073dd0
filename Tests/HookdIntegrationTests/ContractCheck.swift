import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdSchema
import HookdTesting
import Testing

/// Calls methods of a real daemon and holds every answer to the result schema the daemon's
/// own `rpc.discover` document gives for it, recording which methods were checked.
final class ContractCheck {
    let client: RPCClient
    let schemas: ContractSchemas
    private(set) var checked: Set<String> = []

    init(client: RPCClient, document: JSONValue) throws {
        self.client = client
        schemas = try ContractSchemas(document)
    }

    /// Calls `method`, validates the raw answer against its result schema and returns it typed.
    @discardableResult
    func call<Params, Result>(_ method: APIMethod<Params, Result>, _ params: Params) async throws -> Result {
        let raw = try await client.call(name: method.name, params, as: JSONValue.self)
        let violations = try schemas.result(of: method.name).validate(raw)
        #expect(violations.isEmpty, "\(method.name) answered outside its schema: \(violations) in \(raw)")
        checked.insert(method.name)
        return try JSONCoding.decoder.decode(Result.self, from: raw.canonicalData())
    }
}

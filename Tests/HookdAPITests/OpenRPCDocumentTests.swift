import Foundation
import HookdAPI
import HookdCore
import HookdSchema
import HookdTesting
import Testing

/// The OpenRPC document is derived from the descriptors, checked in up to date, and made of
/// schemas hookd's own engine compiles.
struct OpenRPCDocumentTests {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("schemas/openrpc.json is exactly what the descriptors generate (run scripts/generate-openrpc)")
    func checkedInIsCurrent() throws {
        let file = Self.root.appendingPathComponent("schemas/openrpc.json")
        let checkedIn = try String(contentsOf: file, encoding: .utf8)
        let generated = try OpenRPCDocument.text()
        #expect(checkedIn == generated, "schemas/openrpc.json is out of date: run scripts/generate-openrpc")
    }

    @Test("the document lists every described method once, with its params by name, result, errors and role")
    func methods() throws {
        let document = OpenRPCDocument.make()
        #expect(document["openrpc"] == "1.3.2")
        guard case .array(let methods)? = document["methods"] else { Issue.record("no methods"); return }
        let names = methods.compactMap { $0["name"]?.stringValue }
        #expect(names == APIMethods.all.map(\.name))
        #expect(Set(names).count == names.count)
        for method in methods {
            let name = method["name"]?.stringValue ?? "?"
            #expect(method["paramStructure"] == "by-name", "\(name)")
            #expect(method["result"]?["schema"] != nil, "\(name)")
            #expect(APIRole(rawValue: method["x-hookd-role"]?.stringValue ?? "") != nil, "\(name)")
            guard case .array(let errors)? = method["errors"] else { Issue.record("\(name): no errors"); continue }
            #expect(errors.contains(["$ref": "#/components/errors/InvalidParams"]), "\(name)")
        }
        let get = try #require(methods.first { $0["name"] == "Webhooks.Get" })
        guard case .array(let params)? = get["params"] else { Issue.record("no params"); return }
        #expect(params.count == 1)
        #expect(params.first?["name"] == "webhook")
        #expect(params.first?["required"] == true)
        #expect(get["result"]?["schema"] == ["$ref": "#/components/schemas/WebhookView"])
        #expect(get["x-hookd-role"] == "reader")
        guard case .array(let errors)? = get["errors"] else { Issue.record("no errors"); return }
        #expect(errors.contains(["$ref": "#/components/errors/NotFound"]))
    }

    @Test("every error carries its status and the reasons hookd gives; application codes are -32000 minus the gRPC code")
    func errors() throws {
        let errors = try #require(OpenRPCDocument.make()["components"]?["errors"])
        #expect(errors["NotFound"]?["code"] == .int(-32005))
        #expect(errors["NotFound"]?["data"]?["status"] == "NOT_FOUND")
        guard case .array(let notFound)? = errors["NotFound"]?["data"]?["reasons"],
            case .array(let unavailable)? = errors["Unavailable"]?["data"]?["reasons"]
        else { Issue.record("no reasons"); return }
        #expect(notFound.contains("hookd.WebhookNotFound"))
        #expect(unavailable.contains("hookd.StorageFull"))
        #expect(errors["InvalidParams"]?["code"] == .int(-32602))
    }

    @Test("every result and params schema compiles with hookd's JSON Schema engine, every $ref resolving")
    func schemasCompile() throws {
        let schemas = try ContractSchemas(OpenRPCDocument.make())
        #expect(schemas.methodNames == Set(APIMethods.all.map(\.name)))
        for method in APIMethods.all {
            _ = try schemas.result(of: method.name)
            _ = try schemas.compile(method.paramsSchema)
        }
    }

    @Test("a value of the type passes its schema; one with an unknown or mistyped member fails")
    func schemasBite() throws {
        let schema = try ContractSchemas(OpenRPCDocument.make()).result(of: "Accounts.Get")
        let account = try JSONValue.parse(JSONCoding.canonicalEncoder.encode(Account(name: "acc_1", createdAt: Date())))
        #expect(schema.validate(account).isEmpty, "\(schema.validate(account))")
        var members = try #require(account.objectValue)
        members["surprise"] = true
        #expect(!schema.validate(.object(members)).isEmpty)
        members["surprise"] = nil
        members["managed"] = "yes"
        #expect(!schema.validate(.object(members)).isEmpty)
        members["managed"] = false
        members["createdAt"] = "yesterday"
        #expect(!schema.validate(.object(members)).isEmpty)
    }
}

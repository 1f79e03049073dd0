import Foundation
import HookdCore

/// Reads the `metadata` and `spec` of one manifest document into a `DeclaredResource`,
/// checking field names and types; the rules on values (URL policy, durations, plan
/// limits) are `DesiredStateValidator`'s.
struct ResourceDecoder {
    /// The folder relative `$ref` and `fromFile` paths are read from.
    var baseDirectory: URL
    var reader = FieldReader()

    static let topLevelFields = ["apiVersion", "kind", "metadata", "spec"]

    init(baseDirectory: URL) {
        self.baseDirectory = baseDirectory
    }

    /// The resource, or `nil` when the document is too broken to say what it declares.
    mutating func decode(_ document: ManifestDocument, _ value: JSONValue) -> DeclaredResource? {
        let root = FieldPath()
        _ = reader.object(value, at: root, allowed: Self.topLevelFields)
        let metadataPath = root.appending("metadata")
        let metadataFields = document.kind == .webhook ? ["name", "account", "labels"] : ["name"]
        let metadata = reader.object(value["metadata"], at: metadataPath, allowed: metadataFields) ?? [:]
        let specPath = root.appending("spec")
        switch document.kind {
        case .account:
            return account(name: document.name, spec: value["spec"], at: specPath)
        case .eventType:
            return eventType(name: document.name, spec: value["spec"], at: specPath)
        case .webhook:
            return webhook(name: document.name, metadata: metadata, metadataPath: metadataPath, spec: value["spec"], at: specPath)
        }
    }

    private mutating func account(name: String, spec: JSONValue?, at path: FieldPath) -> DeclaredResource {
        let members = reader.object(spec, at: path, allowed: ["plan"]) ?? [:]
        let planPath = path.appending("plan")
        let plan = reader.object(members["plan"], at: planPath, allowed: ["maxWebhooks", "eventTypes"]) ?? [:]
        let maxWebhooks = reader.integer(plan["maxWebhooks"], at: planPath.appending("maxWebhooks"))
        let eventTypes = reader.strings(plan["eventTypes"], at: planPath.appending("eventTypes"))
        return .account(AccountSpec(name: name, maxWebhooks: maxWebhooks, eventTypes: eventTypes))
    }

    private mutating func eventType(name: String, spec: JSONValue?, at path: FieldPath) -> DeclaredResource {
        let members = reader.object(spec, at: path, allowed: ["description", "schema", "example"]) ?? [:]
        let description = reader.string(members["description"], at: path.appending("description"))
        var schema: JSONValue?
        if let given = members["schema"], given != .null {
            schema = self.schema(given, at: path.appending("schema"))
        }
        let example = members["example"].flatMap { $0 == .null ? nil : $0 }
        return .eventType(EventTypeSpec(name: name, description: description, schema: schema, example: example))
    }

    /// The schema inline, or read from the file a lone `$ref` names (relative to the
    /// manifest); `$ref`s to `#...` stay as they are.
    private mutating func schema(_ value: JSONValue, at path: FieldPath) -> JSONValue? {
        guard case .object(let members) = value else {
            reader.problem(path, "\(path) must be a JSON Schema mapping or { $ref: FILE }, got \(value.typeName)")
            return nil
        }
        guard members.count == 1, case .string(let reference)? = members["$ref"], !reference.hasPrefix("#") else {
            return value
        }
        let refPath = path.appending("$ref")
        let url = URL(fileURLWithPath: reference, relativeTo: baseDirectory).standardizedFileURL
        let data: Data
        do {
            data = try ReferencedFile.read(url.path, maximumBytes: ManifestBounds.standard.maximumBytes)
        } catch {
            reader.problem(refPath, "schema file \(url.path) \(error.description)")
            return nil
        }
        do {
            let schema = try JSONValue.parse(data)
            guard schema.objectValue != nil else {
                reader.problem(refPath, "schema file \(url.path) must hold a JSON object, got \(schema.typeName)")
                return nil
            }
            return schema
        } catch {
            reader.problem(refPath, "schema file \(url.path) is not valid JSON")
            return nil
        }
    }

    private mutating func webhook(
        name: String, metadata: [String: JSONValue], metadataPath: FieldPath, spec: JSONValue?, at path: FieldPath
    ) -> DeclaredResource? {
        let account = reader.string(metadata["account"], at: metadataPath.appending("account"))
        if metadata["account"] == nil || metadata["account"] == .null {
            reader.problem(metadataPath, "missing metadata.account (the account that owns the webhook)")
        }
        let labels = reader.stringMap(metadata["labels"], at: metadataPath.appending("labels"))
        let fields = [
            "url", "enabled", "events", "secret", "timeout", "retry", "rateLimit", "headers", "description", "ordering",
            "signature", "filter",
        ]
        let members = reader.object(spec, at: path, allowed: fields, required: ["url", "events"], what: "spec") ?? [:]
        let url = reader.string(members["url"], at: path.appending("url"))
        let enabled = reader.bool(members["enabled"], at: path.appending("enabled"))
        let events = reader.strings(members["events"], at: path.appending("events"))
        let secret = secretSource(members["secret"], at: path.appending("secret"))
        let timeout = reader.string(members["timeout"], at: path.appending("timeout"), hint: " (a duration such as 10s)")
        let retryPath = path.appending("retry")
        let retry = reader.object(members["retry"], at: retryPath, allowed: ["schedule"]).flatMap {
            reader.strings($0["schedule"], at: retryPath.appending("schedule"), hint: " (a duration such as 5m)")
        }
        let ratePath = path.appending("rateLimit")
        let rateLimit = reader.object(members["rateLimit"], at: ratePath, allowed: ["perSecond"]).flatMap {
            reader.integer($0["perSecond"], at: ratePath.appending("perSecond"))
        }
        let headers = reader.stringMap(members["headers"], at: path.appending("headers"))
        let description = reader.string(members["description"], at: path.appending("description"))
        let ordering = reader.string(members["ordering"], at: path.appending("ordering"))
        let signature = signatureSettings(members["signature"], at: path.appending("signature"))
        var filter: JSONValue?
        if let given = members["filter"], given != .null {
            if given.objectValue == nil {
                reader.problem(path.appending("filter"), "spec.filter must be a mapping, got \(given.typeName)")
            } else {
                filter = given
            }
        }
        guard let account, let url, let events else { return nil }
        let spec = WebhookSpec(
            account: account, name: name, url: url, enabled: enabled, events: events, timeout: timeout, retry: retry,
            rateLimit: rateLimit, headers: headers, description: description, labels: labels, ordering: ordering,
            signature: signature, filter: filter)
        return .webhook(spec, secret: secret)
    }

    /// `spec.signature`: the members' types here, their values in `WebhookFields.signature(_:)`.
    private mutating func signatureSettings(_ value: JSONValue?, at path: FieldPath) -> WebhookSignatureSettings? {
        let allowed = ["scheme", "header", "encoding", "prefix", "standardHeaders"]
        guard let members = reader.object(value, at: path, allowed: allowed) else { return nil }
        return WebhookSignatureSettings(
            scheme: reader.string(members["scheme"], at: path.appending("scheme"), hint: " (standard-webhooks or hmac-sha256)"),
            header: reader.string(members["header"], at: path.appending("header")),
            encoding: reader.string(members["encoding"], at: path.appending("encoding"), hint: " (hex or base64)"),
            prefix: reader.string(members["prefix"], at: path.appending("prefix")),
            standardHeaders: reader.bool(members["standardHeaders"], at: path.appending("standardHeaders")))
    }

    private mutating func secretSource(_ value: JSONValue?, at path: FieldPath) -> SecretSource? {
        guard let value, value != .null else { return nil }
        if case .string = value {
            reader.problem(
                path, "\(path) must not hold the secret itself (keep secrets out of git); use { fromEnv: NAME } or { fromFile: PATH }")
            return nil
        }
        guard let members = reader.object(value, at: path, allowed: ["fromEnv", "fromFile"]) else { return nil }
        let environment = reader.string(members["fromEnv"], at: path.appending("fromEnv"))
        let file = reader.string(members["fromFile"], at: path.appending("fromFile"))
        switch (environment, file) {
        case (let name?, nil) where !name.isEmpty: return .environment(name)
        case (nil, let file?) where !file.isEmpty:
            return .file(URL(fileURLWithPath: file, relativeTo: baseDirectory).standardizedFileURL.path)
        case (.some, .some):
            reader.problem(path, "\(path) takes exactly one of fromEnv and fromFile")
        default:
            if members.keys.contains(where: { ["fromEnv", "fromFile"].contains($0) }) {
                reader.problem(path, "\(path) names an empty variable or file")
            } else {
                reader.problem(path, "\(path) needs fromEnv: NAME or fromFile: PATH")
            }
        }
        return nil
    }
}

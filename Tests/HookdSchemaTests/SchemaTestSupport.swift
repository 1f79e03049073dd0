import Foundation
import HookdCore
import HookdSchema

/// Parses JSON text the way the daemon reads it off the wire.
func json(_ text: String) throws -> JSONValue {
    try JSONValue.parse(Data(text.utf8))
}

/// Compiles a schema written as JSON text.
func schema(_ text: String) throws -> JSONSchema {
    try JSONSchema(try json(text))
}

/// The violations of `instance` (JSON text) as `path: message` lines, the way an operator reads them.
func problems(_ schema: JSONSchema, _ instance: String) throws -> [String] {
    schema.validate(try json(instance)).map(\.description)
}

/// True when `instance` (JSON text) satisfies `schema`; checks `accepts` agrees with `validate`.
func valid(_ schema: JSONSchema, _ instance: String) throws -> Bool {
    let value = try json(instance)
    let accepted = schema.accepts(value)
    precondition(accepted == schema.validate(value).isEmpty, "accepts and validate disagree on \(instance)")
    return accepted
}

/// The error compiling `text` gives, or `nil` when it compiles.
func compileError(_ text: String) throws -> JSONSchemaError? {
    let value = try json(text)
    do {
        _ = try JSONSchema(value)
        return nil
    } catch {
        return error
    }
}

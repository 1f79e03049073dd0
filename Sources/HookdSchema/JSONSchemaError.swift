import HookdCore

/// Why a schema cannot be compiled: where in the schema, and what is wrong there.
public struct JSONSchemaError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A JSON Pointer into the schema: `""` for the root, `/properties/amount/minimum`.
    public var schemaPath: String
    /// What is wrong, for the schema's author: `must be a number, got string`.
    public var message: String

    public init(schemaPath: String, message: String) {
        self.schemaPath = schemaPath
        self.message = message
    }

    /// `/properties/amount/minimum: must be a number, got string`; the root shows as `/`.
    public var description: String {
        "\(schemaPath.isEmpty ? "/" : schemaPath): \(message)"
    }
}

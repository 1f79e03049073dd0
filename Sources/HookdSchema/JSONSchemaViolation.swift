import HookdCore

/// One way an instance fails a schema: where, and what is wrong there.
public struct JSONSchemaViolation: Sendable, Equatable, CustomStringConvertible {
    /// A JSON Pointer to the failing value: `""` for the root, `/amount`, `/items/0/sku`.
    public var instancePath: String
    /// What is wrong, for an operator: `must be a number, got string`.
    public var message: String

    public init(instancePath: String, message: String) {
        self.instancePath = instancePath
        self.message = message
    }

    /// `/amount: must be a number, got string`; the root shows as `/`.
    public var description: String {
        "\(instancePath.isEmpty ? "/" : instancePath): \(message)"
    }
}

/// An OpenRPC document that cannot be read as ``ContractSchemas``.
public struct ContractSchemaError: Error, CustomStringConvertible {
    /// What is missing or wrong.
    public let description: String

    init(_ description: String) { self.description = description }
}

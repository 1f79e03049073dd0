import HookdCore

/// A type the API document describes: the JSON Schema of its JSON form on the wire.
///
/// Every params and result type of an ``APIMethod`` conforms, so `schemas/openrpc.json` and
/// `rpc.discover` are derived from the same types the daemon and clients use; the contract
/// test validates real answers against these schemas.
public protocol APISchemaDescribed {
    /// The JSON Schema (2020-12) of the type's JSON form.
    static var apiSchema: JSONValue { get }
    /// The name the OpenRPC document files the schema under (`components/schemas`), or
    /// `nil` to write it inline wherever it is used.
    static var apiSchemaName: String? { get }
}

extension APISchemaDescribed {
    /// Named after the type.
    public static var apiSchemaName: String? { String(describing: Self.self) }
}

extension Array: APISchemaDescribed where Element: APISchemaDescribed {
    /// An array of the element's schema.
    public static var apiSchema: JSONValue { APISchema.array(APISchema.reference(Element.self)) }
    /// Written inline.
    public static var apiSchemaName: String? { nil }
}

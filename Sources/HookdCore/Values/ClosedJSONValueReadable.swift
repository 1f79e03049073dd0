/// A `JSONValueReadable` type whose reader also refuses every member it has no property
/// for, so a caller need not look for unknown fields after reading it (the publish path
/// skips that reflective check). A refused value is read again through the decoder,
/// which names each problem.
public protocol ClosedJSONValueReadable: JSONValueReadable {}

extension Dictionary where Key == String, Value == JSONValue {
    /// Throws when a key is not one of `known`.
    public func only(_ known: Set<String>) throws(JSONShapeError) {
        for key in keys where !known.contains(key) { throw JSONShapeError() }
    }
}

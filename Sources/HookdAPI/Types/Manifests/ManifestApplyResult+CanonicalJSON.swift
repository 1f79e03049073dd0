import HookdCore

/// An apply's reply carries the whole plan: written directly rather than through
/// `JSONEncoder` (same bytes; `ManifestApplyResultJSONTests` holds them equal).
extension ManifestApplyResult: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("applied")
            writer.write(applied)
            writer.key("plan")
            try plan.write(to: &writer)
            writer.key("stateRevision")
            writer.write(stateRevision)
        }
    }
}

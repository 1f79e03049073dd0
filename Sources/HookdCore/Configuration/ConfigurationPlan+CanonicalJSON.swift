/// The plan types write their canonical JSON themselves: the same bytes as their `Codable`
/// conformances through `JSONCoding.canonicalEncoder` (members in sorted key order, `nil`
/// members left out), without its per-value cost. `ConfigurationPlanJSONTests` holds
/// the two to the same output; a member added to one of these types must be added here.
extension ConfigurationPlan: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("changes")
            try Self.write(changes, to: &writer)
            writer.key("digest")
            writer.write(digest)
            writer.key("prune")
            writer.write(prune)
            writer.key("stateRevision")
            writer.write(stateRevision)
        }
    }

    /// Writes `changes` as a JSON array.
    static func write(_ changes: [ResourceChange], to writer: inout CanonicalJSONWriter) throws {
        try writer.writeArray { writer in
            for change in changes { try change.write(to: &writer) }
        }
    }
}

extension ResourceChange: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            if let account {
                writer.key("account")
                writer.write(account)
            }
            writer.key("action")
            writer.write(action.rawValue)
            if let adopt {
                writer.key("adopt")
                writer.write(adopt)
            }
            if let drift {
                writer.key("drift")
                writer.write(drift)
            }
            writer.key("fields")
            try writer.writeArray { writer in
                for field in fields { try field.write(to: &writer) }
            }
            writer.key("kind")
            writer.write(kind.rawValue)
            writer.key("name")
            writer.write(name)
        }
    }
}

extension FieldChange: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            if let added {
                writer.key("added")
                writer.write(added)
            }
            writer.key("field")
            writer.write(field)
            if let new {
                writer.key("new")
                try writer.write(new)
            }
            if let old {
                writer.key("old")
                try writer.write(old)
            }
            if let removed {
                writer.key("removed")
                writer.write(removed)
            }
            if let sensitive {
                writer.key("sensitive")
                writer.write(sensitive)
            }
        }
    }
}

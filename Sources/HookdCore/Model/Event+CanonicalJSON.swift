/// Events in answers (each published event comes back to its producer) are written
/// directly rather than through `JSONEncoder`: the same bytes, keys sorted.
extension Event: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("account")
            writer.write(account)
            writer.key("data")
            try writer.write(data)
            writer.key("id")
            writer.write(id)
            writer.key("timestamp")
            writer.write(Timestamp.format(timestamp))
            writer.member("traceparent", traceparent)
            writer.member("tracestate", tracestate)
            writer.key("type")
            writer.write(type)
        }
    }
}

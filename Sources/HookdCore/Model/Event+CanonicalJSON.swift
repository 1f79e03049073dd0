/// Events in answers (each published event comes back to its producer) are written
/// directly rather than through `JSONEncoder`: the same bytes, keys sorted. `data` is
/// copied as the canonical JSON publishing already wrote for it, when there is some.
extension Event: CanonicalJSONWritable {
    public func write(to writer: inout CanonicalJSONWriter) throws {
        try writer.writeObject { writer in
            writer.key("account")
            writer.write(account)
            writer.key("data")
            if let writtenData {
                writer.writeRaw(json: writtenData)
            } else {
                try writer.write(data)
            }
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

import Foundation
import HookdCore
import Logging

/// Writes one JSON object per log line to stderr: `{"ts","level","label","msg", ...metadata}`,
/// for log shippers.
public struct JSONLogHandler: LogHandler {
    public var logLevel: Logger.Level = .info
    public var metadata: Logger.Metadata = [:]
    private let label: String

    public init(label: String) {
        self.label = label
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var object: [String: JSONValue] = [
            "ts": .string(Timestamp.format(Date())), "level": .string(event.level.rawValue),
            "label": .string(label), "msg": .string(event.message.description),
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { _, new in new }) {
            object[key] = .string(value.description)
        }
        guard var line = try? JSONValue.object(object).canonicalData() else { return }
        line.append(UInt8(ascii: "\n"))
        FileHandle.standardError.write(line)
    }
}

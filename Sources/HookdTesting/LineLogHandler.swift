import Logging

/// A log handler that hands each line, with its level, to `write`: how tests read what an
/// operator would, instead of a terminal.
public struct LineLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .trace
    private let write: @Sendable (Logger.Level, String) -> Void

    /// A handler at trace level that gives every line's level and message to `write`.
    public init(_ write: @escaping @Sendable (Logger.Level, String) -> Void) {
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        write(event.level, event.message.description)
    }
}

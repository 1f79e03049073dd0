import Logging

/// Keeps every line a logger writes, with its level, so a test can check (and await) what
/// an operator would read.
final class RecordedLog: Sendable {
    /// One logged line.
    struct Line: Sendable, Equatable {
        var level: Logger.Level
        var message: String
    }

    /// Every line so far, in order.
    let watch = StateWatch<[Line]>([])

    var lines: [Line] { watch.state }

    /// A logger, at `level` and above, that writes here.
    func logger(level: Logger.Level = .trace) -> Logger {
        var logger = Logger(label: "test") { _ in Handler(log: self) }
        logger.logLevel = level
        return logger
    }

    private struct Handler: LogHandler {
        let log: RecordedLog
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let line = Line(level: event.level, message: event.message.description)
            log.watch.change { $0.append(line) }
        }
    }
}

import HookdTesting
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

    /// A logger at trace level that writes here.
    var logger: Logger {
        Logger(label: "test") { _ in
            LineLogHandler { level, message in self.watch.change { $0.append(Line(level: level, message: message)) } }
        }
    }
}

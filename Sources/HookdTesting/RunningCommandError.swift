/// A running command that did not print what a test waited for.
public struct RunningCommandError: Error, CustomStringConvertible {
    /// What was awaited, and what it printed instead.
    public let description: String
}

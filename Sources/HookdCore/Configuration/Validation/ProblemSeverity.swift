/// How much a problem found in a desired state matters.
public enum ProblemSeverity: String, Sendable, Codable {
    /// Stops validate, diff and apply.
    case error
    /// Only reported.
    case warning
}

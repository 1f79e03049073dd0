/// There is no hookd store where one was named (a file that does not exist, a database no
/// hookd ever ran on); nothing was made there.
public struct MissingStoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file or database (its password hidden).
    public let place: String

    /// No store at `place`.
    public init(place: String) {
        self.place = place
    }

    public var description: String { "no hookd store at \(place)" }
}

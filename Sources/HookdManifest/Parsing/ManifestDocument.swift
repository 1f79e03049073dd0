import HookdCore
import Yams

/// One YAML document of a manifest file: a resource declared as `apiVersion`, `kind`,
/// `metadata` and `spec`, with where it was written.
///
/// Not `Sendable`: it holds the Yams node tree, which is not.
public struct ManifestDocument {
    /// The file it came from (`-` for stdin).
    public var file: String
    /// Where the document starts.
    public var position: SourcePosition
    public var apiVersion: String
    public var kind: ManifestKind
    /// `metadata.name`.
    public var name: String
    /// `metadata.account` (webhooks only).
    public var account: String?
    /// The whole document, with source marks, for the kind's own validation.
    public var node: Node
}

/// The resource kinds a manifest may declare.
public typealias ManifestKind = ConfigurationKind

/// A line and column in a manifest file, both starting at 1.
public struct SourcePosition: Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var column: Int

    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }

    init(_ mark: Mark?) {
        self.init(line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    public var description: String { "\(line):\(column)" }
}

/// A problem found in a manifest, located as `file:line:column: message`.
public struct ManifestDiagnostic: Error, Sendable, Equatable, CustomStringConvertible {
    /// Errors stop validate, diff and apply; warnings are only reported.
    public typealias Severity = ProblemSeverity

    public var severity: Severity
    public var file: String
    public var position: SourcePosition
    public var message: String

    public init(severity: Severity = .error, file: String, position: SourcePosition, message: String) {
        self.severity = severity
        self.file = file
        self.position = position
        self.message = message
    }

    /// `file:line:column: message`, with `warning: ` before the message of a warning.
    public var description: String {
        "\(file):\(position): " + (severity == .warning ? "warning: " : "") + message
    }
}

import HookdCore

/// `hookctl validate -o json`: diagnostics shaped like terraform's.
public struct DiagnosticsReport: Sendable, Codable, Equatable {
    public struct Diagnostic: Sendable, Codable, Equatable {
        public var severity: String
        public var summary: String
        public var detail: String
        public var range: Range
    }

    public struct Range: Sendable, Codable, Equatable {
        public var filename: String
        public var start: Position
        public var end: Position
    }

    public struct Position: Sendable, Codable, Equatable {
        public var line: Int
        public var column: Int
    }

    public var valid: Bool
    public var errorCount: Int
    public var warningCount: Int
    public var diagnostics: [Diagnostic]

    public init(_ diagnostics: [ManifestDiagnostic]) {
        errorCount = diagnostics.count { $0.severity == .error }
        warningCount = diagnostics.count { $0.severity == .warning }
        valid = errorCount == 0
        self.diagnostics = diagnostics.map { diagnostic in
            let position = Position(line: diagnostic.position.line, column: diagnostic.position.column)
            return Diagnostic(
                severity: diagnostic.severity.rawValue, summary: Self.summary(of: diagnostic.message),
                detail: diagnostic.message,
                range: Range(filename: diagnostic.file, start: position, end: position))
        }
    }

    /// The message up to its first clause, as a one-line title.
    static func summary(of message: String) -> String {
        let cut = message.firstRange(of: "; ").map { String(message[..<$0.lowerBound]) } ?? message
        return cut.prefix(1).uppercased() + cut.dropFirst()
    }
}

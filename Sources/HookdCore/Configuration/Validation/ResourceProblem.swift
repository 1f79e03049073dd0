
/// A problem with one declared resource (or with the set as a whole when `key` is `nil`),
/// at a field of its manifest.
public struct ResourceProblem: Sendable, Equatable, CustomStringConvertible {
    public var key: ResourceKey?
    public var path: FieldPath
    public var message: String
    public var severity: ProblemSeverity

    public init(_ key: ResourceKey?, _ path: String, _ message: String, severity: ProblemSeverity = .error) {
        self.key = key
        self.path = FieldPath(parsing: path)
        self.message = message
        self.severity = severity
    }

    /// How the daemon names the field in an error's violations: `Webhook acc_1/crm spec.url`.
    public var field: String {
        [key?.description, path.description.isEmpty ? nil : path.description].compactMap { $0 }.joined(separator: " ")
    }

    /// Reads `field` back, so a client can point at the manifest line the daemon objects to.
    public static func locate(field: String) -> (key: ResourceKey, path: FieldPath)? {
        let parts = field.split(separator: " ", maxSplits: 2).map(String.init)
        guard parts.count >= 2, let kind = ConfigurationKind(rawValue: parts[0]) else { return nil }
        let names = parts[1].split(separator: "/", maxSplits: 1).map(String.init)
        let key =
            names.count == 2 && kind == .webhook
            ? ResourceKey(kind: kind, account: names[0], name: names[1]) : ResourceKey(kind: kind, name: parts[1])
        return (key, FieldPath(parsing: parts.count == 3 ? parts[2] : ""))
    }

    public var description: String { "\(field): \(message)" }
}

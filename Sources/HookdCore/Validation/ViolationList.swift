/// Collects every problem of a request so the caller hears about all of them at once.
public struct ViolationList: Sendable {
    public private(set) var violations: [Violation] = []

    public init() {}

    /// Notes that `field` is wrong.
    public mutating func add(_ field: String, _ description: String) {
        violations.append(Violation(field: field, description: description))
    }

    /// Notes several problems found elsewhere, e.g. by a schema.
    public mutating func add(_ found: [Violation]) {
        violations += found
    }

    /// Runs a parse that throws `HookdError`, keeping its violations and returning `nil` on
    /// failure.
    public mutating func collect<T>(_ field: String, _ parse: () throws(HookdError) -> T) -> T? {
        do {
            return try parse()
        } catch {
            if error.violations.isEmpty {
                add(field, error.message)
            } else {
                violations += error.violations
            }
            return nil
        }
    }

    /// Throws one `INVALID_ARGUMENT` error listing everything collected, if anything was.
    public func check(_ summary: String) throws(HookdError) {
        guard !violations.isEmpty else { return }
        let details = violations.map { "\($0.field): \($0.description)" }.joined(separator: "; ")
        throw .invalidArgument("\(summary): \(details)", violations: violations)
    }
}

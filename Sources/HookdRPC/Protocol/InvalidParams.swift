import HookdCore

/// Params that do not fit a method: every problem found, field by field.
struct InvalidParams: Error {
    var violations: [Violation]

    init(_ violations: [Violation]) {
        self.violations = violations
    }

    init(field: String, _ description: String) {
        self.init([Violation(field: field, description: description)])
    }
}

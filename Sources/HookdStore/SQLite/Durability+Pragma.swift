import HookdCore

extension Durability {
    /// The `PRAGMA synchronous` value that gives it.
    var synchronousPragma: String {
        switch self {
        case .full: "FULL"
        case .normal: "NORMAL"
        }
    }
}

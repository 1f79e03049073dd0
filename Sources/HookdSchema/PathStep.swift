import HookdCore

/// A step from a value to one of its members, for building instance paths cheaply while
/// walking and rendering them only when something fails.
enum PathStep: Sendable {
    case key(String)
    case index(Int)

    /// The steps as a JSON Pointer: `/items/0/sku`.
    static func pointer(_ steps: [PathStep]) -> String {
        steps.reduce(into: "") { text, step in
            switch step {
            case .key(let key): text += "/" + JSONPointer.escape(key)
            case .index(let index): text += "/\(index)"
            }
        }
    }
}


/// Where a value sits inside a manifest document: `spec.events[1]`, `metadata.labels.team`.
public struct FieldPath: Sendable, Hashable, CustomStringConvertible {
    /// One step: a mapping key or a sequence index.
    public enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    public var components: [Component]

    public init(_ components: [Component] = []) {
        self.components = components
    }

    /// Reads the dotted form back (`spec.events[1]`); keys containing dots are taken
    /// segment by segment, which still locates their parent.
    public init(parsing text: String) {
        var components: [Component] = []
        for segment in text.split(separator: ".", omittingEmptySubsequences: true) {
            var rest = Substring(segment)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { components.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        components.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else {
                components.append(.key(String(rest)))
            }
        }
        self.components = components
    }

    /// The path one step further in.
    public func appending(_ key: String) -> FieldPath { FieldPath(components + [.key(key)]) }
    public func appending(index: Int) -> FieldPath { FieldPath(components + [.index(index)]) }

    public var description: String {
        var text = ""
        for component in components {
            switch component {
            case .key(let key): text += text.isEmpty ? key : ".\(key)"
            case .index(let index): text += "[\(index)]"
            }
        }
        return text
    }
}

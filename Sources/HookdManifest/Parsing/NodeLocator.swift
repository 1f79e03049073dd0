import HookdCore
import Yams

extension ManifestDocument {
    /// The position of the value at `path`, or of the deepest part of it that exists (a
    /// missing field is reported where its parent is). With `key: true` a mapping entry is
    /// located at its key rather than its value, which reads better for unknown fields.
    public func position(of path: FieldPath, key: Bool = false) -> SourcePosition {
        var current = node
        var found = SourcePosition(node.mark)
        for (offset, component) in path.components.enumerated() {
            let isLast = offset == path.components.count - 1
            switch component {
            case .key(let name):
                guard let mapping = current.mapping,
                    let entry = mapping.first(where: { $0.key.string == name })
                else { return found }
                found = SourcePosition((isLast && key ? entry.key : entry.value).mark ?? entry.key.mark)
                current = entry.value
            case .index(let index):
                guard let sequence = current.sequence, sequence.indices.contains(index) else { return found }
                let item = sequence[sequence.index(sequence.startIndex, offsetBy: index)]
                found = SourcePosition(item.mark)
                current = item
            }
        }
        return found
    }
}

import Yams

extension Node.Mapping {
    /// The tags a key may carry and still be the string it reads as: none, `!` and `!!str`.
    private static let stringKeyTags: Set<String> = [Tag.Name.implicit.rawValue, "!", Tag.Name.str.rawValue]

    /// The value of the entry whose key is the string `key`, as `mapping[key]` finds it (the
    /// last such entry), without building a key node and resolving its tag for every
    /// comparison.
    func value(of key: String) -> Node? {
        for index in indices.reversed() {
            let entry = self[index]
            if case .scalar(let scalar) = entry.key, scalar.string == key,
                Self.stringKeyTags.contains(scalar.tag.rawValue)
            {
                return entry.value
            }
        }
        return nil
    }
}

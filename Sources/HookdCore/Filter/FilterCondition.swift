/// One test of the value at a dot-separated path inside an event's `data`.
public struct FilterCondition: Sendable, Hashable {
    /// The path as written (`card.type`); relative to `data`.
    public let path: String
    public let test: FilterTest
    /// The path's segments: member names, or indexes into arrays (split once: the condition
    /// runs for every published event of the webhook's types).
    public let segments: [String]

    public init(path: String, test: FilterTest) {
        self.path = path
        self.test = test
        self.segments = path.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
    }

    /// The value at the path, or `nil` when there is none.
    public func value(in data: JSONValue) -> JSONValue? {
        var current = data
        for segment in segments {
            switch current {
            case .object(let members):
                guard let next = members[segment] else { return nil }
                current = next
            case .array(let items):
                guard let index = Int(segment), items.indices.contains(index) else { return nil }
                current = items[index]
            default:
                return nil
            }
        }
        return current
    }

    func holds(for data: JSONValue) -> Bool {
        test.holds(for: value(in: data))
    }

    func verdict(for data: JSONValue) -> FilterVerdict {
        let value = value(in: data)
        let holds = test.holds(for: value)
        let shown = value.map(FilterTest.text) ?? "absent"
        let subject = value == nil ? "\(path) is absent" : "\(path) is \(shown)"
        return FilterVerdict(matches: holds, reason: subject + (holds ? ", " : ", not ") + test.description)
    }

    /// The condition in its manifest/API form.
    public var json: JSONValue {
        .object(["path": .string(path), test.operatorName: test.operand])
    }
}

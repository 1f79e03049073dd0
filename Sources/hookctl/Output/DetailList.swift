/// A `Label:  value` block, labels padded so values line up, as `kubectl describe` prints.
///
/// Values may span lines (continuation lines line up under the first); a section nests
/// another list two spaces in.
struct DetailList: Sendable {
    private enum Entry: Sendable {
        case field(String, String)
        case section(String, DetailList)
        case block(String, String)
    }

    private var entries: [Entry] = []

    init() {}

    /// Adds `label: value`.
    mutating func add(_ label: String, _ value: String) {
        entries.append(.field(label, value))
    }

    /// Adds `label: value` only when there is a value.
    mutating func add(_ label: String, ifPresent value: String?) {
        if let value, !value.isEmpty { add(label, value) }
    }

    /// Adds `label:` with a nested list under it.
    mutating func add(_ label: String, section: DetailList) {
        entries.append(.section(label, section))
    }

    /// Adds `label:` with free text (JSON, a response body) indented under it.
    mutating func add(_ label: String, block text: String) {
        entries.append(.block(label, text))
    }

    func render() -> String {
        render(indent: "").joined(separator: "\n")
    }

    private func render(indent: String) -> [String] {
        let width =
            entries.map { entry -> Int in
                if case .field(let label, _) = entry { return label.count + 1 }
                return 0
            }.max() ?? 0
        var lines: [String] = []
        for entry in entries {
            switch entry {
            case .field(let label, let value):
                let head = indent + (label + ":").padding(to: width) + "  "
                let valueLines = value.split(separator: "\n", omittingEmptySubsequences: false)
                lines.append(head + (valueLines.first.map(String.init) ?? ""))
                let continuation = String(repeating: " ", count: head.count)
                lines += valueLines.dropFirst().map { continuation + $0 }
            case .section(let label, let list):
                lines.append(indent + label + ":")
                lines += list.render(indent: indent + "  ")
            case .block(let label, let text):
                lines.append(indent + label + ":")
                lines += text.split(separator: "\n", omittingEmptySubsequences: false).map { indent + "  " + $0 }
            }
        }
        return lines
    }
}

extension String {
    /// The string padded with spaces to `width` characters.
    func padding(to width: Int) -> String {
        count >= width ? self : self + String(repeating: " ", count: width - count)
    }
}

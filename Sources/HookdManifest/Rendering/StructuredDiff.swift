import HookdCore

/// A structured value (a JSON Schema, an example, headers) as indented YAML lines, or the
/// difference of two such values showing only what changed: each line is marked `+`
/// (added), `-` (removed) or ` ` (the keys leading to a change).
///
/// ```
///       properties:
///         amount:
///     -     minimum: 0
///     +     minimum: 1
/// ```
///
/// Scalars are written as JSON (`"text"`, `1.5`, `null`), which YAML reads the same, so a
/// string never passes for a number.
enum StructuredDiff {
    /// One output line: its mark, its depth and its text.
    struct Line: Equatable {
        var mark: Character
        var depth: Int
        var text: String

        /// The line as printed under a plan's field (`indent` spaces first).
        func rendered(indent: Int) -> String {
            String(repeating: " ", count: indent) + String(mark) + " " + String(repeating: "  ", count: depth) + text
        }
    }

    /// The lines that turn `old` into `new`: unchanged members are left out, members that
    /// changed inside are entered, anything else is shown removed and added.
    static func lines(from old: JSONValue, to new: JSONValue, depth: Int = 0) -> [Line] {
        switch (old, new) {
        case (.object(let before), .object(let after)):
            var lines: [Line] = []
            for key in Set(before.keys).union(after.keys).sorted() {
                switch (before[key], after[key]) {
                case (nil, let added?):
                    lines += member(key, added, mark: "+", depth: depth)
                case (let removed?, nil):
                    lines += member(key, removed, mark: "-", depth: depth)
                case (let removed?, let added?) where removed != added:
                    if isContainer(removed), isContainer(added), removed.typeName == added.typeName {
                        lines.append(Line(mark: " ", depth: depth, text: "\(text(key)):"))
                        lines += self.lines(from: removed, to: added, depth: depth + 1)
                    } else {
                        lines += member(key, removed, mark: "-", depth: depth) + member(key, added, mark: "+", depth: depth)
                    }
                default:
                    continue
                }
            }
            return lines
        case (.array(let before), .array(let after)):
            let removed = before.filter { !after.contains($0) }
            let added = after.filter { !before.contains($0) }
            // Items only moved: show the two orders whole.
            guard !removed.isEmpty || !added.isEmpty else {
                return item(old, mark: "-", depth: depth) + item(new, mark: "+", depth: depth)
            }
            return removed.flatMap { item($0, mark: "-", depth: depth) } + added.flatMap { item($0, mark: "+", depth: depth) }
        default:
            return item(old, mark: "-", depth: depth) + item(new, mark: "+", depth: depth)
        }
    }

    /// `value` written whole as indented YAML, every line marked `mark`.
    static func block(_ value: JSONValue, mark: Character = " ", depth: Int = 0) -> [Line] {
        switch value {
        case .object(let members) where !members.isEmpty:
            return members.keys.sorted().flatMap { member($0, members[$0]!, mark: mark, depth: depth) }
        case .array(let items) where !items.isEmpty:
            return items.flatMap { item($0, mark: mark, depth: depth) }
        default:
            return [Line(mark: mark, depth: depth, text: PlanRenderer.text(value))]
        }
    }

    /// `key: value`, or `key:` with the value's lines one level deeper.
    private static func member(_ key: String, _ value: JSONValue, mark: Character, depth: Int) -> [Line] {
        guard isContainer(value), !isEmptyContainer(value) else {
            return [Line(mark: mark, depth: depth, text: "\(text(key)): \(scalarText(value))")]
        }
        return [Line(mark: mark, depth: depth, text: "\(text(key)):")] + block(value, mark: mark, depth: depth + 1)
    }

    /// `- value`, or `-` with the value's lines one level deeper.
    private static func item(_ value: JSONValue, mark: Character, depth: Int) -> [Line] {
        guard isContainer(value), !isEmptyContainer(value) else {
            return [Line(mark: mark, depth: depth, text: "- \(scalarText(value))")]
        }
        return [Line(mark: mark, depth: depth, text: "-")] + block(value, mark: mark, depth: depth + 1)
    }

    private static func scalarText(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .object: "{}"
        case .array: "[]"
        default: PlanRenderer.text(value)
        }
    }

    /// A key as YAML reads it back: bare when plain text would, else JSON-quoted.
    private static func text(_ key: String) -> String {
        let plain = !key.isEmpty && key.allSatisfy { $0.isLetter || $0.isNumber || "_-.$".contains($0) }
        return plain && ScalarStyle.readsAsString(key) ? key : PlanRenderer.text(.string(key))
    }

    private static func isContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }

    private static func isEmptyContainer(_ value: JSONValue) -> Bool {
        switch value {
        case .object(let members): members.isEmpty
        case .array(let items): items.isEmpty
        default: false
        }
    }
}

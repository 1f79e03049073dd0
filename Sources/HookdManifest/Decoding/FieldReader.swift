import HookdCore

/// A problem at a place in one manifest document.
public struct FieldProblem: Sendable, Equatable {
    public var path: FieldPath
    public var message: String
    /// Report at the mapping key (unknown fields) rather than at the value.
    public var atKey: Bool
    public var severity: ManifestDiagnostic.Severity

    public init(_ path: FieldPath, _ message: String, atKey: Bool = false, severity: ManifestDiagnostic.Severity = .error) {
        self.path = path
        self.message = message
        self.atKey = atKey
        self.severity = severity
    }
}

/// Reads typed fields out of a document's JSON value, noting every wrong type, missing
/// required field and unknown field (with a "did you mean") instead of stopping at the
/// first.
struct FieldReader {
    private(set) var problems: [FieldProblem] = []

    mutating func problem(_ path: FieldPath, _ message: String, atKey: Bool = false) {
        problems.append(FieldProblem(path, message, atKey: atKey))
    }

    /// The members of the object at `path`; unknown keys and missing required ones are
    /// reported. `nil` when the value is absent (and not required) or not an object.
    mutating func object(
        _ value: JSONValue?, at path: FieldPath, allowed: [String], required: [String] = [], what: String? = nil
    ) -> [String: JSONValue]? {
        guard let value, value != .null else {
            if !required.isEmpty { problem(path, "\(what ?? path.description) is required") }
            return nil
        }
        guard case .object(let members) = value else {
            problem(path, "\(path) must be a mapping, got \(value.typeName)")
            return nil
        }
        for key in members.keys.sorted() where !allowed.contains(key) {
            problem(path.appending(key), Self.unknownField(key, at: path, allowed: allowed), atKey: true)
        }
        for key in required where members[key] == nil || members[key] == .null {
            problem(path, "missing \(path.appending(key))")
        }
        return members
    }

    mutating func string(_ value: JSONValue?, at path: FieldPath, hint: String = "") -> String? {
        guard let value, value != .null else { return nil }
        guard case .string(let text) = value else {
            problem(path, "\(path) must be a string\(hint), got \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue?, at path: FieldPath) -> Bool? {
        guard let value, value != .null else { return nil }
        guard case .bool(let flag) = value else {
            problem(path, "\(path) must be true or false, got \(value.typeName)")
            return nil
        }
        return flag
    }

    mutating func integer(_ value: JSONValue?, at path: FieldPath) -> Int? {
        guard let value, value != .null else { return nil }
        switch value {
        case .int(let number) where number >= Int64(Int.min) && number <= Int64(Int.max): return Int(number)
        case .double(let number) where number.rounded() == number && abs(number) < 1e15: return Int(number)
        default:
            problem(path, "\(path) must be a whole number, got \(value.typeName)")
            return nil
        }
    }

    mutating func strings(_ value: JSONValue?, at path: FieldPath, hint: String = "") -> [String]? {
        guard let value, value != .null else { return nil }
        guard case .array(let items) = value else {
            problem(path, "\(path) must be a list, got \(value.typeName)")
            return nil
        }
        var texts: [String] = []
        var valid = true
        for (index, item) in items.enumerated() {
            if let text = string(item, at: path.appending(index: index), hint: hint) { texts.append(text) } else { valid = false }
        }
        return valid ? texts : nil
    }

    mutating func stringMap(_ value: JSONValue?, at path: FieldPath) -> [String: String]? {
        guard let value, value != .null else { return nil }
        guard case .object(let members) = value else {
            problem(path, "\(path) must be a mapping of names to strings, got \(value.typeName)")
            return nil
        }
        var map: [String: String] = [:]
        var valid = true
        for (key, item) in members.sorted(by: { $0.key < $1.key }) {
            if let text = string(item, at: path.appending(key), hint: " (quote it)") { map[key] = text } else { valid = false }
        }
        return valid ? map : nil
    }

    /// `unknown field "urll" in spec (did you mean "url"?)`.
    static func unknownField(_ key: String, at path: FieldPath, allowed: [String]) -> String {
        let place = path.components.isEmpty ? "the document" : "\(path)"
        var message = "unknown field \"\(key)\" in \(place)"
        if let best = Suggestions.closest(to: key, among: allowed) {
            message += " (did you mean \"\(best)\"?)"
        } else {
            message += "; allowed: \(allowed.joined(separator: ", "))"
        }
        return message
    }
}

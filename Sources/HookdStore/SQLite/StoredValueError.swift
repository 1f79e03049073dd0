/// A column holds a value this version of hookd cannot read (a status it does not know,
/// typically written by a newer version).
struct StoredValueError: Error, CustomStringConvertible {
    var table: String
    var column: String
    var value: String

    var description: String { "unreadable value \"\(value)\" in \(table).\(column)" }
}

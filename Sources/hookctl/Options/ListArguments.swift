import ArgumentParser
import Foundation

/// Parsing for the list-valued options: `--events a,b --events c`, `--header K:V`, `--label K=V`.
enum ListArguments {
    /// Every comma-separated item of every occurrence, trimmed, empty items dropped.
    static func commaSeparated(_ values: [String]) -> [String] {
        values.flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    /// One comma-separated value; an empty string gives an empty list (`--retry ""`: no
    /// retries).
    static func commaSeparated(_ value: String) -> [String] {
        commaSeparated([value])
    }

    /// `Name:Value` pairs as a dictionary; later occurrences of a name win.
    static func headers(_ values: [String]) throws(ValidationError) -> [String: String] {
        var headers: [String: String] = [:]
        for value in values {
            guard let colon = value.firstIndex(of: ":") else {
                throw ValidationError("--header \"\(value)\": use NAME:VALUE, e.g. --header 'X-Team: sales'")
            }
            let name = value[..<colon].trimmingCharacters(in: .whitespaces)
            let text = value[value.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty else {
                throw ValidationError("--header \"\(value)\": the header name before ':' is empty")
            }
            headers[name] = text
        }
        return headers
    }

    /// `key=value` pairs as a dictionary; later occurrences of a key win.
    static func labels(_ values: [String]) throws(ValidationError) -> [String: String] {
        var labels: [String: String] = [:]
        for value in values {
            guard let equals = value.firstIndex(of: "="), equals != value.startIndex else {
                throw ValidationError("--label \"\(value)\": use KEY=VALUE, e.g. --label team=sales")
            }
            labels[String(value[..<equals])] = String(value[value.index(after: equals)...])
        }
        return labels
    }
}

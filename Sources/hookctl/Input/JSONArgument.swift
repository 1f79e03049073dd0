import Foundation
import HookdCore

/// A JSON document given on the command line, read and checked before anything is sent.
enum JSONArgument {
    /// Reads and parses the document; a `CLIError` says which option was wrong and where.
    static func parse(_ source: InputSource, option: String) throws(CLIError) -> JSONValue {
        let data = try source.read(option: option)
        let trimmed = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else {
            throw CLIError("\(option): \(source.label) is empty; expected a JSON document")
        }
        do {
            return try JSONValue.parse(Data(trimmed.utf8))
        } catch {
            throw CLIError("\(option): \(source.label) is not valid JSON: \(describe(Data(trimmed.utf8), error))")
        }
    }

    /// Like `parse`, and the document must be an object (an event's `data`, an example).
    static func parseObject(_ source: InputSource, option: String) throws(CLIError) -> JSONValue {
        let value = try parse(source, option: option)
        guard value.objectValue != nil else {
            throw CLIError("\(option): must be a JSON object like {\"customer_id\": \"cust_1\"}, got \(value.typeName)")
        }
        return value
    }

    /// Where the text stops being JSON (`Invalid value around character 9.`): the decoder
    /// only says that it is not, so `JSONSerialization` is asked for the position.
    private static func describe(_ data: Data, _ error: any Error) -> String {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
        } catch {
            if let detail = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        }
        if case DecodingError.dataCorrupted(let context) = error { return context.debugDescription }
        return "\(error)"
    }
}

import Foundation

/// `hookd --config FILE` (or `HOOKD_CONFIG`): the daemon's options as `key: value` lines, one
/// per line, keys being the long option names without `--` (`reader-group: support`,
/// `retention: 7d`, `allow-insecure-targets: true`). A repeatable option may appear on
/// several lines; `#` starts a comment. Options on the command line come after the file's,
/// so they win where an option takes one value.
enum ConfigurationFile {
    /// A file that cannot be read as options, with where and why.
    struct Problem: Error, CustomStringConvertible {
        let description: String
    }

    /// `arguments` with the options of the configuration file they (or `environment`) name
    /// put first, and `--config FILE` itself taken out.
    static func expand(_ arguments: [String], environment: [String: String]) throws -> [String] {
        var rest = arguments
        var path = environment["HOOKD_CONFIG"]
        if let flag = rest.firstIndex(of: "--config") {
            guard flag + 1 < rest.count else { throw Problem(description: "--config needs a file") }
            path = rest[flag + 1]
            rest.removeSubrange(flag...(flag + 1))
        } else if let joined = rest.firstIndex(where: { $0.hasPrefix("--config=") }) {
            path = String(rest[joined].dropFirst("--config=".count))
            rest.remove(at: joined)
        }
        guard let path else { return rest }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Problem(description: "--config: cannot read \(path)")
        }
        return try options(in: String(decoding: data, as: UTF8.self), file: path) + rest
    }

    /// The command-line options `text` stands for.
    static func options(in text: String, file: String) throws -> [String] {
        var options: [String] = []
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            guard let colon = trimmed.firstIndex(of: ":") else {
                throw Problem(description: "\(file):\(index + 1): expected `key: value`, found `\(trimmed)`")
            }
            let key = trimmed[..<colon].trimmingCharacters(in: .whitespaces)
            var value = trimmed[trimmed.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            guard !key.isEmpty, key.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" }), key != "config" else {
                throw Problem(description: "\(file):\(index + 1): `\(key)` is not an option name")
            }
            switch value {
            case "true": options.append("--\(key)")
            case "false": continue
            default: options += ["--\(key)", value]
            }
        }
        return options
    }
}

import Foundation

/// JSON Pointer (RFC 6901) text: how hookd names places in schemas and instances.
public enum JSONPointer {
    /// The pointer whose reference tokens are `tokens`: `["items", "0"]` is `/items/0`.
    public static func make(_ tokens: [String]) -> String {
        tokens.reduce(into: "") { $0 += "/" + escape($1) }
    }

    /// `location` extended by one token.
    public static func appending(_ token: String, to location: String) -> String {
        location + "/" + escape(token)
    }

    /// One reference token as written in a pointer: `~` becomes `~0`, `/` becomes `~1`.
    public static func escape(_ token: String) -> String {
        guard token.contains("~") || token.contains("/") else { return token }
        return token.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }

    /// The reference tokens of `pointer`, or `nil` when it is not a JSON Pointer (it does
    /// not start with `/`, or has a `~` not followed by `0` or `1`).
    public static func tokens(_ pointer: String) -> [String]? {
        if pointer.isEmpty { return [] }
        guard pointer.hasPrefix("/") else { return nil }
        var tokens: [String] = []
        for raw in pointer.dropFirst().split(separator: "/", omittingEmptySubsequences: false) {
            var token = ""
            var escaping = false
            for character in raw {
                if escaping {
                    switch character {
                    case "0": token.append("~")
                    case "1": token.append("/")
                    default: return nil
                    }
                    escaping = false
                } else if character == "~" {
                    escaping = true
                } else {
                    token.append(character)
                }
            }
            guard !escaping else { return nil }
            tokens.append(token)
        }
        return tokens
    }
}

/// The rules for the names operators choose: accounts, event types, webhooks.
public enum Names {
    /// Longest name hookd accepts for any resource.
    public static let maximumLength = 128

    /// Why `name` is not a valid account or webhook name, or `nil` when it is.
    ///
    /// Letters, digits, `_`, `-` and `.`, starting with a letter or digit, at most 128
    /// characters; no `/`, which separates `ACCOUNT/NAME` on the command line.
    public static func resourceNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > maximumLength { return "must be at most \(maximumLength) characters" }
        guard let first = name.unicodeScalars.first, isAlphanumeric(first) else {
            return "must start with a letter or digit"
        }
        if let bad = name.unicodeScalars.first(where: { !isAlphanumeric($0) && !"_-.".unicodeScalars.contains($0) }) {
            return "must contain only letters, digits, '_', '-' and '.', found \(InvisibleCharacters.quoted(bad))"
        }
        return nil
    }

    /// Why `name` is not a valid event-type name, or `nil` when it is.
    ///
    /// Dot-separated lowercase segments (`customer.created`, `transaction.completed`), each of
    /// `a-z`, `0-9`, `_`, `-` and starting with a letter or digit.
    public static func eventTypeProblem(_ name: String) -> String? {
        if name.isEmpty { return "must not be empty" }
        if name.count > maximumLength { return "must be at most \(maximumLength) characters" }
        for segment in name.split(separator: ".", omittingEmptySubsequences: false) {
            guard let first = segment.unicodeScalars.first else {
                return "segments between dots must not be empty"
            }
            guard isLowerAlphanumeric(first) else {
                return "each segment must start with a lowercase letter or digit"
            }
            if segment.unicodeScalars.contains(where: { !isLowerAlphanumeric($0) && $0 != "_" && $0 != "-" }) {
                return "use lowercase letters, digits, '_' and '-' between dots"
            }
        }
        return nil
    }

    private static func isAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar))
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (("a"..."z").contains(scalar) || ("0"..."9").contains(scalar))
    }
}

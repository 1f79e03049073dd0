import HookdCore

/// "Did you mean" hints for misspelt names.
enum Suggestions {
    /// The candidate closest to `text`, when it is close enough to be a likely typo.
    static func closest(to text: String, among candidates: [String]) -> String? {
        NameSuggestion.closest(to: text, among: candidates)
    }
}

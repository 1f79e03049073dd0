import HookdCore

/// Picks the keyword an unknown one was probably meant to be (`requried` → `required`).
enum KeywordSuggestion {
    /// The candidate at the smallest edit distance, if it is at most 2 (ties: alphabetical).
    static func closest(to word: String, among candidates: Set<String>) -> String? {
        let scored = candidates.map { (candidate: $0, distance: EditDistance.between(word.lowercased(), $0.lowercased())) }
        guard let best = scored.min(by: { ($0.distance, $0.candidate) < ($1.distance, $1.candidate) }),
            best.distance <= 2
        else { return nil }
        return best.candidate
    }
}

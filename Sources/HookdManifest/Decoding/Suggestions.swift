import HookdCore

/// "Did you mean" hints for misspelt names.
enum Suggestions {
    /// The candidate closest to `text`, when it is close enough to be a likely typo.
    static func closest(to text: String, among candidates: [String]) -> String? {
        let lowered = text.lowercased()
        let scored = candidates.map { ($0, EditDistance.between(lowered, $0.lowercased())) }
        guard let best = scored.min(by: { $0.1 < $1.1 }) else { return nil }
        let tolerance = max(1, min(3, best.0.count / 3))
        return best.1 <= tolerance ? best.0 : nil
    }
}

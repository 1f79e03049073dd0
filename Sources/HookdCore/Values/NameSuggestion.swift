/// "Did you mean" hints for misspelt names: keys, kinds, event types, webhooks, commands.
public enum NameSuggestion {
    /// The candidate closest to `text` when it is close enough to be a likely typo: within
    /// a third of its length in edits (1 to 3), ignoring case.
    public static func closest(to text: String, among candidates: some Sequence<String>) -> String? {
        let lowered = text.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let distance = EditDistance.between(lowered, candidate.lowercased())
            if distance < best?.distance ?? .max { best = (candidate, distance) }
        }
        guard let best else { return nil }
        return best.distance <= max(1, min(3, best.name.count / 3)) ? best.name : nil
    }

    /// ` (did you mean "NAME"?)` for the closest candidate, or `""` when none is close.
    public static func hint(for text: String, among candidates: some Sequence<String>) -> String {
        closest(to: text, among: candidates).map { " (did you mean \"\($0)\"?)" } ?? ""
    }
}

/// Counts written as people write them: `1 delivery`, `2 deliveries`, `0 webhooks`.
public enum Plural {
    /// `count` and the noun, singular for exactly one; `plural` defaults to the noun + `s`.
    public static func count(_ count: Int, _ singular: String, _ plural: String? = nil) -> String {
        "\(count) \(count == 1 ? singular : plural ?? singular + "s")"
    }
}

/// Finds webhook signing secrets (`whsec_` and their base64 key) in text that should never
/// hold one: a daemon's log, a command's output.
public enum SecretLeaks {
    /// Every `whsec_…` secret in `text` (at least 16 base64 characters after the prefix, so
    /// a message that only names the form, like "must start with whsec_", is not one).
    public static func find(in text: String) -> [String] {
        text.matches(of: /whsec_[A-Za-z0-9+\/]{16,}={0,2}/).map { String($0.output) }
    }
}

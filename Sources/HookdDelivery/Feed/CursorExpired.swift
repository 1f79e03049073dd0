/// A watch asked to resume after a cursor whose following changes the feed no longer holds
/// (too old, from before a restart, or a commit went by while nobody watched).
public struct CursorExpired: Error, Sendable, Equatable {
    /// The cursor asked for.
    public let cursor: Int64
    /// The oldest cursor a watch may resume after now.
    public let oldest: Int64
    /// The newest cursor.
    public let newest: Int64
}

import NIOCore

/// One unit the line framer hands up the pipeline: a complete line, or the news that a line
/// was too long and has been thrown away.
///
/// Oversized lines are reported rather than treated as a connection error so the server can
/// answer them with a JSON-RPC error and keep the connection usable.
package enum InboundFrame: Sendable, Equatable {
    /// The bytes of one line, without the newline (and without a trailing carriage return).
    case line(ByteBuffer)
    /// A line longer than the framer's limit was received and discarded.
    case oversized
}

import NIOCore

/// Splits a byte stream into newline-terminated frames of at most `maximumFrameBytes` bytes.
///
/// - A trailing `\r` is dropped so `\r\n` peers work.
/// - Blank lines (only spaces, tabs or `\r`) are skipped: people typing into `socat` press
///   return twice, and a blank line is never a meaningful request.
/// - A line over the limit yields one ``InboundFrame/oversized`` and is then skipped up to its
///   newline, so at most `maximumFrameBytes` plus one read's worth of bytes is ever buffered.
/// - At end of input an unterminated last line is still delivered (`printf '...' | socat`).
package struct LineFrameDecoder: ByteToMessageDecoder {
    package typealias InboundOut = InboundFrame

    /// The longest accepted line, newline and carriage return excluded.
    let maximumFrameBytes: Int

    /// True while skipping the rest of an oversized line.
    private var isDiscarding = false
    /// How many bytes of the current partial line were already searched for a newline, so a
    /// long line arriving in many reads is scanned once rather than once per read.
    private var scannedBytes = 0

    package init(maximumFrameBytes: Int) {
        precondition(maximumFrameBytes > 0, "maximumFrameBytes must be positive")
        self.maximumFrameBytes = maximumFrameBytes
    }

    package mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        let view = buffer.readableBytesView
        let unscanned = view.index(view.startIndex, offsetBy: scannedBytes)
        guard let newline = view[unscanned...].firstIndex(of: UInt8(ascii: "\n")) else {
            return holdPartialLine(context: context, buffer: &buffer)
        }
        let lineLength = view.distance(from: view.startIndex, to: newline)
        scannedBytes = 0
        if isDiscarding {
            // The tail of an oversized line: already reported, drop it with its newline.
            isDiscarding = false
            buffer.moveReaderIndex(forwardBy: lineLength + 1)
            return .continue
        }
        let line = buffer.readSlice(length: lineLength)!
        buffer.moveReaderIndex(forwardBy: 1)
        deliver(line, context: context)
        return .continue
    }

    package mutating func decodeLast(
        context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool
    ) throws -> DecodingState {
        if try decode(context: context, buffer: &buffer) == .continue {
            return .continue
        }
        // No newline left: what remains is an unterminated last line (or the tail of an
        // oversized one, which `decode` already consumed).
        if !isDiscarding, let line = buffer.readSlice(length: buffer.readableBytes), line.readableBytes > 0 {
            deliver(line, context: context)
        }
        isDiscarding = false
        scannedBytes = 0
        return .needMoreData
    }

    /// Decides what to do with bytes that do not contain a newline yet.
    private mutating func holdPartialLine(context: ChannelHandlerContext, buffer: inout ByteBuffer) -> DecodingState {
        if isDiscarding {
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            scannedBytes = 0
            return .needMoreData
        }
        // One byte of slack: the last byte may be the `\r` of a `\r\n` that is not in yet.
        if buffer.readableBytes > maximumFrameBytes + 1 {
            context.fireChannelRead(Self.wrapInboundOut(.oversized))
            buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
            isDiscarding = true
            scannedBytes = 0
            return .needMoreData
        }
        scannedBytes = buffer.readableBytes
        return .needMoreData
    }

    /// Hands a complete line on, unless it is blank or too long.
    private func deliver(_ line: ByteBuffer, context: ChannelHandlerContext) {
        var line = line
        if line.readableBytesView.last == UInt8(ascii: "\r") {
            line.moveWriterIndex(to: line.writerIndex - 1)
        }
        if line.readableBytes > maximumFrameBytes {
            context.fireChannelRead(Self.wrapInboundOut(.oversized))
        } else if !line.readableBytesView.allSatisfy(Self.isBlank) {
            context.fireChannelRead(Self.wrapInboundOut(.line(line)))
        }
    }

    private static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
    }
}

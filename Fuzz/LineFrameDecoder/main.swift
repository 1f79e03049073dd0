import NIOCore
import NIOEmbedded

/// libFuzzer target: the socket's line framer (`LineFrameDecoder`, the NIO
/// `ByteToMessageDecoder` every connection reads through) on arbitrary bytes cut into
/// arbitrary reads, with a small frame limit so oversized lines come up often.
///
/// Properties: it never crashes; every line it hands up is within the limit and holds no
/// newline; what it hands up does not depend on how the bytes were split into reads; and for
/// input whose lines all fit, the lines are exactly the non-blank lines of the input (a
/// trailing `\r` dropped). Built and run by `scripts/fuzz`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzLineFrameDecoder(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = Array(UnsafeRawBufferPointer(start: start, count: count))
    guard let first = bytes.first else { return 0 }
    // The first byte chooses the limit and the read size; the rest is the stream.
    let limit = 1 + Int(first % 64)
    let stream = Array(bytes.dropFirst())
    let readSize = 1 + Int(first / 64) * 7
    let whole = frames(of: stream, limit: limit, readSizes: [stream.count + 1])
    let split = frames(of: stream, limit: limit, readSizes: [readSize])
    precondition(whole == split, "the frames depend on how the input was split into reads")
    for frame in whole {
        if case .line(let line) = frame {
            precondition(line.count <= limit, "a line over the limit was handed up")
            precondition(!line.contains(UInt8(ascii: "\n")), "a line holds a newline")
        }
    }
    if !whole.contains(.oversized) {
        precondition(whole == expectedLines(stream), "the lines are not the input's non-blank lines")
    }
    return 0
}

/// What the decoder hands up: a line's bytes, or news of a line over the limit.
enum Frame: Equatable {
    case line([UInt8])
    case oversized
}

/// Feeds `stream` to the decoder in reads of the given sizes (cycling), then ends the input.
func frames(of stream: [UInt8], limit: Int, readSizes: [Int]) -> [Frame] {
    let channel = EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: limit)))
    var offset = 0
    var sizes = readSizes.makeIterator()
    do {
        while offset < stream.count {
            let size = sizes.next() ?? readSizes[0]
            let end = min(stream.count, offset + max(1, size))
            try channel.writeInbound(ByteBuffer(bytes: stream[offset..<end]))
            offset = end
        }
        _ = try channel.finish()
    } catch {
        preconditionFailure("the decoder threw: \(error)")
    }
    var frames: [Frame] = []
    while let frame = try? channel.readInbound(as: InboundFrame.self) {
        switch frame {
        case .line(let buffer): frames.append(.line(Array(buffer.readableBytesView)))
        case .oversized: frames.append(.oversized)
        }
    }
    return frames
}

/// The non-blank lines of `stream`, each without its `\r`, the last one even without a newline.
func expectedLines(_ stream: [UInt8]) -> [Frame] {
    var lines = stream.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map(Array.init)
    if stream.last == UInt8(ascii: "\n") { lines.removeLast() }
    return lines.compactMap { line -> Frame? in
        let trimmed = line.last == UInt8(ascii: "\r") ? Array(line.dropLast()) : line
        let blank = trimmed.allSatisfy { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\t") || $0 == UInt8(ascii: "\r") }
        return blank ? nil : .line(trimmed)
    }
}

import NIOCore
import NIOEmbedded
import Testing

@testable import HookdRPC

/// The newline framer, driven through an `EmbeddedChannel` without sockets.
struct LineFrameDecoderTests {
    /// A channel with only the framer, limited to `limit` bytes per line.
    private func framer(limit: Int = 16) -> EmbeddedChannel {
        EmbeddedChannel(handler: ByteToMessageHandler(LineFrameDecoder(maximumFrameBytes: limit)))
    }

    /// Feeds `chunks` as separate reads and returns every frame produced, as text.
    private func frames(_ chunks: [String], limit: Int = 16, endOfInput: Bool = false) throws -> [String] {
        let channel = framer(limit: limit)
        for chunk in chunks {
            try channel.writeInbound(ByteBuffer(string: chunk))
        }
        if endOfInput {
            channel.pipeline.fireUserInboundEventTriggered(ChannelEvent.inputClosed)
        }
        var frames: [String] = []
        while let frame = try channel.readInbound(as: InboundFrame.self) {
            switch frame {
            case .line(let line): frames.append(String(buffer: line))
            case .oversized: frames.append("<oversized>")
            }
        }
        _ = try channel.finish()
        return frames
    }

    @Test("one read holding several lines gives one frame per line")
    func severalLinesInOneRead() throws {
        #expect(try frames(["a\nbb\nccc\n"]) == ["a", "bb", "ccc"])
    }

    @Test("a line split across reads is delivered once, whole")
    func lineSplitAcrossReads() throws {
        #expect(try frames(["{\"js", "onrpc\":", "1}\nne", "xt\n"], limit: 64) == [#"{"jsonrpc":1}"#, "next"])
    }

    @Test("nothing is delivered until the newline arrives")
    func waitsForNewline() throws {
        let channel = framer()
        try channel.writeInbound(ByteBuffer(string: "partial"))
        #expect(try channel.readInbound(as: InboundFrame.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "\n"))
        #expect(try channel.readInbound(as: InboundFrame.self) == .line(ByteBuffer(string: "partial")))
        _ = try channel.finish()
    }

    @Test("CRLF line endings are accepted and the CR is dropped")
    func crlf() throws {
        #expect(try frames(["one\r\ntwo\r", "\n"]) == ["one", "two"])
    }

    @Test("empty and blank lines are skipped")
    func blankLines() throws {
        #expect(try frames(["\n\r\n  \t\nx\n\n"]) == ["x"])
    }

    @Test("a line of exactly the limit passes, even with CRLF")
    func exactlyTheLimit() throws {
        let line = String(repeating: "a", count: 16)
        #expect(try frames([line + "\r", "\n", line + "\n"]) == [line, line])
    }

    @Test("an oversized line in one read is reported once and the next line still arrives")
    func oversizedInOneRead() throws {
        #expect(try frames([String(repeating: "x", count: 17) + "\nok\n"]) == ["<oversized>", "ok"])
    }

    @Test("an oversized line spread over many reads is reported once, discarded, and framing recovers")
    func oversizedAcrossReads() throws {
        let chunks = Array(repeating: String(repeating: "y", count: 10), count: 8) + ["tail\nafter\n"]
        #expect(try frames(chunks) == ["<oversized>", "after"])
    }

    @Test("the bytes of an oversized line are dropped as they arrive rather than buffered")
    func oversizedIsNotBuffered() throws {
        let channel = framer()
        for _ in 0..<100 {
            try channel.writeInbound(ByteBuffer(string: String(repeating: "z", count: 1000)))
        }
        #expect(try channel.readInbound(as: InboundFrame.self) == .oversized)
        #expect(try channel.readInbound(as: InboundFrame.self) == nil)
        try channel.writeInbound(ByteBuffer(string: "z\nfine\n"))
        #expect(try channel.readInbound(as: InboundFrame.self) == .line(ByteBuffer(string: "fine")))
        _ = try channel.finish()
    }

    @Test("an unterminated last line is delivered at end of input")
    func lastLineWithoutNewline() throws {
        #expect(try frames(["first\nlast"], endOfInput: true) == ["first", "last"])
    }

    @Test("the rest of an oversized line at end of input is not delivered")
    func oversizedTailAtEndOfInput() throws {
        #expect(try frames([String(repeating: "x", count: 40)], endOfInput: true) == ["<oversized>"])
    }
}

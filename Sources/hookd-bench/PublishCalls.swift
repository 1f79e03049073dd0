import Foundation
import HookdAPI
import HookdCore
import NIOCore

/// `Events.Publish` calls as they go over hookd's socket, encoded before a run starts so that
/// encoding is not what a row times, and read back as cheaply as hookd's wire form allows.
enum PublishCalls {
    /// One JSON-RPC request object (no newline): `Events.Publish` with `params` and `id`.
    static func request(id: Int, params: EventPublishParams) throws -> ByteBuffer {
        var request = ByteBuffer(string: #"{"jsonrpc":"2.0","id":\#(id),"method":"Events.Publish","params":"#)
        request.writeBytes(try JSONCoding.canonicalEncoder.encode(params))
        request.writeStaticString("}")
        return request
    }

    /// Event `id`'s single-event call as one line, newline included.
    static func line(id: Int, input: EventInput) throws -> ByteBuffer {
        var line = try request(id: id, params: EventPublishParams(input))
        line.writeStaticString("\n")
        return line
    }

    /// hookd writes every response as `{"jsonrpc":"2.0",` followed by `"result":` or
    /// `"error":` (`RPCResponse`), and a JSON string can hold a `"` only escaped, so these
    /// bytes occur in an answer only where a response object begins.
    private static let resultStart = Array(#"{"jsonrpc":"2.0","result":"#.utf8)
    private static let errorStart = Array(#"{"jsonrpc":"2.0","error":"#.utf8)

    /// How many results and errors an answer line holds, without parsing it: a single
    /// response has one of either, a batch's array one per member.
    static func count(in answer: ByteBuffer) -> (results: Int, errors: Int) {
        answer.withUnsafeReadableBytes { bytes in
            (occurrences(of: resultStart, in: bytes), occurrences(of: errorStart, in: bytes))
        }
    }

    /// The integer id of a single response: hookd writes it last (`...,"id":17}`), so it is
    /// read back from the line's end; `nil` when the line does not end that way.
    static func answerID(in answer: ByteBuffer) -> Int? {
        answer.withUnsafeReadableBytes { bytes -> Int? in
            var end = bytes.count
            while end > 0, bytes[end - 1] == UInt8(ascii: " ") || bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
            guard end > 0, bytes[end - 1] == UInt8(ascii: "}") else { return nil }
            var start = end - 1
            while start > 0, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[start - 1]) { start -= 1 }
            let key = Array(#","id":"#.utf8)
            guard start < end - 1, start >= key.count,
                key.indices.allSatisfy({ bytes[start - key.count + $0] == key[$0] })
            else { return nil }
            return Int(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<(end - 1)]), as: UTF8.self))
        }
    }

    private static func occurrences(of needle: [UInt8], in bytes: UnsafeRawBufferPointer) -> Int {
        guard let first = needle.first, bytes.count >= needle.count else { return 0 }
        var found = 0
        var index = 0
        let last = bytes.count - needle.count
        while index <= last {
            if bytes[index] == first, needle.indices.allSatisfy({ bytes[index + $0] == needle[$0] }) {
                found += 1
                index += needle.count
            } else {
                index += 1
            }
        }
        return found
    }
}

/// What one producer writes at once and what it then waits for.
struct PublishGroup: Sendable {
    /// The bytes to write: one line, or several for pipelined calls.
    var bytes: ByteBuffer
    /// Answer lines that come back for it.
    var answerLines: Int
    /// Results those lines hold in all (a batch array's line holds one per member).
    var results: Int
}

extension PublishShape {
    /// `inputs` as one group in this shape, its requests numbered from `firstID`. A group of
    /// one is a single publish whatever the shape.
    func group(_ inputs: [EventInput], firstID: Int) throws -> PublishGroup {
        if inputs.count == 1 {
            return PublishGroup(bytes: try PublishCalls.line(id: firstID, input: inputs[0]), answerLines: 1, results: 1)
        }
        var bytes = ByteBuffer()
        switch self {
        case .events:
            bytes = try PublishCalls.request(id: firstID, params: EventPublishParams(batch: inputs))
            bytes.writeStaticString("\n")
            return PublishGroup(bytes: bytes, answerLines: 1, results: 1)
        case .pipelined:
            for (offset, input) in inputs.enumerated() {
                var line = try PublishCalls.line(id: firstID + offset, input: input)
                bytes.writeBuffer(&line)
            }
            return PublishGroup(bytes: bytes, answerLines: inputs.count, results: inputs.count)
        case .rpcBatch:
            bytes.writeStaticString("[")
            for (offset, input) in inputs.enumerated() {
                if offset > 0 { bytes.writeStaticString(",") }
                var request = try PublishCalls.request(id: firstID + offset, params: EventPublishParams(input))
                bytes.writeBuffer(&request)
            }
            bytes.writeStaticString("]\n")
            return PublishGroup(bytes: bytes, answerLines: 1, results: inputs.count)
        }
    }
}

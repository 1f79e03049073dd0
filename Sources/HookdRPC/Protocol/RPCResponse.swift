import Foundation
import HookdCore
import NIOCore

/// One JSON-RPC response, ready to be written.
struct RPCResponse: Sendable {
    /// A success (the result's JSON, encoded once by the handler) or an error.
    enum Outcome: Sendable {
        case result(Data)
        case error(RPCErrorObject)
    }

    var id: RPCID
    var outcome: Outcome

    init(id: RPCID, _ outcome: Outcome) {
        self.id = id
        self.outcome = outcome
    }

    init(id: RPCID, error: RPCErrorObject) {
        self.init(id: id, .error(error))
    }

    /// The response to a line over the size limit; its id is unknowable.
    static func frameTooLarge(limit: Int) -> RPCResponse {
        RPCResponse(id: .null, error: .frameTooLarge(limit: limit))
    }

    /// The wire form of a single response (no newline).
    var serialized: ByteBuffer {
        var buffer = ByteBuffer()
        write(into: &buffer)
        return buffer
    }

    /// The wire form of a batch answer: a JSON array of responses (no newline).
    static func serialized(batch responses: [RPCResponse]) -> ByteBuffer {
        var buffer = ByteBuffer()
        buffer.writeStaticString("[")
        for (index, response) in responses.enumerated() {
            if index > 0 { buffer.writeStaticString(",") }
            response.write(into: &buffer)
        }
        buffer.writeStaticString("]")
        return buffer
    }

    /// Writes the members by hand around the already-encoded result, which avoids decoding
    /// and re-encoding every result just to wrap it (and keeps its numbers exactly as the
    /// handler's encoder wrote them).
    private func write(into buffer: inout ByteBuffer) {
        buffer.writeStaticString(#"{"jsonrpc":"2.0","#)
        switch outcome {
        case .result(let result):
            buffer.writeStaticString(#""result":"#)
            buffer.writeBytes(result)
        case .error(let error):
            buffer.writeStaticString(#""error":"#)
            buffer.writeBytes(Self.encode(error))
        }
        buffer.writeStaticString(#","id":"#)
        buffer.writeImmutableBuffer(id.text)
        buffer.writeStaticString("}")
    }

    /// Encodes a member that cannot fail to encode (error objects); the fallback
    /// only exists so a broken encoder cannot produce invalid JSON.
    private static func encode(_ value: some Encodable) -> Data {
        (try? JSONCoding.canonicalEncoder.encode(value)) ?? Data("null".utf8)
    }
}

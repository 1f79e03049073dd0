import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import NIOCore
import Testing

/// Ids come back byte for byte as the client wrote them: a client that matches answers by
/// the text it sent (or by a number too big for a double) must find every answer.
struct ExactIDTests {
    let router = makeTestRouter()

    /// The response to `frame`, as the bytes the server writes.
    private func answerText(_ frame: String) async throws -> String {
        let response = try #require(
            await router.respond(to: ByteBuffer(string: frame), context: RPCContext(peer: nil, logger: quietLogger)))
        return String(decoding: response.readableBytesView, as: UTF8.self)
    }

    @Test(
        "a request's id is echoed exactly as sent: big integers, -0, exponents, trailing zeros, escapes",
        arguments: [
            "123456789012345678901234567890", "-123456789012345678901234567890", "-0", "1e3", "1E+03", "2.50",
            "0.1", "-0.0", "9223372036854775808", #""\u0061bc""#, #""a\/b""#, #""tab\there""#, "7", #""x""#,
            "null",
        ])
    func singleRequest(id: String) async throws {
        let text = try await answerText(#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"hi"},"id":\#(id)}"#)
        #expect(text.hasSuffix(#","id":\#(id)}"#), "answer: \(text)")
        #expect(text.contains(#""result":{"text":"hi"}"#))
    }

    @Test("an error answer echoes the id exactly, and spaces around the id are not part of it")
    func errorAnswers() async throws {
        let unknown = try await answerText(#"{"jsonrpc":"2.0","method":"Nope","id" :  1e3 }"#)
        #expect(unknown.hasSuffix(#","id":1e3}"#), "answer: \(unknown)")
        let invalid = try await answerText(#"{"jsonrpc":"1.0","method":"Test.Empty","id":-0}"#)
        #expect(invalid.hasSuffix(#","id":-0}"#), "answer: \(invalid)")
        let badParams = try await answerText(
            #"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":1},"id":123456789012345678901234567890}"#)
        #expect(badParams.hasSuffix(#","id":123456789012345678901234567890}"#), "answer: \(badParams)")
    }

    @Test("a key written with escapes is still the id, and its value is echoed as sent")
    func escapedKey() async throws {
        let text = try await answerText(#"{"jsonrpc":"2.0","method":"Test.Empty","\u0069d":1.50}"#)
        #expect(text.hasSuffix(#","id":1.50}"#), "answer: \(text)")
    }

    @Test("each member of a batch is answered under its own id, exactly as sent")
    func batch() async throws {
        let text = try await answerText(
            #"""
            [{"jsonrpc":"2.0","method":"Test.Nested","params":{"payload":{"id":5,"s":"\"id\":6"}},"id":1e3},
             {"jsonrpc":"2.0","method":"Test.Record","params":{"text":"note"}},
             {"jsonrpc":"2.0","method":"Nope","id":"\u0078"},
             [{"id":3}],
             {"id":123456789012345678901234567890,"jsonrpc":"2.0","method":"Test.Empty"}]
            """#)
        let answers = try #require(try JSONValue.parse(Data(text.utf8)).arrayValue)
        #expect(answers.count == 4)
        #expect(text.contains(#","id":1e3}"#), "answer: \(text)")
        #expect(text.contains(#","id":"\u0078"}"#), "answer: \(text)")
        #expect(text.contains(#","id":null}"#), "answer: \(text)")
        #expect(text.hasSuffix(#","id":123456789012345678901234567890}]"#), "answer: \(text)")
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// JSON-RPC 2.0 itself: what is a request, what gets an answer, and the standard errors.
struct RouterProtocolTests {
    let router = makeTestRouter()

    @Test("a request is answered with its result and its id, whatever the id's type")
    func requestAndIds() async throws {
        for id in [#"7"#, #""abc""#, #"null"#, #"2.5"#] {
            let response = try #require(
                try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"hi"},"id":\#(id)}"#))
            #expect(response["jsonrpc"] == "2.0")
            #expect(response["result"] == ["text": "hi"])
            #expect(response["id"] == (try JSONValue.parse(Data(id.utf8))))
            #expect(response["error"] == nil)
        }
    }

    @Test("malformed JSON answers -32700 with a null id")
    func parseError() async throws {
        let response = try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Echo","id":1"#))
        #expect(response.errorCode == -32700)
        #expect(response["id"] == .null)
        #expect(response.errorStatus == "INVALID_ARGUMENT")
        #expect(response.errorReason == "hookd.ParseError")
        #expect(response.errorMessage?.hasPrefix("Parse error") == true)
    }

    @Test(
        "requests that are not JSON-RPC 2.0 answer -32600 with the id when it can be read",
        arguments: [
            (#"{"jsonrpc":"1.0","method":"Test.Empty","id":2}"#, JSONValue.int(2)),
            (#"{"method":"Test.Empty","id":3}"#, .int(3)),
            (#"{"jsonrpc":"2.0","method":5,"id":4}"#, .int(4)),
            (#"{"jsonrpc":"2.0","id":5}"#, .int(5)),
            (#"{"jsonrpc":"2.0","method":"Test.Empty","params":"x","id":6}"#, .int(6)),
            (#"{"jsonrpc":"2.0","method":"Test.Empty","params":3,"id":7}"#, .int(7)),
            (#"{"jsonrpc":"2.0","method":"Test.Empty","id":{"a":1}}"#, .null),
            (#"{"jsonrpc":"2.0","method":"Test.Empty","id":[1]}"#, .null),
            (#"{"jsonrpc":"1.0","method":"Test.Empty"}"#, .null),
            (#""just a string""#, .null),
            (#"42"#, .null),
        ])
    func invalidRequest(frame: String, id: JSONValue) async throws {
        let response = try #require(try await router.answer(frame))
        #expect(response.errorCode == -32600)
        #expect(response["id"] == id)
        #expect(response.errorStatus == "INVALID_ARGUMENT")
        #expect(response.errorReason == "hookd.InvalidRequest")
    }

    @Test("an unknown method answers -32601 naming the method")
    func methodNotFound() async throws {
        let response = try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"Webhooks.Explode","id":3}"#))
        #expect(response.errorCode == -32601)
        #expect(response["id"] == 3)
        #expect(response.errorMessage?.contains("Webhooks.Explode") == true)
        #expect(response.errorStatus == "NOT_FOUND")
        #expect(response.errorReason == "hookd.MethodNotFound")
    }

    @Test("a notification runs its handler and gets no answer")
    func notification() async throws {
        let recorder = Recorder()
        let router = makeTestRouter(recorder: recorder)
        #expect(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Record","params":{"text":"seen"}}"#) == nil)
        #expect(recorder.recorded == ["seen"])
    }

    @Test("a notification that fails (unknown method, bad params, handler error) still gets no answer")
    func failingNotifications() async throws {
        #expect(try await router.answer(#"{"jsonrpc":"2.0","method":"Nope.Nope"}"#) == nil)
        #expect(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":1}}"#) == nil)
        #expect(try await router.answer(#"{"jsonrpc":"2.0","method":"Test.NotFound"}"#) == nil)
    }

    @Test("a batch answers each request in order, skips notifications, and reports bad members alone")
    func mixedBatch() async throws {
        let recorder = Recorder()
        let router = makeTestRouter(recorder: recorder)
        let response = try #require(
            try await router.answer(
                #"""
                [{"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"a"},"id":1},
                 {"jsonrpc":"2.0","method":"Test.Record","params":{"text":"note"}},
                 {"jsonrpc":"2.0","method":"Nope","id":"x"},
                 1,
                 {"jsonrpc":"2.0","method":"Test.Echo","params":{"text":"b"},"id":2}]
                """#))
        let items = try #require(response.arrayValue)
        #expect(items.count == 4)
        #expect(items[0]["result"] == ["text": "a"])
        #expect(items[0]["id"] == 1)
        #expect(items[1].errorCode == -32601)
        #expect(items[1]["id"] == "x")
        #expect(items[2].errorCode == -32600)
        #expect(items[2]["id"] == .null)
        #expect(items[3]["result"] == ["text": "b"])
        #expect(recorder.recorded == ["note"])
    }

    @Test("an empty batch is one -32600 error, not an array")
    func emptyBatch() async throws {
        let response = try #require(try await router.answer("[]"))
        #expect(response.errorCode == -32600)
        #expect(response["id"] == .null)
    }

    @Test("a batch of notifications gets no answer at all")
    func allNotificationBatch() async throws {
        let recorder = Recorder()
        let router = makeTestRouter(recorder: recorder)
        let batch =
            #"[{"jsonrpc":"2.0","method":"Test.Record","params":{"text":"1"}},"#
            + #"{"jsonrpc":"2.0","method":"Test.Record","params":{"text":"2"}}]"#
        #expect(try await router.answer(batch) == nil)
        #expect(recorder.recorded == ["1", "2"])
    }

    @Test("a batch that is not valid JSON is one -32700 error")
    func malformedBatch() async throws {
        let response = try #require(try await router.answer(#"[{"jsonrpc":"2.0","method":"Test.Empty","id":1},"#))
        #expect(response.errorCode == -32700)
    }

    @Test("methodNames lists the registered methods, sorted")
    func methodNames() {
        var router = RPCRouter()
        router.register(name: "Daemon.Status") { (_: EmptyParams, _) in true }
        router.register(name: "rpc.discover") { (_: EmptyParams, _) in true }
        router.register(name: "Accounts.List") { (_: EmptyParams, _) in true }
        #expect(router.methodNames == ["Accounts.List", "Daemon.Status", "rpc.discover"])
    }
}

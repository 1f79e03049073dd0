import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// How params are checked: by name only, strictly typed, unknown members rejected.
struct RouterParamsTests {
    let router = makeTestRouter()

    private func call(_ method: String, params: String?) async throws -> JSONValue {
        let params = params.map { #","params":\#($0)"# } ?? ""
        return try #require(try await router.answer(#"{"jsonrpc":"2.0","method":"\#(method)"\#(params),"id":1}"#))
    }

    @Test("missing or null params decode as {} so methods with optional params work")
    func missingParams() async throws {
        #expect(try await call("Test.Empty", params: nil)["result"] == ["status": "ok"])
        #expect(try await call("Test.Empty", params: "null")["result"] == ["status": "ok"])
        #expect(try await call("Test.Nested", params: nil)["result"] == [:])
    }

    @Test("params by position answer -32602: params must be an object")
    func positionalParams() async throws {
        let response = try await call("Test.Echo", params: #"["hi"]"#)
        #expect(response.errorCode == -32602)
        #expect(response.errorStatus == "INVALID_ARGUMENT")
        #expect(response.errorReason == "hookd.InvalidParams")
        #expect(response.violations == ["params": "must be an object"])
        #expect(response.errorMessage?.contains("params must be an object") == true)
    }

    @Test("a missing required field is a violation naming it")
    func missingField() async throws {
        let response = try await call("Test.Echo", params: "{}")
        #expect(response.errorCode == -32602)
        #expect(response.violations == ["text": "missing"])
        #expect(response.errorMessage == "Invalid params: text: missing")
    }

    @Test("a field of the wrong type is a violation saying what was expected and found")
    func wrongType() async throws {
        #expect(
            try await call("Test.Echo", params: #"{"text":5}"#).violations == ["text": "expected string, got number"])
        #expect(
            try await call("Test.Echo", params: #"{"text":"a","count":"x"}"#).violations
                == ["count": "expected integer, got string"])
        #expect(
            try await call("Test.Echo", params: #"{"text":null}"#).violations == ["text": "expected string, got null"])
    }

    @Test("violations inside nested values carry the full path")
    func nestedViolationPath() async throws {
        let response = try await call("Test.Nested", params: #"{"items":[{"value":1},{"value":"two"}]}"#)
        #expect(response.violations == ["items[1].value": "expected integer, got string"])
        let missing = try await call("Test.Nested", params: #"{"outer":{"inner":{}}}"#)
        #expect(missing.violations == ["outer.inner.value": "missing"])
    }

    @Test("unknown top-level params are rejected, one violation each")
    func unknownTopLevel() async throws {
        let response = try await call("Test.Echo", params: #"{"text":"a","colour":"red","size":3}"#)
        #expect(response.errorCode == -32602)
        #expect(response.violations == ["colour": "unknown field", "size": "unknown field"])
    }

    @Test("methods without params reject any param")
    func unknownOnEmptyParams() async throws {
        #expect(try await call("Test.Empty", params: #"{"pad":"x"}"#).violations == ["pad": "unknown field"])
    }

    @Test("unknown members of nested structs, optional structs and arrays of structs are rejected")
    func unknownNested() async throws {
        let response = try await call(
            "Test.Nested",
            params:
                #"{"outer":{"label":"l","inner":{"value":1,"extra":true},"typo":1},"items":[{"value":1},{"value":2,"oops":0}]}"#
        )
        #expect(
            response.violations == [
                "outer.inner.extra": "unknown field", "outer.typo": "unknown field", "items[1].oops": "unknown field",
            ])
    }

    @Test("a struct type met again is checked again: each element and each call reports its own unknown members")
    func repeatedTypes() async throws {
        let clean = #"{"outer":{"label":"l","inner":{"value":1}},"items":[{"value":1},{"value":2}],"labels":{}}"#
        #expect(try await call("Test.Nested", params: clean)["result"]?["items"] == [["value": 1], ["value": 2]])
        let response = try await call(
            "Test.Nested",
            params: #"{"outer":{"inner":{"value":1,"x":[]}},"items":[{"value":1},{"value":2,"oops":0},{"value":3},{"value":4,"oops":{}}]}"#)
        #expect(
            response.violations == [
                "outer.inner.x": "unknown field", "items[1].oops": "unknown field", "items[3].oops": "unknown field",
            ])
    }

    @Test("dictionaries and JSONValue members are opaque: any keys are accepted")
    func opaqueMembers() async throws {
        let response = try await call(
            "Test.Nested", params: #"{"labels":{"anything":"goes"},"payload":{"free":{"form":[1,{"x":2}]}}}"#)
        #expect(response["result"]?["labels"] == ["anything": "goes"])
        #expect(response["result"]?["payload"] == ["free": ["form": [1, ["x": 2]]]])
    }

    @Test("timeoutMs is taken out of the params before they are checked")
    func timeoutIsStripped() async throws {
        #expect(try await call("Test.Echo", params: #"{"text":"a","timeoutMs":1000}"#)["result"] == ["text": "a"])
        #expect(try await call("Test.Empty", params: #"{"timeoutMs":1000}"#)["result"] == ["status": "ok"])
    }

    @Test("timeoutMs must be a positive integer", arguments: ["0", "-5", "1.5", #""100""#, "null"])
    func badTimeout(value: String) async throws {
        let response = try await call("Test.Echo", params: #"{"text":"a","timeoutMs":\#(value)}"#)
        #expect(response.errorCode == -32602)
        #expect(response.violations?["timeoutMs"] != nil)
    }
}

import HookdCore

/// Whether one answer line is a correct JSON-RPC answer to a generated request: valid JSON,
/// `jsonrpc` 2.0, the id echoed, exactly one of `result` and `error`, and an error code that
/// says what was wrong (never -32603, Internal error, for bad input).
enum AnswerCheck {
    /// The codes bad input may get: the standard ones for requests that are not right, and
    /// hookd's application errors (-32000 to -32099), which carry a status and a reason.
    static let specificCodes: Set<Int> = [-32700, -32600, -32601, -32602]

    /// `nil` when `line` correctly answers a request expecting `expectation`; otherwise what
    /// is wrong.
    static func problem(with line: String, expecting expectation: GeneratedRequest.Expectation) -> String? {
        guard let answer = JSONValueReader.read(Array(line.utf8)) else { return "the answer is not JSON" }
        if case .batch(let members) = expectation {
            let expected = members.compactMap { $0 }
            guard case .array(let answers) = answer else { return "a batch was not answered with an array" }
            guard answers.count == expected.count else {
                return "\(answers.count) answers for \(expected.count) batch members that are not notifications"
            }
            for (index, (member, memberExpectation)) in zip(answers, expected).enumerated() {
                if let problem = problem(with: member, expecting: memberExpectation, rawLine: nil) {
                    return "batch answer \(index): \(problem)"
                }
            }
            return nil
        }
        return problem(with: answer, expecting: expectation, rawLine: line)
    }

    private static func problem(
        with answer: JSONValue, expecting expectation: GeneratedRequest.Expectation, rawLine: String?
    ) -> String? {
        guard case .object(let members) = answer else { return "an answer is not an object" }
        guard members["jsonrpc"] == "2.0" else { return "jsonrpc is not \"2.0\"" }
        guard let id = members["id"] else { return "the answer has no id" }
        let extra = Set(members.keys).subtracting(["jsonrpc", "id", "result", "error"])
        guard extra.isEmpty else { return "unexpected members \(extra.sorted())" }
        let result = members["result"]
        let error = members["error"]
        guard (result == nil) != (error == nil) else { return "not exactly one of result and error" }
        if let error, let problem = errorProblem(error) { return problem }
        switch expectation {
        case .unaddressed(let codes):
            guard id == .null else { return "an unreadable request was answered with id \(id)" }
            guard let code = code(of: error), codes.contains(code) else { return "expected an error with code in \(codes.sorted())" }
        case .refused(let sentID, let codes):
            guard id == .null || id == JSONValueReader.read(Array(sentID.utf8)) else { return "id \(id), sent \(sentID)" }
            guard let code = code(of: error), codes.contains(code) else { return "expected an error with code in \(codes.sorted())" }
        case .answer(let sentID, let mayAnswer):
            guard id == JSONValueReader.read(Array(sentID.utf8)) else { return "id \(id) does not echo \(sentID)" }
            // Numbers are echoed byte for byte, not just by value.
            if let rawLine, !sentID.hasPrefix("\""), !rawLine.contains(#""id":\#(sentID)"#) {
                return "the id \(sentID) was not echoed exactly"
            }
            if result != nil, !mayAnswer { return "invalid params were accepted" }
        case .batch:
            return "a batch member cannot be a batch"
        }
        return nil
    }

    private static func code(of error: JSONValue?) -> Int? {
        guard case .int(let code)? = error?.objectValue?["code"] else { return nil }
        return Int(code)
    }

    /// What is wrong with an error object, if anything.
    private static func errorProblem(_ error: JSONValue) -> String? {
        guard let code = code(of: error) else { return "the error has no integer code" }
        guard error.objectValue?["message"]?.stringValue != nil else { return "the error has no message" }
        if (-32099)...(-32000) ~= code {
            let data = error.objectValue?["data"]?.objectValue
            guard data?["status"]?.stringValue != nil, data?["reason"]?.stringValue != nil else {
                return "application error \(code) without data.status and data.reason"
            }
            return nil
        }
        return specificCodes.contains(code) ? nil : "error code \(code) is not specific to bad input"
    }
}

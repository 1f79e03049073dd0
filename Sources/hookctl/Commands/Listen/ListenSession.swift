import Foundation
import HookdCore
import Synchronization

/// The state of one `hookctl listen` run, shared by its connections: how many requests
/// came, how often each webhook-id was seen, and the printing of each report.
final class ListenSession: Sendable {
    private struct State {
        var received = 0
        var attempts: [String: Int] = [:]
    }

    private let verification: ListenVerification
    private let status: Int
    private let failFirst: Int
    private let output: StandardOutputLines
    /// One JSON object per request (`-o json`) instead of the report for people.
    private let jsonLines: Bool
    /// Guards the request count and the attempts seen per webhook-id; held while a report
    /// prints, so reports of concurrent requests never interleave.
    private let state = Mutex(State())

    init(verification: ListenVerification, status: Int, failFirst: Int, output: StandardOutputLines, jsonLines: Bool) {
        self.verification = verification
        self.jsonLines = jsonLines
        self.status = status
        self.failFirst = failFirst
        self.output = output
    }

    /// Prints where the receiver listens and how it will check and answer.
    func started(url: String) {
        guard !jsonLines else {
            output.write(#"{"listening":"\#(url)"}"#)
            return
        }
        var lines = ["Listening on \(url) (any path); Ctrl-C to stop."]
        if let source = verification.source {
            lines.append("Verifying signatures with the secret of \(source).")
        } else {
            lines.append("No secret given (--secret or --webhook): signatures are shown, not verified.")
        }
        if failFirst > 0 {
            lines.append("Answering 500 to the first \(failFirst) request\(failFirst == 1 ? "" : "s"), then \(status).")
        } else {
            lines.append("Answering \(status).")
        }
        output.write(lines.joined(separator: "\n"))
    }

    /// Takes one complete request: prints its report and returns the status to answer.
    func received(_ request: ListenRequest) -> Int {
        state.withLock { state in
            state.received += 1
            let answer = state.received <= failFirst ? 500 : status
            let key = request.deliveryKey
            let attempt = key.map { key -> Int in
                state.attempts[key, default: 0] += 1
                return state.attempts[key]!
            }
            let verdicts =
                verification.secrets.isEmpty
                ? nil
                : ReceivedSignatures.check(
                    headers: request.headers, body: request.body, secrets: verification.secrets,
                    signature: verification.signature)
            let report = ListenReport(request: request, attempt: attempt, verdicts: verdicts, answer: answer)
            output.write(jsonLines ? report.jsonLine : report.text)
            return answer
        }
    }
}

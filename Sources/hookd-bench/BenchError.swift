import Foundation

/// Why a benchmark could not produce an honest figure; each case says what to do about it.
enum BenchError: Error, CustomStringConvertible {
    /// A program the benchmark needs is not installed.
    case missingProgram(String)
    /// A system call failed.
    case system(String, Int32)
    /// A helper process (nginx, wrk) failed; with its output.
    case tool(String, String)
    /// The daemon did not reach the state the benchmark waits for in time.
    case timedOut(String)
    /// The run finished but something happened that makes its figure meaningless.
    case invalidRun(String)

    var description: String {
        switch self {
        case .missingProgram(let name): "\(name) is not installed: run scripts/bench-setup (apt-get install nginx-light wrk)"
        case .system(let call, let code): "\(call) failed: \(String(cString: strerror(code)))"
        case .tool(let what, let output): "\(what)\n\(output)"
        case .timedOut(let what): "timed out: \(what)"
        case .invalidRun(let why): "the run is not valid: \(why)"
        }
    }
}

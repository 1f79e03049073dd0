import Foundation
import HookdAPI
import HookdRPC
import NIOCore

/// One connection to hookd for the length of a command.
struct DaemonSession: Sendable {
    let client: RPCClient

    /// Calls an API method and decodes its result; the descriptor fixes both types.
    func call<Params, Result>(
        _ method: APIMethod<Params, Result>, _ params: Params, as: Result.Type = Result.self
    ) async throws -> Result {
        try await client.call(method, params, as: Result.self)
    }
}

extension GlobalOptions {
    /// Connects to the daemon, runs `body` and closes the connection.
    ///
    /// A daemon that is not there becomes one `CLIError` that says how to start it; the
    /// daemon's own errors (`RPCRemoteError`) pass through for `CLIErrorReporter`.
    /// A request over the daemon's frame limit becomes a `CLIError` saying how to raise the
    /// limit, followed by `oversizedAdvice` (what else the command can do).
    func withDaemon<T: Sendable>(
        oversizedAdvice: [String] = [], _ body: (DaemonSession) async throws -> T
    ) async throws -> T {
        let location = socketLocation
        // Before anything is sent: secrets go over this socket. The file's owner first, then
        // (as the connection opens) the uid of the process actually listening.
        let trustedOwner = try trustedSocketOwner()
        if let refusal = try SocketOwner.check(socketPath: location.path, trusted: trustedOwner) {
            throw CLIError(refusal.description)
        }
        // A request over the default limit asks the daemon for its own (--max-request-bytes)
        // before it is refused.
        let client = RPCClient(
            socketPath: location.path, requestLimitProbe: RPCClient.daemonRequestLimit, trustedListeners: Set([getuid(), 0] + (trustedOwner.map { [$0] } ?? [])))
        let outcome: Swift.Result<T, any Error>
        do {
            outcome = .success(try await body(DaemonSession(client: client)))
        } catch {
            outcome = .failure(error)
        }
        await client.close()
        switch outcome {
        case .success(let value):
            return value
        case .failure(RPCClientError.daemonNotRunning):
            throw DaemonUnreachable.notRunning(location)
        case .failure(let error as RPCRemoteError):
            throw error
        case .failure(RPCClientError.requestTooLarge(let bytes, let limit)):
            throw OversizedRequest.error(bytes: bytes, limit: limit, advice: oversizedAdvice)
        case .failure(let error as RPCClientError):
            throw error
        case .failure(let error as CLIError):
            throw error
        case .failure(let error):
            throw DaemonUnreachable.failed(location, error)
        }
    }

    /// The common command: one call, its result printed in the chosen format.
    func callAndPrint<Params, Result>(
        _ method: APIMethod<Params, Result>, _ params: Params, as: Result.Type = Result.self,
        human: (Result) -> String
    ) async throws {
        let result = try await withDaemon { try await $0.call(method, params, as: Result.self) }
        try printer.print(result, human: human)
    }
}

/// The messages for a daemon that cannot be talked to.
enum DaemonUnreachable {
    /// `hookd is not running (no socket at PATH); start it with: hookd --data-dir DIR`.
    static func notRunning(_ location: SocketLocation) -> CLIError {
        let what =
            FileManager.default.fileExists(atPath: location.path)
            ? "nothing is listening on \(location.path)" : "no socket at \(location.path)"
        return CLIError("hookd is not running (\(what)); start it with: \(location.startCommand)")
    }

    /// Any other failure to connect (permissions, a path that is not a socket).
    static func failed(_ location: SocketLocation, _ error: any Error) -> CLIError {
        if let error = error as? IOError, error.errnoCode == EACCES {
            return CLIError(
                "permission denied on \(location.path): this user may not use hookd's socket; "
                    + "ask for its group or run as the daemon's user")
        }
        return CLIError("cannot talk to hookd at \(location.path): \(error)")
    }
}

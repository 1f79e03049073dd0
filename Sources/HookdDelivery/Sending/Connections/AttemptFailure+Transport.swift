import Foundation
import HookdCore
import NIOCore
import NIOHTTP1
import NIOSSL

extension AttemptFailure {
    /// A TCP connect to `endpoint` that failed, in plain words: `connection refused by
    /// 127.0.0.1:9000` rather than the socket layer's `connect: connection refused (errno: 111)`.
    static func connecting(to endpoint: SocketEndpoint, _ error: any Error) -> AttemptFailure {
        let message: String
        switch error {
        case let error as IOError:
            switch error.errnoCode {
            case ECONNREFUSED: message = "connection refused by \(endpoint)"
            case ECONNRESET: message = "\(endpoint) reset the connection"
            case ETIMEDOUT: message = "\(endpoint) did not answer (the connection timed out)"
            case EHOSTUNREACH: message = "no route to \(endpoint)"
            case ENETUNREACH: message = "the network of \(endpoint) is unreachable"
            default: message = "cannot connect to \(endpoint): \(Self.systemText(error.errnoCode))"
            }
        case ChannelError.connectTimeout(let amount):
            message = "no connection to \(endpoint) within \(Interval(milliseconds: amount.nanoseconds / 1_000_000))"
        default:
            message = "cannot connect to \(endpoint): \(error)"
        }
        return AttemptFailure(.connect, message, address: endpoint.address)
    }

    /// No connection to any of `endpoints` within the connect timeout.
    static func connectTimedOut(_ endpoints: [SocketEndpoint], after timeout: Interval) -> AttemptFailure {
        let names = endpoints.map(\.description).joined(separator: " or ")
        return AttemptFailure(.connect, "no connection to \(names) within \(timeout)", address: endpoints.last?.address)
    }

    /// `TLS handshake with api.example.com failed: <reason>`.
    static func handshake(with host: String, at address: IPAddress, _ error: any Error) -> AttemptFailure {
        AttemptFailure(.tls, "TLS handshake with \(host) failed: \(tlsReason(error, host: host))", address: address)
    }

    /// The handshake did not finish within the connect timeout.
    static func handshakeTimedOut(with host: String, at address: IPAddress, after timeout: Interval) -> AttemptFailure {
        AttemptFailure(.tls, "TLS handshake with \(host) did not finish within \(timeout)", address: address)
    }

    /// TLS could not even be set up (the trust roots did not load).
    static func tlsUnavailable(_ problem: String, host: String, address: IPAddress) -> AttemptFailure {
        AttemptFailure(.tls, "TLS handshake with \(host) failed: TLS is not available: \(problem)", address: address)
    }

    /// An error on a connection while a request was on it.
    static func broken(_ endpoint: SocketEndpoint, _ error: any Error, duringResponse: Bool) -> AttemptFailure {
        switch error {
        case let error as HTTPParserError:
            return .invalidResponse(from: endpoint, "\(error)")
        case let error as IOError where error.errnoCode == ECONNRESET:
            return AttemptFailure(.connect, "\(endpoint) reset the connection", address: endpoint.address)
        case let error as IOError where error.errnoCode == EPIPE:
            return .closed(by: endpoint, duringResponse: duringResponse)
        case let error as IOError:
            return AttemptFailure(
                .connect, "the connection to \(endpoint) broke: \(systemText(error.errnoCode))", address: endpoint.address)
        case NIOSSLError.uncleanShutdown:
            return .closed(by: endpoint, duringResponse: duringResponse)
        default:
            return AttemptFailure(.connect, "the connection to \(endpoint) broke: \(error)", address: endpoint.address)
        }
    }

    /// What went wrong in a handshake, in words: BoringSSL's reason (`CERTIFICATE_VERIFY_FAILED`
    /// becomes `certificate verify failed`) rather than the whole error stack.
    private static func tlsReason(_ error: any Error, host: String) -> String {
        switch error {
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return "the certificate is not valid for \(host)"
        case NIOSSLError.handshakeFailed(let boringError):
            return reason(of: boringError)
        case NIOSSLError.uncleanShutdown:
            return "the endpoint closed the connection during the handshake"
        case let error as IOError where error.errnoCode == ECONNRESET:
            return "the endpoint reset the connection during the handshake"
        case let error as IOError:
            return systemText(error.errnoCode)
        default:
            return "\(error)"
        }
    }

    private static func reason(of error: BoringSSLError) -> String {
        let stack: NIOBoringSSLErrorStack
        switch error {
        case .sslError(let errors), .unknownError(let errors): stack = errors
        default: return "\(error)"
        }
        let reasons = stack.map { reasonCode(in: $0.description) }
        guard let first = reasons.first else { return "\(error)" }
        switch first {
        case "CERTIFICATE_VERIFY_FAILED":
            return "the certificate could not be verified (not signed by a trusted CA, expired, or not for this name)"
        case "WRONG_VERSION_NUMBER", "UNKNOWN_PROTOCOL", "PACKET_LENGTH_TOO_LONG":
            return "the endpoint does not speak TLS on this port (\(readable(first)))"
        default:
            return readable(first)
        }
    }

    /// `CERTIFICATE_VERIFY_FAILED` from `Error: 268435581 error:1000007d:SSL
    /// routines:OPENSSL_internal:CERTIFICATE_VERIFY_FAILED at /path/file.cc:123`.
    private static func reasonCode(in description: String) -> String {
        let withoutLocation = description.components(separatedBy: " at ").first ?? description
        return withoutLocation.split(separator: ":").last.map(String.init) ?? description
    }

    private static func readable(_ code: String) -> String {
        code.lowercased().replacingOccurrences(of: "_", with: " ")
    }

    private static func systemText(_ code: CInt) -> String {
        String(cString: strerror(code)).lowercased()
    }
}

import Dispatch
import Foundation
import HookdCore
import Synchronization

/// Turns a host name into the addresses an attempt may connect to.
///
/// The sender checks every address it gets against the target policy and then connects to
/// one of them itself, so the HTTP client never resolves the name a second time.
public protocol HostResolver: Sendable {
    /// Every address `host` resolves to, in the system's order of preference, without
    /// repeats; throws when the name does not resolve within `timeout`.
    func addresses(of host: String, timeout: Interval) async throws(ResolutionFailure) -> [IPAddress]
}

/// Why a host name did not resolve.
public struct ResolutionFailure: Error, Sendable, Equatable, CustomStringConvertible {
    /// The name that was looked up.
    public var host: String
    /// What the resolver said, e.g. `Name or service not known`.
    public var reason: String

    public init(host: String, reason: String) {
        self.host = host
        self.reason = reason
    }

    /// `api.example.com did not resolve: Name or service not known`.
    public var description: String { "\(host) did not resolve: \(reason)" }
}

/// The system resolver (`getaddrinfo`, so `/etc/hosts` and the configured DNS servers),
/// the same lookup the HTTP client would have made.
///
/// `getaddrinfo` blocks, so it runs on a Dispatch global queue (as SwiftNIO's own resolver
/// does), never on an event loop or the cooperative pool; a lookup that outlasts the
/// timeout is abandoned, its thread left to finish on its own.
public struct SystemResolver: HostResolver {
    public init() {}

    public func addresses(of host: String, timeout: Interval) async throws(ResolutionFailure) -> [IPAddress] {
        let result = await withCheckedContinuation { continuation in
            let answer = FirstAnswer(continuation)
            DispatchQueue.global().async { answer.give(Self.lookUp(host)) }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout.timeInterval) {
                answer.give(.failure(ResolutionFailure(host: host, reason: "no answer within \(timeout)")))
            }
        }
        return try result.get()
    }

    /// One blocking `getaddrinfo` for stream sockets, any family.
    private static func lookUp(_ host: String) -> Result<[IPAddress], ResolutionFailure> {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, &hints, &list)
        guard status == 0 else {
            return .failure(ResolutionFailure(host: host, reason: String(cString: gai_strerror(status))))
        }
        defer { freeaddrinfo(list) }
        var addresses: [IPAddress] = []
        var entry = list
        while let current = entry?.pointee {
            entry = current.ai_next
            guard let socketAddress = current.ai_addr else { continue }
            let address: IPAddress
            switch current.ai_family {
            case AF_INET:
                let ipv4 = UnsafeRawPointer(socketAddress).load(as: sockaddr_in.self)
                address = .v4(UInt32(bigEndian: ipv4.sin_addr.s_addr))
            case AF_INET6:
                var ipv6 = UnsafeRawPointer(socketAddress).load(as: sockaddr_in6.self)
                address = .v6(withUnsafeBytes(of: &ipv6.sin6_addr) { Array($0) })
            default:
                continue
            }
            if !addresses.contains(address) { addresses.append(address) }
        }
        guard !addresses.isEmpty else { return .failure(ResolutionFailure(host: host, reason: "no addresses")) }
        return .success(addresses)
    }
}

/// Resumes a continuation with whichever answer comes first: the lookup or its timeout.
private final class FirstAnswer: Sendable {
    typealias Answer = Result<[IPAddress], ResolutionFailure>

    /// Guards the continuation, taken by the first answer.
    private let continuation: Mutex<CheckedContinuation<Answer, Never>?>

    init(_ continuation: CheckedContinuation<Answer, Never>) {
        self.continuation = Mutex(continuation)
    }

    func give(_ answer: Answer) {
        let waiting = continuation.withLock { stored in
            defer { stored = nil }
            return stored
        }
        waiting?.resume(returning: answer)
    }
}

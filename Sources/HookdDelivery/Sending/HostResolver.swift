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
            guard let socketAddress = current.ai_addr, current.ai_family == AF_INET || current.ai_family == AF_INET6,
                let address = numericAddress(socketAddress, length: current.ai_addrlen)
            else { continue }
            if !addresses.contains(address) { addresses.append(address) }
        }
        guard !addresses.isEmpty else { return .failure(ResolutionFailure(host: host, reason: "no addresses")) }
        return .success(addresses)
    }
}

/// The address in a `sockaddr` as `getnameinfo` writes it numerically (`93.184.216.34`,
/// `2606:2800:220:1::1`), parsed; an IPv6 zone (`%eth0`) is dropped, the address is what
/// the policy judges. Reading the text instead of the structs' fields keeps this independent
/// of which C module declared them.
private func numericAddress(_ socketAddress: UnsafeMutablePointer<sockaddr>, length: socklen_t) -> IPAddress? {
    var text = [CChar](repeating: 0, count: Int(NI_MAXHOST))
    guard getnameinfo(socketAddress, length, &text, socklen_t(text.count), nil, 0, NI_NUMERICHOST) == 0 else {
        return nil
    }
    let numeric = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    return IPAddress(standardText: String(numeric.prefix { $0 != "%" }))
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

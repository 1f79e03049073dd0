import AsyncHTTPClient
import HookdCore
import Synchronization

/// A host name and the checked address an attempt must connect to for it.
struct PinnedTarget: Sendable, Hashable {
    /// The URL's host, exactly as the HTTP client reads it (`TargetPolicy.connectionHost`).
    var host: String
    /// The address the policy checked; the connection goes here and nowhere else.
    var address: IPAddress

    init(host: String, address: IPAddress) {
        self.host = host
        self.address = address
    }
}

/// The HTTP clients attempts go out on: one per `PinnedTarget`, whose connections go to
/// exactly the target's address.
///
/// AsyncHTTPClient resolves host names itself, which would let DNS answer differently from
/// the lookup the policy checked (DNS rebinding). Its `dnsOverride` maps a host to the
/// address to dial while TLS still sends the name as SNI and verifies the certificate for
/// it, and the `Host` header still names it; but the override is fixed per client, so each
/// (host, address) pair gets a client of its own, with its own keep-alive pool. A client
/// idle for `idleTimeout` is shut down when the next attempt comes by.
final class PinnedClients: Sendable {
    private struct Entry {
        var client: HTTPClient
        var leases: Int
        var lastUsed: ContinuousClock.Instant
    }

    private struct State {
        var entries: [PinnedTarget: Entry] = [:]
        /// Shutdowns of retired clients still under way, by a running number.
        var retiring: [Int: Task<Void, Never>] = [:]
        var nextRetiring = 0
        var isShutDown = false
    }

    /// Guards the clients, how many attempts use each, and the retired ones shutting down.
    private let state = Mutex(State())
    private let configuration: HTTPClient.Configuration
    private let idleTimeout: Duration

    init(configuration: HTTPClient.Configuration, idleTimeout: Duration = .seconds(60)) {
        self.configuration = configuration
        self.idleTimeout = idleTimeout
    }

    /// Runs `body` with the client for `target`; `nil` once `shutdown()` has begun.
    func withClient<Result: Sendable>(
        for target: PinnedTarget, _ body: (HTTPClient) async -> Result
    ) async -> Result? {
        guard let client = lease(target) else { return nil }
        let result = await body(client)
        state.withLock { state in
            state.entries[target]?.leases -= 1
            state.entries[target]?.lastUsed = .now
        }
        return result
    }

    /// Shuts every client down, waiting for those already retiring.
    func shutdown() async {
        let (clients, retiring) = state.withLock { state in
            state.isShutDown = true
            defer { state.entries = [:] }
            return (state.entries.values.map(\.client), Array(state.retiring.values))
        }
        for client in clients { try? await client.shutdown() }
        for task in retiring { await task.value }
    }

    /// How many clients are open (for tests).
    var openCount: Int { state.withLock { $0.entries.count } }

    private func lease(_ target: PinnedTarget) -> HTTPClient? {
        let now = ContinuousClock.now
        let leased = state.withLock { state -> (HTTPClient, [HTTPClient])? in
            guard !state.isShutDown else { return nil }
            let idle = state.entries.filter { key, entry in
                key != target && entry.leases == 0 && now - entry.lastUsed > idleTimeout
            }
            for key in idle.keys { state.entries[key] = nil }
            var entry = state.entries[target] ?? Entry(client: makeClient(for: target), leases: 0, lastUsed: now)
            entry.leases += 1
            entry.lastUsed = now
            state.entries[target] = entry
            return (entry.client, idle.values.map(\.client))
        }
        guard let (client, idle) = leased else { return nil }
        for client in idle { retire(client) }
        return client
    }

    private func makeClient(for target: PinnedTarget) -> HTTPClient {
        var configuration = configuration
        configuration.dnsOverride = [target.host: target.address.description]
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Shuts an idle client down in the background; `shutdown()` waits for it.
    private func retire(_ client: HTTPClient) {
        state.withLock { state in
            let number = state.nextRetiring
            state.nextRetiring += 1
            state.retiring[number] = Task {
                try? await client.shutdown()
                self.state.withLock { _ = $0.retiring.removeValue(forKey: number) }
            }
        }
    }
}

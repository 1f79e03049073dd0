import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// Starts a daemon (logging at `logLevel`), hands it and a connected client to `body`, and
/// always cleans up.
func withDaemon<T>(
    allowInsecureTargets: Bool = true, arguments: [String] = [], logLevel: String = "debug",
    _ body: (RunningDaemon, RPCClient) async throws -> T
) async throws -> T {
    let daemon = try await RunningDaemon.start(
        allowInsecureTargets: allowInsecureTargets, arguments: arguments, logLevel: logLevel)
    let client = daemon.client()
    do {
        let result = try await body(daemon, client)
        await client.close()
        // Suite-wide: whatever the test did, no secret reached the daemon's log.
        let leaked = SecretLeaks.find(in: daemon.log)
        #expect(leaked.isEmpty, "secrets in hookd's log: \(leaked)")
        await daemon.cleanUp()
        return result
    } catch {
        await client.close()
        print("hookd log:\n\(daemon.log)")
        await daemon.cleanUp()
        throw error
    }
}

/// Starts a receiver (HTTPS with `certificates`), hands it to `body`, and stops it afterwards.
func withReceiver<T>(
    certificates: TestCertificateAuthority? = nil,
    responder: @escaping LoopbackReceiver.Responder = { _ in ReceiverResponse(status: 200) },
    _ body: (LoopbackReceiver) async throws -> T
) async throws -> T {
    let receiver = try await LoopbackReceiver.start(certificates: certificates, responder: responder)
    do {
        let result = try await body(receiver)
        try await receiver.stop()
        return result
    } catch {
        try? await receiver.stop()
        throw error
    }
}

/// The loyalty platform's catalog used across tests.
enum Loyalty {
    static let account = "acc_12345"
    static let eventTypes = ["customer.created", "customer.updated", "transaction.completed", "reward.issued"]

    /// Creates the account and the event types.
    static func seed(_ client: RPCClient, account: String = Loyalty.account) async throws {
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: account), as: Account.self)
        for name in eventTypes {
            _ = try? await client.call(
                .eventTypesCreate, EventTypeCreateParams(name: name, description: "\(name) happened"),
                as: EventType.self)
        }
    }

    /// Creates a webhook and returns it with its secret.
    static func webhook(
        _ client: RPCClient, name: String, url: String, events: [String], retry: [String]? = ["1s", "1s"],
        enabled: Bool? = nil, account: String = Loyalty.account, timeout: String? = nil
    ) async throws -> (view: WebhookView, secret: WebhookSecret) {
        let view = try await client.call(
            .webhooksCreate,
            WebhookCreateParams(
                account: account, name: name, url: url, events: events, enabled: enabled, retry: retry,
                timeout: timeout),
            as: WebhookView.self)
        let secret = try await client.call(
            .webhooksGetSecret, WebhookRefParams(webhook: "\(account)/\(name)"), as: WebhookSecretResult.self)
        return (view, try WebhookSecret(secret.secret))
    }

    /// Publishes one event.
    static func publish(
        _ client: RPCClient, type: String, data: JSONValue = ["customer_id": "cust_67890"], id: String? = nil,
        account: String = Loyalty.account
    ) async throws -> PublishedEvent {
        try await client.publish(EventInput(account: account, type: type, data: data, id: id))
    }
}

/// Waits until the delivery reaches one of `statuses`, polling the daemon (a separate
/// process: there is no event to await), up to `timeout`.
func waitForDelivery(
    _ client: RPCClient, eventId: String, statuses: Set<DeliveryStatus>, timeout: Duration = .seconds(20)
) async throws -> [Delivery] {
    let deadline = ContinuousClock.now + timeout
    while true {
        let detail = try await client.call(.eventsGet, IdParams(id: eventId), as: EventDetail.self)
        if !detail.deliveries.isEmpty && detail.deliveries.allSatisfy({ statuses.contains($0.status) }) {
            return detail.deliveries
        }
        guard ContinuousClock.now < deadline else {
            throw WaitTimeout(description: "deliveries of \(eventId) did not reach \(statuses): \(detail.deliveries.map(\.status))")
        }
        try await Task.sleep(for: .milliseconds(50))
    }
}

struct WaitTimeout: Error, CustomStringConvertible {
    var description: String
}

import HookdCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// Opens the connections pools ask for: a happy-eyeballs race among the origin's checked
/// addresses, then TLS for `https` (SNI and certificate checked for the URL's host name,
/// never the address), then the HTTP/1.1 codec and an `HTTP1ExchangeHandler`. The connect
/// timeout covers the race and the handshake together.
struct ConnectionFactory: Sendable {
    /// Where connections run; each new one takes the group's next loop.
    let group: any EventLoopGroup
    /// The client TLS context (system roots plus `--trust-ca`), or why it could not be made.
    let tls: Result<NIOSSLContext, TLSSetupFailure>
    let connectTimeout: Interval
    /// How long an address may try alone before the next one joins the race.
    let attemptDelay: TimeAmount

    /// Why no TLS context could be made.
    struct TLSSetupFailure: Error {
        var problem: String
    }

    /// Opens connection `id` for `pool` and reports the result to it.
    func open(_ id: ConnectionID, for pool: ConnectionPool) {
        let eventLoop = group.next()
        let endpoints = pool.preferredAddresses.map { SocketEndpoint(address: $0, port: pool.origin.port) }
        let deadline = NIODeadline.now() + .milliseconds(connectTimeout.milliseconds)
        eventLoop.execute {
            HappyEyeballsConnector.race(
                endpoints, on: eventLoop, attemptDelay: attemptDelay, deadline: deadline, connectTimeout: connectTimeout
            )
            .flatMap { connected in
                prepare(connected.0, endpoint: connected.1, id: id, pool: pool, deadline: deadline)
            }
            .whenComplete { result in
                switch result {
                case .success(let connection):
                    pool.connectionEstablished(connection)
                case .failure(let failure as AttemptFailure):
                    pool.connectionFailed(id, failure)
                case .failure(let error):
                    pool.connectionFailed(id, AttemptFailure(.connect, "\(error)", address: endpoints.first?.address))
                }
            }
        }
    }

    /// Sets a connected channel up for HTTP: TLS first when the origin needs it.
    private func prepare(
        _ channel: any Channel, endpoint: SocketEndpoint, id: ConnectionID, pool: ConnectionPool, deadline: NIODeadline
    ) -> EventLoopFuture<PooledConnection> {
        let origin = pool.origin
        let ready: EventLoopFuture<Void>
        if origin.usesTLS {
            ready = handshake(on: channel, host: origin.host, address: endpoint.address, deadline: deadline)
        } else {
            ready = channel.eventLoop.makeSucceededVoidFuture()
        }
        return ready.flatMapThrowing {
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHTTPClientHandlers(enableOutboundHeaderValidation: false)
            let handler = HTTP1ExchangeHandler(pool: pool, connection: id, endpoint: endpoint)
            try pipeline.addHandler(handler)
            return PooledConnection(id: id, channel: channel, handler: handler)
        }
        .flatMapErrorThrowing { error in
            channel.close(promise: nil)
            throw error
        }
    }

    /// Runs the TLS handshake on a connected channel; fails with an `AttemptFailure` of class `tls`.
    private func handshake(
        on channel: any Channel, host: String, address: IPAddress, deadline: NIODeadline
    ) -> EventLoopFuture<Void> {
        let context: NIOSSLContext
        switch tls {
        case .success(let made): context = made
        case .failure(let failure):
            return channel.eventLoop.makeFailedFuture(
                AttemptFailure.tlsUnavailable(failure.problem, host: host, address: address))
        }
        let promise = channel.eventLoop.makePromise(of: Void.self)
        do {
            // SNI carries names only; for an IP literal the certificate is checked for the address.
            let serverName = IPAddress(standardText: host) == nil ? host : nil
            let pipeline = channel.pipeline.syncOperations
            try pipeline.addHandler(NIOSSLClientHandler(context: context, serverHostname: serverName))
            let observer = TLSHandshakeObserver(promise: promise)
            try pipeline.addHandler(observer)
            let timeout = connectTimeout
            let timer = channel.eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
                observer.giveUp(HandshakeTimeout(timeout: timeout))
            }
            promise.futureResult.whenComplete { _ in timer.cancel() }
        } catch {
            promise.fail(error)
        }
        return promise.futureResult.flatMapErrorThrowing { error in
            if let timeout = error as? HandshakeTimeout {
                throw AttemptFailure.handshakeTimedOut(with: host, at: address, after: timeout.timeout)
            }
            throw AttemptFailure.handshake(with: host, at: address, error)
        }
    }

    /// The handshake did not finish before the connect deadline.
    private struct HandshakeTimeout: Error {
        var timeout: Interval
    }
}

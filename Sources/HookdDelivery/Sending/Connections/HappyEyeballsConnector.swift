import HookdCore
import NIOCore
import NIOPosix

/// Runs a `HappyEyeballsStateMachine` with real sockets on one event loop: one TCP connect
/// per address as the machine starts them, the attempt-delay and connect-deadline timers,
/// and the cancellation of the losers. Its future gives the winning channel and the
/// endpoint it reached, or fails with an `AttemptFailure`.
final class HappyEyeballsConnector {
    private let eventLoop: any EventLoop
    private let endpoints: [SocketEndpoint]
    private let attemptDelay: TimeAmount
    private let deadline: NIODeadline
    private let connectTimeout: Interval
    private let promise: EventLoopPromise<(any Channel, SocketEndpoint)>
    private var machine: HappyEyeballsStateMachine
    /// The channels of attempts under way, by address index, to cancel losers with.
    private var channels: [Int: any Channel] = [:]
    private var delayTimer: Scheduled<Void>?
    private var deadlineTimer: Scheduled<Void>?

    private init(
        eventLoop: any EventLoop, endpoints: [SocketEndpoint], attemptDelay: TimeAmount, deadline: NIODeadline,
        connectTimeout: Interval
    ) {
        self.eventLoop = eventLoop
        self.endpoints = endpoints
        self.attemptDelay = attemptDelay
        self.deadline = deadline
        self.connectTimeout = connectTimeout
        self.promise = eventLoop.makePromise()
        self.machine = HappyEyeballsStateMachine(addressCount: endpoints.count)
    }

    /// Races connections to `endpoints` (in order of preference) on `eventLoop`, giving up
    /// at `deadline`; call on that event loop.
    static func race(
        _ endpoints: [SocketEndpoint], on eventLoop: any EventLoop, attemptDelay: TimeAmount, deadline: NIODeadline,
        connectTimeout: Interval
    ) -> EventLoopFuture<(any Channel, SocketEndpoint)> {
        let connector = HappyEyeballsConnector(
            eventLoop: eventLoop, endpoints: endpoints, attemptDelay: attemptDelay, deadline: deadline,
            connectTimeout: connectTimeout)
        connector.deadlineTimer = eventLoop.assumeIsolated().scheduleTask(deadline: deadline) {
            connector.perform(connector.machine.timedOut())
        }
        connector.perform(connector.machine.start())
        return connector.promise.futureResult
    }

    private func perform(_ actions: [HappyEyeballsStateMachine.Action]) {
        var cancelled: [SocketEndpoint] = []
        for action in actions {
            switch action {
            case .connect(let index):
                connect(index)
            case .armDelay:
                delayTimer?.cancel()
                delayTimer = eventLoop.assumeIsolated().scheduleTask(in: attemptDelay) {
                    self.perform(self.machine.delayElapsed())
                }
            case .cancel(let index):
                cancelled.append(endpoints[index])
                channels.removeValue(forKey: index)?.close(promise: nil)
            case .discard(let index):
                channels.removeValue(forKey: index)?.close(promise: nil)
            case .win(let index):
                finishTimers()
                guard let channel = channels.removeValue(forKey: index) else { continue }
                promise.succeed((channel, endpoints[index]))
            case .fail(var failures, let timedOut):
                finishTimers()
                // The addresses still trying when time ran out failed by timing out.
                if timedOut { failures.append(.connectTimedOut(cancelled.isEmpty ? endpoints : cancelled, after: connectTimeout)) }
                promise.fail(
                    AttemptFailure.combined(failures) ?? .connectTimedOut(endpoints, after: connectTimeout))
            }
        }
    }

    private func connect(_ index: Int) {
        let endpoint = endpoints[index]
        let address: SocketAddress
        do {
            address = try SocketAddress(ipAddress: endpoint.address.description, port: endpoint.port)
        } catch {
            eventLoop.assumeIsolated().execute {
                self.perform(self.machine.attemptFailed(index, .connecting(to: endpoint, error)))
            }
            return
        }
        let recorder = NIOLoopBound(self, eventLoop: eventLoop)
        ClientBootstrap(group: eventLoop)
            .channelOption(.tcpOption(.tcp_nodelay), value: 1)
            .connectTimeout(max(deadline - .now(), .milliseconds(1)))
            .channelInitializer { channel in
                recorder.value.channels[index] = channel
                return channel.eventLoop.makeSucceededVoidFuture()
            }
            .connect(to: address)
            .assumeIsolated()
            .whenComplete { result in
                switch result {
                case .success(let channel):
                    self.channels[index] = channel
                    self.perform(self.machine.attemptConnected(index))
                case .failure(let error):
                    self.channels[index] = nil
                    self.perform(self.machine.attemptFailed(index, .connecting(to: endpoint, error)))
                }
            }
    }

    private func finishTimers() {
        delayTimer?.cancel()
        delayTimer = nil
        deadlineTimer?.cancel()
        deadlineTimer = nil
    }
}

@available(*, unavailable)
extension HappyEyeballsConnector: Sendable {}

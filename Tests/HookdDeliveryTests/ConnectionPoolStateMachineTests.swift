import HookdCore
import NIOCore
import Testing

@testable import HookdDelivery

/// The pool's rules, event by event, without a socket or a clock.
struct ConnectionPoolStateMachineTests {
    typealias Machine = ConnectionPoolStateMachine
    typealias Action = Machine.Action

    let t0 = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
    let idle = TimeAmount.seconds(10)
    let refused = AttemptFailure(.connect, "connection refused by 127.0.0.1:9000", address: .v4(0x7F00_0001))

    func machine(maximum: Int) -> Machine {
        Machine(maximumConnections: maximum, idleTimeout: idle)
    }

    @Test("a request with nothing idle waits and opens a connection, which runs it once open, then is reused")
    func firstRequest() {
        var pool = machine(maximum: 4)
        #expect(pool.requestArrived(r(1)) == Action(request: .queue(r(1)), connection: .create(c(0))))
        #expect(pool.connectionEstablished(c(0), at: t0) == Action(request: .run(r(1), on: c(0))))
        #expect(
            pool.exchangeFinished(on: c(0), reusable: true, at: t0) == Action(connection: .armIdleTimer(c(0), at: t0 + idle)))
        #expect(pool.requestArrived(r(2)) == Action(request: .run(r(2), on: c(0))))
        #expect(pool.connections.count == 1)
    }

    @Test("as many connections start as requests wait, never more than the limit")
    func connectionLimit() {
        var pool = machine(maximum: 2)
        #expect(pool.requestArrived(r(1)) == Action(request: .queue(r(1)), connection: .create(c(0))))
        #expect(pool.requestArrived(r(2)) == Action(request: .queue(r(2)), connection: .create(c(1))))
        #expect(pool.requestArrived(r(3)) == Action(request: .queue(r(3))))
        // Whichever connection opens first takes the request that waited longest.
        #expect(pool.connectionEstablished(c(1), at: t0) == Action(request: .run(r(1), on: c(1))))
        #expect(pool.connectionEstablished(c(0), at: t0) == Action(request: .run(r(2), on: c(0))))
        #expect(pool.exchangeFinished(on: c(1), reusable: true, at: t0) == Action(request: .run(r(3), on: c(1))))
        #expect(pool.connections.count == 2)
        #expect(pool.queue.isEmpty)
    }

    @Test("a refused connection frees its slot at once and fails the request that waited longest")
    func refusedConnection() {
        var pool = machine(maximum: 1)
        #expect(pool.requestArrived(r(1)) == Action(request: .queue(r(1)), connection: .create(c(0))))
        #expect(pool.requestArrived(r(2)) == Action(request: .queue(r(2))))
        #expect(
            pool.connectionFailed(c(0), refused)
                == Action(request: .fail(r(1), .connectFailed(refused)), connection: .create(c(1))))
        #expect(pool.connectionFailed(c(1), refused) == Action(request: .fail(r(2), .connectFailed(refused))))
        #expect(pool.connections.isEmpty)
        #expect(pool.queue.isEmpty)
        #expect(pool.connectionFailed(c(1), refused) == .none, "a second report of the same failure is ignored")
    }

    @Test("a failed connection with nobody waiting any more fails nothing")
    func failedConnectionNobodyWaiting() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        #expect(pool.requestTimedOut(r(1)) == Action(request: .fail(r(1), .deadline)))
        #expect(pool.connectionFailed(c(0), refused) == .none)
        #expect(pool.connections.isEmpty)
    }

    @Test("the connection that went idle last is taken first, so surplus ones idle out")
    func lastIdleFirst() {
        var pool = machine(maximum: 2)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.connectionEstablished(c(1), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        _ = pool.exchangeFinished(on: c(1), reusable: true, at: t0 + .seconds(1))
        #expect(pool.requestArrived(r(3)) == Action(request: .run(r(3), on: c(1))))
        #expect(pool.requestArrived(r(4)) == Action(request: .run(r(4), on: c(0))))
    }

    @Test("a connection that cannot be reused closes; its slot frees when its socket has closed")
    func notReusable() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        _ = pool.connectionEstablished(c(0), at: t0)
        #expect(pool.requestArrived(r(2)) == Action(request: .queue(r(2))))
        #expect(pool.exchangeFinished(on: c(0), reusable: false, at: t0) == Action(connection: .close(c(0))))
        #expect(pool.connections[c(0)]?.use == .closing)
        #expect(pool.connectionClosed(c(0)) == Action(connection: .create(c(1))))
        #expect(pool.connectionEstablished(c(1), at: t0) == Action(request: .run(r(2), on: c(1))))
    }

    @Test("an idle connection the server closed is never handed out again")
    func serverClosedIdle() {
        var pool = machine(maximum: 2)
        _ = pool.requestArrived(r(1))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        #expect(pool.connectionClosed(c(0)) == .none)
        #expect(pool.requestArrived(r(2)) == Action(request: .queue(r(2)), connection: .create(c(1))))
        #expect(pool.connectionClosed(c(0)) == .none, "a repeated close is ignored")
    }

    @Test("a request the connection could not write waits again, first in line")
    func bouncedRequestWaitsFirst() {
        var pool = machine(maximum: 2)
        _ = pool.requestArrived(r(1))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        #expect(pool.requestArrived(r(2)) == Action(request: .run(r(2), on: c(0))))
        #expect(pool.requestArrived(r(3)) == Action(request: .queue(r(3)), connection: .create(c(1))))
        // c(0) had closed before r(2) was written: r(2) goes back ahead of r(3).
        #expect(pool.exchangeBounced(r(2), from: c(0)) == Action(request: .queue(r(2))))
        #expect(pool.queue.elementsEqual([r(2), r(3)]))
        #expect(pool.connectionClosed(c(0)) == Action(connection: .create(c(2))))
        #expect(pool.connectionEstablished(c(1), at: t0) == Action(request: .run(r(2), on: c(1))))
        #expect(pool.connectionEstablished(c(2), at: t0) == Action(request: .run(r(3), on: c(2))))
        #expect(pool.exchangeFinished(on: c(0), reusable: true, at: t0) == .none, "the closed connection is gone")
    }

    @Test("a bounced request takes an idle connection when there is one")
    func bouncedRequestTakesIdle() {
        var pool = machine(maximum: 2)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.connectionEstablished(c(1), at: t0)
        _ = pool.exchangeFinished(on: c(1), reusable: true, at: t0)
        // c(0) went away under its request; the closed event came first.
        #expect(pool.connectionClosed(c(0)) == .none)
        #expect(pool.exchangeBounced(r(1), from: c(0)) == Action(request: .run(r(1), on: c(1))))
    }

    @Test("one idle timer per connection: re-armed for a connection used meanwhile, closing it once idle long enough")
    func idleTimer() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        _ = pool.connectionEstablished(c(0), at: t0)
        #expect(
            pool.exchangeFinished(on: c(0), reusable: true, at: t0) == Action(connection: .armIdleTimer(c(0), at: t0 + idle)))
        #expect(pool.requestArrived(r(2)) == Action(request: .run(r(2), on: c(0))))
        #expect(pool.exchangeFinished(on: c(0), reusable: true, at: t0 + .seconds(6)) == .none, "its timer is pending")
        #expect(
            pool.idleTimerFired(for: c(0), at: t0 + idle)
                == Action(connection: .armIdleTimer(c(0), at: t0 + .seconds(16))))
        #expect(pool.idleTimerFired(for: c(0), at: t0 + .seconds(16)) == Action(connection: .close(c(0))))
        #expect(pool.connections[c(0)]?.use == .closing)
        #expect(pool.requestArrived(r(3)) == Action(request: .queue(r(3))), "the closing connection still holds the slot")
        #expect(pool.connectionClosed(c(0)) == Action(connection: .create(c(1))))
    }

    @Test("an idle timer firing while the connection is busy does nothing; the next idle spell arms a new one")
    func idleTimerWhileBusy() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        _ = pool.requestArrived(r(2))
        #expect(pool.idleTimerFired(for: c(0), at: t0 + idle) == .none)
        #expect(
            pool.exchangeFinished(on: c(0), reusable: true, at: t0 + .seconds(11))
                == Action(connection: .armIdleTimer(c(0), at: t0 + .seconds(21))))
    }

    @Test("a waiting request's deadline fails it; a running one is left to its connection")
    func deadlines() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        #expect(pool.requestTimedOut(r(2)) == Action(request: .fail(r(2), .deadline)))
        _ = pool.connectionEstablished(c(0), at: t0)
        #expect(pool.requestTimedOut(r(1)) == .none)
        #expect(pool.connections[c(0)]?.use == .leased(r(1)))
    }

    @Test("cancelling fails a waiting request and aborts a running one with its connection")
    func cancellation() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        #expect(pool.requestCancelled(r(2)) == Action(request: .fail(r(2), .cancelled)))
        _ = pool.connectionEstablished(c(0), at: t0)
        #expect(pool.requestCancelled(r(1)) == Action(connection: .abort(r(1), on: c(0), .cancelled)))
        #expect(pool.exchangeFinished(on: c(0), reusable: false, at: t0) == Action(connection: .close(c(0))))
        #expect(pool.requestCancelled(r(9)) == .none)
    }

    @Test("shutdown fails waiting requests, aborts running ones, closes late ones, then drains")
    func shutdownBusy() {
        var pool = machine(maximum: 3)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.connectionEstablished(c(1), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        #expect(pool.requestArrived(r(3)) == Action(request: .run(r(3), on: c(0))))
        #expect(pool.requestArrived(r(4)) == Action(request: .queue(r(4)), connection: .create(c(2))))
        #expect(
            pool.shutDown()
                == Action(request: .failAll([r(4)], .shutdown), connection: .shutDown(closing: [], aborting: [c(0), c(1)])))
        #expect(pool.shutDown() == .none, "a second shutdown does nothing")
        #expect(pool.requestArrived(r(5)) == Action(request: .fail(r(5), .shutdown)))
        #expect(pool.exchangeFinished(on: c(0), reusable: false, at: t0) == Action(connection: .close(c(0))))
        #expect(pool.exchangeFinished(on: c(1), reusable: true, at: t0) == Action(connection: .close(c(1))))
        #expect(pool.connectionEstablished(c(2), at: t0) == Action(connection: .close(c(2))))
        #expect(!pool.isDrained)
        for id in [c(0), c(1), c(2)] { #expect(pool.connectionClosed(id) == .none) }
        #expect(pool.isDrained)
    }

    @Test("shutdown closes idle connections; a connection still opening is dropped when it fails")
    func shutdownIdle() {
        var pool = machine(maximum: 2)
        _ = pool.requestArrived(r(1))
        _ = pool.requestArrived(r(2))
        _ = pool.connectionEstablished(c(0), at: t0)
        #expect(pool.requestTimedOut(r(2)) == Action(request: .fail(r(2), .deadline)))
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        #expect(pool.shutDown() == Action(connection: .shutDown(closing: [c(0)], aborting: [])))
        #expect(pool.connectionFailed(c(1), refused) == .none)
        #expect(!pool.isDrained)
        #expect(pool.connectionClosed(c(0)) == .none)
        #expect(pool.isDrained)
    }

    @Test("a pool retires only when it has nothing, and a retired pool sends requests elsewhere")
    func retirement() {
        var pool = machine(maximum: 1)
        _ = pool.requestArrived(r(1))
        var retired = pool.retireIfUnused()
        #expect(!retired, "a request waits")
        _ = pool.connectionEstablished(c(0), at: t0)
        _ = pool.exchangeFinished(on: c(0), reusable: true, at: t0)
        retired = pool.retireIfUnused()
        #expect(!retired, "a connection is open")
        _ = pool.connectionClosed(c(0))
        retired = pool.retireIfUnused()
        #expect(retired)
        #expect(pool.requestArrived(r(2)) == Action(request: .retry(r(2))))
    }
}

func r(_ number: Int) -> RequestID { RequestID(number: number) }
func c(_ number: Int) -> ConnectionID { ConnectionID(number: number) }

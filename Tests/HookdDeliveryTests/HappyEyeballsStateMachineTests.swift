import HookdCore
import Testing

@testable import HookdDelivery

/// The connection race among checked addresses, without sockets.
struct HappyEyeballsStateMachineTests {
    typealias Machine = HappyEyeballsStateMachine

    let refused = AttemptFailure(.connect, "connection refused by 127.0.0.2:9000", address: IPAddress(literal: "127.0.0.2"))
    let unreachable = AttemptFailure(.connect, "no route to 127.0.0.3:9000", address: IPAddress(literal: "127.0.0.3"))

    @Test("one address: it is tried alone, without a delay timer, and wins")
    func singleAddress() {
        var race = Machine(addressCount: 1)
        #expect(race.start() == [.connect(0)])
        #expect(race.attemptConnected(0) == [.win(0)])
        #expect(race.isDecided)
    }

    @Test("the next address starts when the delay passes; the first to connect wins and the rest are cancelled")
    func delayStartsNext() {
        var race = Machine(addressCount: 3)
        #expect(race.start() == [.connect(0), .armDelay])
        #expect(race.delayElapsed() == [.connect(1), .armDelay])
        #expect(race.delayElapsed() == [.connect(2)])
        #expect(race.delayElapsed() == [], "no address is left to start")
        #expect(race.attemptConnected(1) == [.win(1), .cancel(0), .cancel(2)])
        #expect(race.attemptConnected(0) == [.discard(0)], "a connection made after the race is closed")
        #expect(race.attemptFailed(2, refused) == [])
    }

    @Test("a failed attempt starts the next address at once")
    func failureStartsNext() {
        var race = Machine(addressCount: 2)
        #expect(race.start() == [.connect(0), .armDelay])
        #expect(race.attemptFailed(0, refused) == [.connect(1)])
        #expect(race.attemptConnected(1) == [.win(1)])
    }

    @Test("when every address fails, the race fails with every failure in order")
    func allFail() {
        var race = Machine(addressCount: 2)
        _ = race.start()
        _ = race.delayElapsed()
        #expect(race.attemptFailed(1, unreachable) == [], "address 0 is still trying")
        #expect(race.attemptFailed(0, refused) == [.fail([unreachable, refused], timedOut: false)])
        #expect(race.isDecided)
    }

    @Test("the connect timeout cancels what is still trying and fails with the failures so far")
    func timeout() {
        var race = Machine(addressCount: 3)
        _ = race.start()
        #expect(race.attemptFailed(0, refused) == [.connect(1), .armDelay])
        _ = race.delayElapsed()
        #expect(race.timedOut() == [.cancel(1), .cancel(2), .fail([refused], timedOut: true)])
        #expect(race.delayElapsed() == [])
        #expect(race.timedOut() == [])
        #expect(race.attemptConnected(2) == [.discard(2)])
    }

    @Test("a race with no address fails at once")
    func noAddress() {
        var race = Machine(addressCount: 0)
        #expect(race.start() == [.fail([], timedOut: false)])
    }

    @Test("a delay firing after the race was won starts nothing")
    func lateDelay() {
        var race = Machine(addressCount: 2)
        _ = race.start()
        _ = race.attemptConnected(0)
        #expect(race.delayElapsed() == [])
    }
}

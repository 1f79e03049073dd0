import HookdCore
import NIOCore
import HookdTesting
import Testing

@testable import HookdDelivery

/// The pool machine driven by long random runs of every event it knows, each action checked
/// against a model of the sockets and requests it speaks of.
struct ConnectionPoolSoakTests {
    @Test("random runs keep every rule: each request ends once, limits hold, nobody waits without a connection coming",
        arguments: 0..<200)
    func randomRun(seed: Int) {
        let world = PoolWorld(maximum: seed % 4 + 1, seed: UInt64(seed))
        for _ in 0..<400 { world.step() }
        world.drain()
        #expect(Array(world.problems.prefix(3)) == [], "seed \(seed)")
        #expect(world.requests.values.allSatisfy { $0 == .ended }, "seed \(seed): every request ended")
        world.shutDownAndDrain()
        #expect(world.machine.isDrained, "seed \(seed)")
        #expect(Array(world.problems.prefix(3)) == [], "seed \(seed)")
    }
}

/// The sockets and requests around a pool machine, as the machine's actions say they should
/// be; every action that contradicts them is recorded as a problem. A class, so that checks
/// can read the world while recording into it.
final class PoolWorld {
    enum Fate: Equatable {
        case waiting
        case running(ConnectionID)
        case ended
    }

    typealias Machine = ConnectionPoolStateMachine

    var machine: Machine
    var requests: [RequestID: Fate] = [:]
    var starting: Set<ConnectionID> = []
    /// Open connections and the request each runs (`nil`: idle).
    var open: [ConnectionID: RequestID?] = [:]
    /// Connections whose sockets are closing; the close event is still to come.
    var closing: Set<ConnectionID> = []
    var armedTimers: Set<ConnectionID> = []
    var problems: [String] = []
    var now = NIODeadline.uptimeNanoseconds(1_000_000_000_000)
    private var nextRequest = 0
    private var random: SeededRandomNumberGenerator
    private let idleTimeout = TimeAmount.seconds(10)
    private let refused = AttemptFailure(.connect, "connection refused by 127.0.0.1:9000", address: nil)

    init(maximum: Int, seed: UInt64) {
        machine = Machine(maximumConnections: maximum, idleTimeout: idleTimeout)
        random = SeededRandomNumberGenerator(seed: seed)
    }

    // MARK: - Events

    func step() {
        switch Int.random(in: 0..<11, using: &random) {
        case 0, 1: arrive()
        case 2: if let id = pick(starting) { establish(id) }
        case 3: if let id = pick(starting) { failConnect(id) }
        case 4, 5: if let id = pick(running) { finish(id, reusable: Bool.random(using: &random)) }
        case 6: if let id = pick(running) { bounce(id) }
        case 7: if let id = pick(Set(open.keys)) { peerCloses(id) }
        case 8: if let id = pick(closing) { socketClosed(id) }
        case 9:
            if let request = pick(Set(requests.filter { $0.value != .ended }.keys)) {
                if Bool.random(using: &random) {
                    apply(machine.requestTimedOut(request), "timeout \(request)")
                } else {
                    apply(machine.requestCancelled(request), "cancel \(request)")
                }
            }
        default:
            now = now + .seconds(Int64.random(in: 0...12, using: &random))
            if let id = pick(armedTimers) {
                armedTimers.remove(id)
                apply(machine.idleTimerFired(for: id, at: now), "idle timer \(id)")
            }
        }
        checkInvariants()
    }

    /// Runs everything to its end: connections open, exchanges finish, sockets close.
    func drain() {
        var rounds = 0
        while requests.values.contains(where: { $0 != .ended }) || !starting.isEmpty || !closing.isEmpty {
            rounds += 1
            guard rounds < 10_000 else {
                problems.append("drain did not finish: \(requests.filter { $0.value != .ended })")
                return
            }
            if let id = starting.min(by: { $0.number < $1.number }) {
                establish(id)
            } else if let id = running.min(by: { $0.number < $1.number }) {
                finish(id, reusable: true)
            } else if let id = closing.min(by: { $0.number < $1.number }) {
                socketClosed(id)
            } else {
                problems.append("requests wait with no connection coming: \(Array(machine.queue))")
                return
            }
            checkInvariants()
        }
    }

    func shutDownAndDrain() {
        apply(machine.shutDown(), "shutdown")
        while let id = starting.first { establish(id) }
        while let id = closing.first { socketClosed(id) }
    }

    private func arrive() {
        let request = RequestID(number: nextRequest)
        nextRequest += 1
        requests[request] = .waiting
        apply(machine.requestArrived(request), "arrive \(request)")
    }

    private func establish(_ id: ConnectionID) {
        starting.remove(id)
        open[id] = .some(nil)
        apply(machine.connectionEstablished(id, at: now), "establish \(id)")
    }

    private func failConnect(_ id: ConnectionID) {
        starting.remove(id)
        apply(machine.connectionFailed(id, refused), "fail \(id)")
    }

    private func finish(_ id: ConnectionID, reusable: Bool) {
        guard case .some(.some(let request)) = open[id] else { return }
        requests[request] = .ended
        open[id] = .some(nil)
        apply(machine.exchangeFinished(on: id, reusable: reusable, at: now), "finish \(request) on \(id)")
    }

    /// The connection turned out closed when its request was to be written.
    private func bounce(_ id: ConnectionID) {
        guard case .some(.some(let request)) = open[id] else { return }
        requests[request] = .waiting
        open[id] = nil
        closing.insert(id)
        apply(machine.exchangeBounced(request, from: id), "bounce \(request) from \(id)")
    }

    /// The server closes a connection; a request on it fails (its handler reports the
    /// exchange finished) and the socket-closed event comes, in either order.
    private func peerCloses(_ id: ConnectionID) {
        guard case .some(let running) = open.removeValue(forKey: id) else { return }
        closing.insert(id)
        guard let running else {
            // The close reaches the pool with the FIN; a request handed out in between is
            // what `bounce` plays.
            socketClosed(id)
            return
        }
        requests[running] = .ended
        if Bool.random(using: &random) {
            apply(machine.exchangeFinished(on: id, reusable: false, at: now), "peer closed \(id) under \(running)")
        } else {
            socketClosed(id)
            apply(machine.exchangeFinished(on: id, reusable: false, at: now), "late finish on closed \(id)")
        }
    }

    private func socketClosed(_ id: ConnectionID) {
        closing.remove(id)
        armedTimers.remove(id)
        apply(machine.connectionClosed(id), "closed \(id)")
    }

    // MARK: - Actions

    private func apply(_ action: Machine.Action, _ event: String) {
        switch action.request {
        case .none:
            break
        case .run(let request, let id):
            expect(requests[request] == .waiting, "\(event): runs \(request), which is \(String(describing: requests[request]))")
            expect(open[id] == .some(nil), "\(event): runs \(request) on \(id), which is not idle")
            requests[request] = .running(id)
            open[id] = request
        case .queue(let request):
            expect(requests[request] == .waiting, "\(event): queues \(request), which is not waiting")
        case .fail(let request, _):
            end(request, event)
        case .failAll(let requests, _):
            for request in requests { end(request, event) }
        case .retry(let request):
            expect(machine.lifecycle == .retired, "\(event): retries \(request) on a pool that is not retired")
            requests[request] = .ended
        }
        switch action.connection {
        case .none:
            break
        case .create(let id):
            expect(open[id] == nil && !starting.contains(id) && !closing.contains(id), "\(event): reuses id \(id)")
            starting.insert(id)
        case .close(let id):
            close(id, event)
        case .armIdleTimer(let id, let deadline):
            expect(open[id] == .some(nil), "\(event): arms a timer for \(id), which is not idle")
            expect(!armedTimers.contains(id), "\(event): arms a second timer for \(id)")
            expect(deadline > now, "\(event): arms a timer in the past")
            armedTimers.insert(id)
        case .abort(let request, let id, _):
            if open[id] != .some(request) { problems.append("\(event): aborts \(id) for \(request), which it does not run") }
            abort(id, event)
        case .shutDown(let closingIDs, let aborting):
            for id in closingIDs { close(id, event) }
            for id in aborting { abort(id, event) }
        }
    }

    private func end(_ request: RequestID, _ event: String) {
        expect(requests[request] == .waiting, "\(event): fails \(request), which is \(String(describing: requests[request]))")
        requests[request] = .ended
    }

    private func close(_ id: ConnectionID, _ event: String) {
        if closing.contains(id) { return }  // already going: a close is harmless
        expect(open[id] == .some(nil), "\(event): closes \(id), which is not idle")
        open[id] = nil
        closing.insert(id)
    }

    /// The handler ends the running request and reports the exchange finished, not reusable.
    private func abort(_ id: ConnectionID, _ event: String) {
        guard case .some(.some(let request)) = open[id] else {
            problems.append("\(event): aborts \(id), which runs nothing")
            return
        }
        requests[request] = .ended
        open[id] = .some(nil)
        apply(machine.exchangeFinished(on: id, reusable: false, at: now), "abort \(id)")
    }

    // MARK: - Invariants

    private func checkInvariants() {
        let known = Set(machine.connections.keys)
        expect(known.count <= machine.maximumConnections, "more connections than the limit: \(known.count)")
        expect(known == starting.union(open.keys).union(closing), "machine and world disagree on connections")
        let waiting = Set(requests.filter { $0.value == .waiting }.keys)
        expect(Set(machine.queue) == waiting, "queue \(Array(machine.queue)) is not the waiting requests \(waiting)")
        expect(machine.queue.count == waiting.count, "a request waits twice")
        let idle = open.filter { $0.value == nil }.keys
        expect(machine.queue.isEmpty || idle.isEmpty, "requests wait while \(Array(idle)) idle")
        if machine.lifecycle == .running && machine.queue.count > starting.count {
            expect(known.count == machine.maximumConnections, "requests wait with room for a connection and none coming")
        }
        for (id, running) in open {
            let expected: Machine.Use? = running.map { .leased($0) }
            if let expected { expect(machine.connections[id]?.use == expected, "\(id) should run \(expected)") }
        }
    }

    private var running: Set<ConnectionID> { Set(open.filter { $0.value != nil }.keys) }

    private func pick(_ ids: Set<ConnectionID>) -> ConnectionID? {
        ids.sorted { $0.number < $1.number }.randomElement(using: &random)
    }

    private func pick(_ ids: Set<RequestID>) -> RequestID? {
        ids.sorted { $0.number < $1.number }.randomElement(using: &random)
    }

    private func expect(_ condition: Bool, _ problem: @autoclosure () -> String) {
        if !condition { problems.append(problem()) }
    }
}

import Foundation
import HookdCore
import NIOCore
import Synchronization

/// Hands the lines a client connection receives to the calls waiting for them.
///
/// A call registers what it expects *before* its request is written (so an answer cannot
/// arrive unclaimed), then waits. Answers carrying the id of a pending call go to that call;
/// any other line goes to the oldest raw exchange. Failing that, an error answer with id
/// null (a frame the daemon could not read, so could not address) ends every pending call
/// with that error: which call it was for cannot be known, and waiting on would be forever.
/// Any other line is dropped (the late answer to an exchange that timed out). Waiting never touches the connection's inbound
/// stream, so giving up on a wait leaves the connection usable.
final class ResponseMailbox: Sendable {
    /// What a caller waits for.
    enum Expectation: Sendable {
        /// The response whose `id` is this request id.
        case response(id: Int)
        /// The next line not claimed by a call.
        case anyLine
    }

    /// A caller's claim on one line.
    struct Ticket: Sendable, Hashable {
        fileprivate let number: Int
    }

    private enum Slot {
        case pending
        case waiting(CheckedContinuation<ByteBuffer, any Error>)
        case arrived(ByteBuffer)
        case failed(any Error)
    }

    private struct State {
        var nextTicket = 0
        var slots: [Int: Slot] = [:]
        /// Unanswered calls: request id to ticket.
        var calls: [Int: Int] = [:]
        /// The same calls the other way round (ticket to request id), so that forgetting one
        /// takes constant time however many are in flight.
        var callIDs: [Int: Int] = [:]
        /// Unanswered raw exchanges, oldest first.
        var exchanges: [Int] = []
        /// Set once the connection is gone; later tickets fail at once.
        var closure: (any Error)?
        /// The last error answer with id null that found no call to end (the daemon refusing
        /// the connection, or closing it when idle): the reason the connection ends, rather
        /// than a bare "closed".
        var unaddressed: RPCRemoteError?
        /// Set when the daemon has said it is closing the connection: no new request may go
        /// on it, though the end itself may not have arrived yet.
        var isEnding = false
        /// Where notifications go (lines with a method and no id), once someone listens.
        var notifications: AsyncStream<RPCNotification>.Continuation?

        mutating func unregister(_ ticket: Int) {
            if let id = callIDs.removeValue(forKey: ticket) {
                calls[id] = nil
            } else {
                exchanges.removeAll { $0 == ticket }
            }
        }
    }

    /// Guards the slots against the connection's reader task and the waiting callers.
    private let state = Mutex(State())

    /// True once ``close(with:)`` has been called, or the daemon has said it is closing.
    var isClosed: Bool {
        state.withLock { $0.closure != nil || $0.isEnding }
    }

    /// The reasons of the error answers (id null) with which the daemon closes a connection.
    static let closingReasons: Set<String> = ["hookd.IdleTimeout", "hookd.TooManyClients", "hookd.NoRole"]

    /// The reasons with which the daemon refuses a connection outright: sending again on a
    /// new one cannot help.
    static let refusingReasons: Set<String> = ["hookd.TooManyClients", "hookd.NoRole"]

    /// The daemon's refusal of this connection, once its line has arrived.
    var refusal: RPCRemoteError? {
        state.withLock { state in
            guard let reason = state.unaddressed?.data?.reason, Self.refusingReasons.contains(reason) else { return nil }
            return state.unaddressed
        }
    }

    /// Why the connection ended, once it has.
    var closure: (any Error)? {
        state.withLock { $0.closure }
    }

    /// Claims the line that will match `expectation`.
    func expect(_ expectation: Expectation) -> Ticket {
        state.withLock { state in
            let number = state.nextTicket
            state.nextTicket += 1
            if let closure = state.closure {
                state.slots[number] = .failed(closure)
                return Ticket(number: number)
            }
            state.slots[number] = .pending
            switch expectation {
            case .response(let id):
                state.calls[id] = number
                state.callIDs[number] = id
            case .anyLine: state.exchanges.append(number)
            }
            return Ticket(number: number)
        }
    }

    /// The line claimed by `ticket`; throws the connection's failure, or
    /// `CancellationError` when the waiting task is cancelled (which gives up the claim).
    func wait(for ticket: Ticket) async throws -> ByteBuffer {
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready: Result<ByteBuffer, any Error>? = state.withLock { state in
                    switch state.slots[ticket.number] {
                    case .pending?:
                        state.slots[ticket.number] = .waiting(continuation)
                        return nil
                    case .arrived(let line)?:
                        state.slots[ticket.number] = nil
                        return .success(line)
                    case .failed(let error)?:
                        state.slots[ticket.number] = nil
                        return .failure(error)
                    case .waiting?, nil:
                        // Cancelled before waiting began (or waited on twice).
                        return .failure(CancellationError())
                    }
                }
                if let ready { continuation.resume(with: ready) }
            }
        } onCancel: {
            cancel(ticket)
        }
    }

    /// Gives up a claim; a line arriving for it later is dropped.
    func cancel(_ ticket: Ticket) {
        let waiter: CheckedContinuation<ByteBuffer, any Error>? = state.withLock { state in
            state.unregister(ticket.number)
            guard case .waiting(let continuation)? = state.slots.removeValue(forKey: ticket.number) else { return nil }
            return continuation
        }
        waiter?.resume(throwing: CancellationError())
    }

    /// The notifications that arrive from now on, until the connection closes; a later
    /// call ends the stream an earlier one returned.
    func receiveNotifications() -> AsyncStream<RPCNotification> {
        let (stream, continuation) = AsyncStream.makeStream(of: RPCNotification.self)
        let (previous, closed): (AsyncStream<RPCNotification>.Continuation?, Bool) = state.withLock { state in
            let previous = state.notifications
            guard state.closure == nil else { return (previous, true) }
            state.notifications = continuation
            return (previous, false)
        }
        previous?.finish()
        if closed { continuation.finish() }
        return stream
    }

    /// Routes one received line.
    func deliver(_ line: ByteBuffer) {
        if let notification = Self.notification(in: line) {
            let sink = state.withLock { $0.notifications }
            if let sink {
                sink.yield(notification)
                return
            }
        }
        let (id, unaddressed) = Self.header(of: line)
        let (waiter, failed): (CheckedContinuation<ByteBuffer, any Error>?, [CheckedContinuation<ByteBuffer, any Error>]) =
            state.withLock { state in
                if let reason = unaddressed?.data?.reason, Self.closingReasons.contains(reason) {
                    state.isEnding = true
                    // Kept even when it ends calls: a call whose request could not be written
                    // (the connection closed meanwhile) gives up its claim, and the reason must
                    // outlive it (``refusal``, ``closure``).
                    state.unaddressed = unaddressed
                }
                guard let ticket = id.flatMap({ state.calls[$0] }) ?? state.exchanges.first else {
                    guard let unaddressed else { return (nil, []) }
                    if state.calls.isEmpty { state.unaddressed = unaddressed }
                    return (nil, Self.failCalls(in: &state, with: unaddressed))
                }
                state.unregister(ticket)
                switch state.slots[ticket] {
                case .waiting(let continuation)?:
                    state.slots[ticket] = nil
                    return (continuation, [])
                default:
                    state.slots[ticket] = .arrived(line)
                    return (nil, [])
                }
            }
        waiter?.resume(returning: line)
        if let unaddressed {
            for call in failed { call.resume(throwing: unaddressed) }
        }
    }

    /// Ends every pending call (not raw exchanges) with `error`; returns those already waiting.
    private static func failCalls(
        in state: inout State, with error: any Error
    ) -> [CheckedContinuation<ByteBuffer, any Error>] {
        var waiters: [CheckedContinuation<ByteBuffer, any Error>] = []
        for ticket in state.calls.values {
            switch state.slots[ticket] {
            case .waiting(let continuation)?:
                waiters.append(continuation)
                state.slots[ticket] = nil
            case .pending?:
                state.slots[ticket] = .failed(error)
            default:
                break
            }
        }
        state.calls = [:]
        state.callIDs = [:]
        return waiters
    }

    /// Fails every claim, present and future, with `error`, or with the error answer (id null)
    /// that came unclaimed before the end, which says why better.
    func close(with error: any Error) {
        let (waiters, error, sink): ([CheckedContinuation<ByteBuffer, any Error>], any Error, AsyncStream<RPCNotification>.Continuation?) = state.withLock { state in
            guard state.closure == nil else { return ([], error, nil) }
            let error = state.unaddressed ?? error
            state.closure = error
            let sink = state.notifications
            state.notifications = nil
            state.calls = [:]
            state.callIDs = [:]
            state.exchanges = []
            var waiters: [CheckedContinuation<ByteBuffer, any Error>] = []
            for (number, slot) in state.slots {
                switch slot {
                case .waiting(let continuation):
                    waiters.append(continuation)
                    state.slots[number] = nil
                case .pending:
                    state.slots[number] = .failed(error)
                case .arrived, .failed:
                    break
                }
            }
            return (waiters, error, sink)
        }
        sink?.finish()
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// The notification a line is (a method and no id), if it is one.
    private static func notification(in line: ByteBuffer) -> RPCNotification? {
        guard line.readableBytesView.first == UInt8(ascii: "{"),
            case .object(let members)? = JSONValueReader.read(line.readableBytesView),
            members["id"] == nil, case .string(let method)? = members["method"]
        else { return nil }
        return RPCNotification(method: method, params: members["params"] ?? .null)
    }

    /// The integer id of a response line, if it is a single response with one; else, when it
    /// is an error answer with id null, that error.
    ///
    /// Read with the one-pass `JSONValueReader`: every answer passes here, and Foundation's
    /// `JSONDecoder` cost a producer publishing 2,000 events/s a fifth of its CPU. Only an
    /// answer with id null, which is rare, is decoded again for its error.
    private static func header(of line: ByteBuffer) -> (id: Int?, unaddressed: RPCRemoteError?) {
        guard line.readableBytesView.first == UInt8(ascii: "{"),
            case .object(let members)? = JSONValueReader.read(line.readableBytesView)
        else { return (nil, nil) }
        switch members["id"] {
        case .int(let id)?:
            return (Int(exactly: id), nil)
        case nil, .null?:
            guard members["error"] != nil,
                let response = try? JSONCoding.decoder.decode(RPCResponseID.self, from: Data(line.readableBytesView)),
                let error = response.error
            else { return (nil, nil) }
            return (nil, RPCRemoteError(code: error.code, message: error.message, data: error.data))
        default:
            return (nil, nil)
        }
    }
}

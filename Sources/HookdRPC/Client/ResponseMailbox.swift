import Foundation
import HookdCore
import NIOCore
import Synchronization

/// Hands the lines a client connection receives to the calls waiting for them.
///
/// A call registers what it expects *before* its request is written (so an answer cannot
/// arrive unclaimed), then waits. Answers carrying the id of a pending call go to that call;
/// any other line goes to the oldest raw exchange, or is dropped when nobody waits (the late
/// answer to an exchange that timed out). Waiting never touches the connection's inbound
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

    /// True once ``close(with:)`` has been called.
    var isClosed: Bool {
        state.withLock { $0.closure != nil }
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

    /// Routes one received line.
    func deliver(_ line: ByteBuffer) {
        let id = Self.requestID(of: line)
        let waiter: CheckedContinuation<ByteBuffer, any Error>? = state.withLock { state in
            guard let ticket = id.flatMap({ state.calls[$0] }) ?? state.exchanges.first else { return nil }
            state.unregister(ticket)
            switch state.slots[ticket] {
            case .waiting(let continuation)?:
                state.slots[ticket] = nil
                return continuation
            default:
                state.slots[ticket] = .arrived(line)
                return nil
            }
        }
        waiter?.resume(returning: line)
    }

    /// Fails every claim, present and future, with `error`.
    func close(with error: any Error) {
        let waiters: [CheckedContinuation<ByteBuffer, any Error>] = state.withLock { state in
            guard state.closure == nil else { return [] }
            state.closure = error
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
            return waiters
        }
        for waiter in waiters { waiter.resume(throwing: error) }
    }

    /// The integer id of a response line, if it is a single response with one.
    private static func requestID(of line: ByteBuffer) -> Int? {
        guard line.readableBytesView.first == UInt8(ascii: "{"),
            let response = try? JSONCoding.decoder.decode(RPCResponseID.self, from: Data(line.readableBytesView)),
            case .int(let id)? = response.id
        else { return nil }
        return Int(exactly: id)
    }
}

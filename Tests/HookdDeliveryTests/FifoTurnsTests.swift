import Testing

@testable import HookdDelivery

struct FifoTurnsTests {
    @Test("webhooks not known to be fifo are never held back")
    func unorderedFlows() {
        var turns = FifoTurns()
        let started = ["a", "b", "c"].map { turns.mayStart($0, webhook: "crm") }
        #expect(started == [true, true, true])
        #expect(turns.parkedCount == 0)
    }

    @Test("a fifo webhook has one delivery at a time; the others wait until the store names the next head")
    func oneAtATime() {
        var turns = FifoTurns()
        turns.learnFifo("ledger")
        let first = turns.mayStart("d1", webhook: "ledger")
        #expect(first)
        #expect(turns.claim("d1", webhook: "ledger", head: "d1") == .go)
        let later = [turns.mayStart("d2", webhook: "ledger"), turns.mayStart("d3", webhook: "ledger")]
        #expect(later == [false, false])
        #expect(turns.parkedCount == 2)
        // Other webhooks are not affected.
        let other = turns.mayStart("x1", webhook: "crm")
        #expect(other)

        // A retry keeps the turn: the holder comes due again and may start.
        let retry = turns.mayStart("d1", webhook: "ledger")
        #expect(retry)
        // It ends: the turn passes to the head the store reads next, and only that one goes.
        let passes = turns.ended("d1", webhook: "ledger")
        #expect(passes)
        #expect(turns.turn(of: "ledger") == .passing)
        let duringPass = turns.mayStart("d4", webhook: "ledger")
        #expect(!duringPass)
        #expect(turns.passed("ledger", to: "d2") == ["d2"])
        #expect(turns.isParked("d3", webhook: "ledger"))
        #expect(turns.isParked("d4", webhook: "ledger"))
        let next = turns.mayStart("d2", webhook: "ledger")
        #expect(next)
        #expect(turns.claim("d2", webhook: "ledger", head: "d2") == .go)
    }

    @Test("a delivery that is not first in line gives the turn to the head and waits")
    func headTakesTheTurn() {
        var turns = FifoTurns()
        // Not yet known as fifo (a brand-new webhook): both start, their work says fifo.
        let started = [turns.mayStart("d2", webhook: "ledger"), turns.mayStart("d1", webhook: "ledger")]
        #expect(started == [true, true])
        #expect(turns.claim("d2", webhook: "ledger", head: "d1") == .parkedBehind("d1"))
        #expect(turns.turn(of: "ledger") == .held("d1"))
        #expect(turns.claim("d1", webhook: "ledger", head: "d1") == .go)
        #expect(turns.isFifo("ledger"))
        #expect(turns.isParked("d2", webhook: "ledger"))
    }

    @Test("a claim while another delivery has the turn waits")
    func claimWhileHeld() {
        var turns = FifoTurns()
        #expect(turns.claim("d1", webhook: "ledger", head: "d1") == .go)
        #expect(turns.claim("d2", webhook: "ledger", head: "d1") == .parked)
        // Only the holder's end passes the turn on.
        let ends = [turns.ended("d9", webhook: "ledger"), turns.ended("d1", webhook: "ledger")]
        #expect(ends == [false, true])
    }

    @Test("an empty line (or one that could not be read) releases every waiting delivery to check again")
    func emptyLineReleasesAll() {
        var turns = FifoTurns()
        turns.learnFifo("ledger")
        _ = turns.mayStart("d1", webhook: "ledger")
        _ = turns.mayStart("d2", webhook: "ledger")
        _ = turns.mayStart("d3", webhook: "ledger")
        let passes = turns.ended("d1", webhook: "ledger")
        #expect(passes)
        #expect(turns.passed("ledger", to: nil) == ["d2", "d3"])
        #expect(turns.parkedCount == 0)
        #expect(turns.turn(of: "ledger") == nil)
    }

    @Test("forgetting a changed webhook releases what waited and its turn")
    func forget() {
        var turns = FifoTurns()
        turns.learnFifo("ledger")
        _ = turns.mayStart("d1", webhook: "ledger")
        _ = turns.mayStart("d2", webhook: "ledger")
        #expect(turns.forget("ledger") == ["d2"])
        #expect(!turns.isFifo("ledger"))
        #expect(turns.turn(of: "ledger") == nil)
        // A pass that was under way when it was forgotten changes nothing.
        #expect(turns.passed("ledger", to: "d2") == [])
    }
}

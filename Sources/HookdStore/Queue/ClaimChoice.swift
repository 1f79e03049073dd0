/// Which deliveries a claim takes, the same on every store: the earliest due of the
/// unordered candidates and the due heads of fifo lines nobody holds, at most `limit`; and
/// when the earliest one left behind comes due.
struct ClaimChoice {
    /// A delivery that may be claimed, with its due time in stored milliseconds.
    typealias Candidate = (id: String, dueAt: Int64)

    /// The ids to hold, earliest due first (ties by id).
    private(set) var ids: [String] = []
    /// When the earliest delivery not taken comes due (stored milliseconds); `nil` for none.
    private(set) var nextDueAt: Int64?

    /// Chooses among `unordered` (already due) and each fifo `lineHeads` entry (due or not),
    /// by `dueBy`.
    init(unordered: [Candidate], lineHeads: [Candidate], dueBy: Int64, limit: Int) {
        var candidates = unordered
        for head in lineHeads {
            if head.dueAt <= dueBy {
                candidates.append(head)
            } else {
                note(head.dueAt)
            }
        }
        candidates.sort { ($0.dueAt, $0.id) < ($1.dueAt, $1.id) }
        let taken = max(0, min(limit, candidates.count))
        for left in candidates[taken...] { note(left.dueAt) }
        ids = candidates[..<taken].map(\.id)
    }

    /// Takes the earliest unordered delivery still in the store into account.
    mutating func note(_ dueAt: Int64) {
        nextDueAt = min(nextDueAt ?? dueAt, dueAt)
    }
}

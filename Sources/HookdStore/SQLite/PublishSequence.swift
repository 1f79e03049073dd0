internal import GRDB

/// The numbering that orders events and each webhook's line of deliveries.
///
/// Every stored event takes the next number (`events.sequence`) and its deliveries take the
/// same one as their line position. A delivery an operator re-queues (redeliver, recover)
/// takes a fresh number, so it joins the back of its webhook's line; `meta.reserved_sequence`
/// remembers the highest number so taken, and the next event numbers after it. Numbers are
/// taken inside write transactions, which SQLite serializes, so they grow in commit order.
enum PublishSequence {
    /// The number the next event or re-queued delivery takes.
    static func next(_ db: Database) throws -> Int64 {
        let last = try Int64.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT max(
                        coalesce((SELECT MAX(sequence) FROM events), 0),
                        coalesce((SELECT reserved_sequence FROM meta WHERE id = 1), 0))
                    """))
        return (last ?? 0) + 1
    }

    /// Takes `count` numbers for re-queued deliveries and returns the first of them.
    static func reserve(_ count: Int, in db: Database) throws -> Int64 {
        let first = try next(db)
        try db.execute(
            sql: "UPDATE meta SET reserved_sequence = ? WHERE id = 1", arguments: [first + Int64(max(0, count)) - 1])
        return first
    }
}

/// A store `hookd copy-store` reads from, a batch of rows at a time.
protocol StoreCopySource: Sendable {
    /// Up to `limit` rows of `table` (its columns in `CopiedTable.columns` order) whose key
    /// comes after `after` (from the first row when `nil`), in key order.
    func rows(of table: CopiedTable, after: [CopiedValue]?, limit: Int) async throws -> [[CopiedValue]]

    /// The configuration's revision and the highest publish number a re-queue took.
    func meta() async throws -> CopiedMeta

    /// Lets go of the store.
    func close() async
}

/// The store-wide numbers `meta` holds, which a copy carries over.
struct CopiedMeta: Sendable, Equatable {
    /// The configuration's revision (saved plans are checked against it).
    var stateRevision: Int64
    /// The highest publish number taken by a re-queue (see `PublishSequence`).
    var reservedSequence: Int64
}

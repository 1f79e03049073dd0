/// A store `hookd copy-store` writes into, inside one transaction its maker opened (after
/// refusing, changing nothing, a store that already holds anything) until `commit`.
protocol StoreCopyTarget: Sendable {
    /// Adds `rows` (columns in `table.columns` order) to `table`.
    func insert(_ rows: [[CopiedValue]], into table: CopiedTable) async throws

    /// Sets the store-wide numbers and commits everything inserted.
    func commit(meta: CopiedMeta) async throws

    /// Undoes whatever was not committed and lets go of the store.
    func close() async
}

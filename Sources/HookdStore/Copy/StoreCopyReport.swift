/// What `hookd copy-store` copied.
public struct StoreCopyReport: Sendable, Equatable {
    /// Rows copied per table, in the order they were copied.
    public var rows: [(table: String, count: Int)] = []
    /// How the webhook secrets were (and still are) stored.
    public var secrets = CopiedSecrets()
    /// The configuration revision carried over.
    public var stateRevision: Int64 = 0

    /// Rows copied of `table`.
    public func count(of table: String) -> Int {
        rows.first { $0.table == table }?.count ?? 0
    }

    public static func == (lhs: StoreCopyReport, rhs: StoreCopyReport) -> Bool {
        lhs.rows.elementsEqual(rhs.rows) { $0 == $1 } && lhs.secrets == rhs.secrets
            && lhs.stateRevision == rhs.stateRevision
    }
}

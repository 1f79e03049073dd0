internal import GRDB

/// How many webhooks each account has, inside one write transaction: each account is
/// counted once, when its plan limit is first checked, and the transaction's own inserts,
/// moves and deletes keep the count up to date from then on.
///
/// An apply of thousands of webhooks into an account with `maxWebhooks` would otherwise
/// count the account's webhooks again for every insert.
struct WebhookCounts {
    private var counts: [String: Int] = [:]

    /// The number of webhooks `account` has now.
    mutating func count(in account: String, _ db: Database) throws -> Int {
        if let count = counts[account] { return count }
        let statement = try db.cachedStatement(sql: "SELECT COUNT(*) FROM webhooks WHERE account = ?")
        let count = try Int.fetchOne(statement, arguments: [account]) ?? 0
        counts[account] = count
        return count
    }

    /// Records a webhook written into `account`.
    mutating func added(to account: String) {
        counts[account]? += 1
    }

    /// Records a webhook gone from `account`.
    mutating func removed(from account: String) {
        counts[account]? -= 1
    }
}

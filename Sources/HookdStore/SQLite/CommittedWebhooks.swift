import Foundation
internal import GRDB
import HookdCore
import Synchronization

/// Each account's webhooks as last committed, kept between write transactions so a small
/// write (one published event) does not read and decode them every time: that was a fifth
/// of each single publish's insert time. Forgotten, all of them, when a transaction that
/// changed `webhooks` commits or rolls back, whoever made it (an API call, a manifest
/// apply, an automatic disable, a key rotation): GRDB reports every such change to this
/// observer.
///
/// Only the writer keeps lists here, and only from a transaction that has not changed
/// `webhooks` itself, so what is kept is always what is committed. Readers, whose snapshot
/// may be older than the last commit, neither read nor keep.
final class CommittedWebhooks: TransactionObserver, Sendable {
    private struct State {
        var byAccount: [String: [Webhook]] = [:]
        /// The open transaction changed `webhooks`.
        var changing = false
    }

    /// Guards the lists; the observer callbacks and the writer's reads both run on the
    /// writer's queue, tests' checks on any thread.
    private let state = Mutex(State())

    /// The account's committed webhooks, when kept and the open transaction has not changed
    /// any webhook.
    func webhooks(of account: String) -> [Webhook]? {
        state.withLock { $0.changing ? nil : $0.byAccount[account] }
    }

    /// Keeps the account's webhooks as read by the writer, unless the open transaction has
    /// changed a webhook (then they are not what is committed).
    func keep(_ webhooks: [Webhook], of account: String) {
        state.withLock { state in
            if !state.changing { state.byAccount[account] = webhooks }
        }
    }

    /// How many accounts' webhooks are kept now (for tests).
    var keptAccounts: Int { state.withLock { $0.byAccount.count } }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        eventKind.tableName == "webhooks"
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.changing = true }
    }

    func databaseDidCommit(_ db: Database) {
        forgetIfChanged()
    }

    func databaseDidRollback(_ db: Database) {
        forgetIfChanged()
    }

    private func forgetIfChanged() {
        state.withLock { state in
            guard state.changing else { return }
            state.changing = false
            state.byAccount = [:]
        }
    }
}

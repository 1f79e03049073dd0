import Foundation
internal import GRDB
import HookdCore
import Synchronization

/// Keeps the last committed `Catalog` in memory and forgets it when a transaction that
/// changed `accounts` or `event_types` commits, whoever made it (an API call, a manifest
/// apply, a migration): GRDB reports every such change to this observer.
///
/// A load that raced a change is not kept: the generation read before it must still be
/// current after it, or the next caller loads again.
final class CatalogCache: TransactionObserver, Sendable {
    private struct State {
        var catalog: Catalog?
        /// Advanced by every commit that changed the catalog's tables.
        var generation = 0
        /// The open transaction changed the catalog's tables.
        var changing = false
    }

    static let tables: Set<String> = ["accounts", "event_types"]

    /// Guards the kept catalog and the generation; the observer callbacks run on the
    /// writer's queue, the loads on any reader.
    private let state = Mutex(State())

    /// The kept catalog, or one loaded by `load` (kept when nothing changed meanwhile).
    func catalog(load: () async throws -> Catalog) async throws -> Catalog {
        let (kept, generation) = state.withLock { ($0.catalog, $0.generation) }
        if let kept { return kept }
        let loaded = try await load()
        state.withLock { state in
            if state.generation == generation { state.catalog = loaded }
        }
        return loaded
    }

    /// Whether a catalog is kept now (for tests).
    var isKept: Bool { state.withLock { $0.catalog != nil } }

    // MARK: TransactionObserver

    func observes(eventsOfKind eventKind: DatabaseEventKind) -> Bool {
        Self.tables.contains(eventKind.tableName)
    }

    func databaseDidChange(with event: DatabaseEvent) {
        state.withLock { $0.changing = true }
    }

    func databaseDidCommit(_ db: Database) {
        state.withLock { state in
            guard state.changing else { return }
            state.changing = false
            state.generation += 1
            state.catalog = nil
        }
    }

    func databaseDidRollback(_ db: Database) {
        state.withLock { $0.changing = false }
    }
}

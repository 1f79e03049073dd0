import Foundation
import HookdCore
import HookdTesting
import Testing

@testable import HookdStore

/// The stores the store tests run against: each test taking a `StoreKind` runs once per
/// store, on a fresh, empty one.
enum StoreKind: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// SQLite always; PostgreSQL when a test cluster is named or CI demands it (see
    /// `TestPostgres`). Says once why the PostgreSQL variants are skipped when they are.
    static let available: [StoreKind] = {
        if TestPostgres.isRequested { return allCases }
        print(TestPostgres.skipReason)
        return [.sqlite]
    }()

    var testDescription: String { rawValue }

    /// Runs `body` with a new, empty store of this kind, removed afterwards.
    func withStore(_ body: (any StoreUnderTest) async throws -> Void) async throws {
        switch self {
        case .sqlite:
            try await withTemporaryStore { store in try await body(store) }
        case .postgres:
            try await withPostgresStore { store in try await body(store) }
        }
    }
}

/// Runs `body` with a PostgresStore on a database of its own on the test cluster, closed
/// and dropped afterwards.
func withPostgresStore(secretKey: SecretKey? = nil, _ body: (PostgresStore) async throws -> Void) async throws {
    try await TestPostgres.withDatabase { url in
        let store = try await PostgresStore.open(
            try PostgresLocation(url: url), secretKey: secretKey, logger: TestPostgres.logger)
        do {
            try await body(store)
        } catch {
            await store.close()
            throw error
        }
        await store.close()
    }
}

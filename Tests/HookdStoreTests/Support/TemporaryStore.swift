import Foundation
import HookdCore

@testable import HookdStore

/// Runs `body` with a path to a fresh directory that is removed afterwards.
func withTemporaryDirectory(_ body: (String) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("hookd-store-tests-\(UUID().uuidString)", isDirectory: true).path
    defer { try? FileManager.default.removeItem(atPath: directory) }
    try await body(directory)
}

/// Runs `body` with a store on a new SQLite file in a temporary directory, removed afterwards.
func withTemporaryStore(_ body: (SQLiteStore) async throws -> Void) async throws {
    try await withTemporaryDirectory { directory in
        try await body(try SQLiteStore.open(dataDirectory: directory))
    }
}

import Foundation
import HookdCore

/// The example payloads the loyalty platform's webhook guide publishes (`customer.created`,
/// `transaction.completed`, `reward.issued`), copied unchanged into `Tests/Fixtures/seed/`.
enum SeedPayloads {
    /// The fixture file.
    static let file = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/seed/payloads.json")

    /// Every payload, each a whole event envelope as the guide shows it.
    static func load() throws -> [JSONValue] {
        guard let value = JSONValueReader.read(Array(try Data(contentsOf: file))), case .array(let payloads) = value
        else { throw FixtureError(description: "\(file.path) is not a JSON array") }
        return payloads
    }
}

/// A fixture file that does not hold what the test expects.
struct FixtureError: Error, CustomStringConvertible {
    var description: String
}

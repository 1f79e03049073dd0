import Foundation
import HookdCore

/// The answer of the `*.Delete` methods.
public struct DeletedResult: Codable, Sendable, Equatable {
    /// What was deleted, as the caller named it.
    public var name: String
    public var deleted: Bool
    public init(name: String) {
        self.name = name
        self.deleted = true
    }
}

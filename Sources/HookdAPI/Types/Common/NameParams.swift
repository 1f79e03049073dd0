import Foundation
import HookdCore

/// Params naming one account or event type.
public struct NameParams: Codable, Sendable, Equatable {
    public var name: String
    public init(name: String) { self.name = name }
}

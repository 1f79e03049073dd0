import Foundation
import HookdCore

/// Params of methods that take none.
public struct EmptyParams: Codable, Sendable, Equatable {
    public init() {}
}

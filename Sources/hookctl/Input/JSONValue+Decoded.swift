import Foundation
import HookdCore

extension JSONValue {
    /// The value read as `type`, as the daemon's JSON would decode.
    func decoded<T: Decodable>(as type: T.Type) throws -> T {
        try JSONCoding.decoder.decode(T.self, from: canonicalData())
    }
}

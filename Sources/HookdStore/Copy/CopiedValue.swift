import Foundation

/// One column value on its way from one store to the other, in the kind both schemas give it.
enum CopiedValue: Sendable, Equatable {
    case null
    case integer(Int64)
    case boolean(Bool)
    case text(String)
    case bytes(Data)

    /// Roughly how many bytes it holds, for sizing batches.
    var size: Int {
        switch self {
        case .null, .integer, .boolean: 8
        case .text(let text): text.utf8.count
        case .bytes(let data): data.count
        }
    }
}

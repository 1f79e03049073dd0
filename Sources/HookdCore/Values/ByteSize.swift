import Foundation

/// A number of bytes written the way operators write it: `4194304`, `512KiB`, `32MiB`, `1GiB`.
///
/// Binary units only (a `MiB` is 1,048,576 bytes), so `4MiB` is exactly hookd's default frame
/// limit; `MB` and friends are refused rather than guessed at.
public struct ByteSize: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The size in bytes; never negative.
    public var bytes: Int

    public init(bytes: Int) {
        precondition(bytes >= 0, "a size is never negative")
        self.bytes = bytes
    }

    private static let units: [(suffix: String, bytes: Int)] = [
        ("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10), ("B", 1), ("", 1),
    ]

    /// Parses `4194304`, `512KiB`, `32MiB`, `1GiB` (spaces allowed before the unit); throws a
    /// message fit for an operator otherwise.
    public init(parsing text: String) throws(ByteSizeParseError) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let digits = trimmed.prefix(while: \.isASCIIDigit)
        let unitText = trimmed.dropFirst(digits.count).trimmingCharacters(in: .whitespaces)
        guard !digits.isEmpty, let number = Int(digits),
            let unit = Self.units.first(where: { $0.suffix == unitText })
        else { throw ByteSizeParseError(text: text) }
        let (product, overflow) = number.multipliedReportingOverflow(by: unit.bytes)
        guard !overflow else { throw ByteSizeParseError(text: text) }
        self.init(bytes: product)
    }

    /// The size in the largest binary unit that divides it exactly (`4MiB`, `1536KiB`, `1000`),
    /// so it parses back to the same number of bytes.
    public var description: String {
        for unit in Self.units.dropLast(2) where bytes >= unit.bytes && bytes % unit.bytes == 0 {
            return "\(bytes / unit.bytes)\(unit.suffix)"
        }
        return "\(bytes)"
    }

    /// The size for a person reading a message: `4.8 MiB`, `512 KiB`, `300 bytes`.
    public var approximate: String {
        for unit in Self.units.dropLast(2) where bytes >= unit.bytes {
            let value = Double(bytes) / Double(unit.bytes)
            let rounded = (value * 10).rounded() / 10
            let text = rounded == rounded.rounded() ? "\(Int(rounded))" : "\(rounded)"
            return "\(text) \(unit.suffix)"
        }
        return bytes == 1 ? "1 byte" : "\(bytes) bytes"
    }

    /// The approximate size with the exact count beside it when they differ: `4.8 MiB (5000012
    /// bytes)`, `1000 bytes`.
    public var spelledOut: String {
        bytes < 1024 ? approximate : "\(approximate) (\(bytes) bytes)"
    }

    public static func < (left: ByteSize, right: ByteSize) -> Bool { left.bytes < right.bytes }
}

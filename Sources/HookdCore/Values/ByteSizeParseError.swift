/// Text that is not a size: says what was given and what is expected.
public struct ByteSizeParseError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What was given.
    public let text: String

    public var description: String {
        "\"\(text)\" is not a size: give bytes (4194304) or a number with KiB, MiB or GiB (512KiB, 32MiB)"
    }
}

import NIOCore

extension ByteBuffer {
    /// Ends the message with the newline that frames it on the wire.
    ///
    /// Writers append it themselves instead of using an encoder handler: the server relies on
    /// an empty write as a flush barrier before closing, and an encoder would turn that
    /// barrier into a blank line.
    mutating func terminateLine() {
        writeInteger(UInt8(ascii: "\n"))
    }
}

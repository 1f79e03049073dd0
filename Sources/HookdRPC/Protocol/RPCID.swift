import Foundation
import HookdCore
import NIOCore

/// The id a response is sent under: the JSON text of the request's id exactly as the client
/// wrote it, so `123456789012345678901234567890`, `-0`, `1e3` or `"\u0061"` come back
/// byte for byte (a parsed value would come back as the nearest double, `0`, `1000`, `"a"`).
struct RPCID: Sendable {
    /// The JSON text written after `"id":`.
    let text: ByteBuffer

    /// `null`: the id of an answer whose request's id could not be read.
    static let null = RPCID(text: ByteBuffer(string: "null"))

    private init(text: ByteBuffer) {
        self.text = text
    }

    /// The id for `value`, the id the request was read to have: its text as sent when
    /// `sent` is that value's text, otherwise (no text found, or text that reads as another
    /// value, as with a duplicated `id` key) `value` encoded.
    init(_ value: JSONValue, sent: ByteBuffer?) {
        if let sent, Self.reads(sent, as: value) {
            self.init(text: sent)
        } else if value == .null {
            self = .null
        } else {
            let encoded = (try? JSONCoding.canonicalEncoder.encode(value)) ?? Data("null".utf8)
            self.init(text: ByteBuffer(bytes: encoded))
        }
    }

    /// True when `text` is JSON for exactly `value`.
    private static func reads(_ text: ByteBuffer, as value: JSONValue) -> Bool {
        let bytes = text.readableBytesView
        let read = JSONValueReader.read(bytes) ?? (try? JSONValue.parse(Data(bytes)))
        return read == value
    }
}

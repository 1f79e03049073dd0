import Foundation

/// libFuzzer target: hookd's one-pass JSON reader (every socket frame and stored value goes
/// through it) on arbitrary bytes. It must never crash or hang, and whatever it reads must
/// survive the canonical writer: written and read again, the same JSON value (numbers
/// compared as numbers, as JSON has one number type: `8.5e18` may come back as an integer).
/// Built and run by `scripts/fuzz`.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONReader(_ start: UnsafeRawPointer, _ count: Int) -> CInt {
    let bytes = UnsafeRawBufferPointer(start: start, count: count)
    guard let value = JSONValueReader.read(bytes) else { return 0 }
    var writer = CanonicalJSONWriter()
    do {
        try writer.write(value)
    } catch {
        // Only a non-finite double cannot be written, and the reader never makes one.
        fatalError("a value read from JSON could not be written: \(error)")
    }
    guard let again = JSONValueReader.read(writer.bytes) else {
        fatalError("the canonical form of a value read does not read back")
    }
    precondition(sameJSON(value, again), "the canonical form reads back as another value")
    return 0
}

/// JSON equality: numbers by numeric value, everything else exactly.
func sameJSON(_ left: JSONValue, _ right: JSONValue) -> Bool {
    switch (left, right) {
    case (.int(let a), .double(let b)), (.double(let b), .int(let a)): return Double(a) == b
    case (.array(let a), .array(let b)): return a.count == b.count && zip(a, b).allSatisfy(sameJSON)
    case (.object(let a), .object(let b)):
        return a.count == b.count && a.allSatisfy { key, value in b[key].map { sameJSON(value, $0) } ?? false }
    default: return left == right
    }
}

import HookdCore
import Testing

/// Sizes as operators write them (`--max-request-bytes 32MiB`) and as messages show them.
struct ByteSizeTests {
    @Test("bytes and binary units parse to exact byte counts", arguments: [
        ("4194304", 4_194_304), ("64KiB", 65_536), ("4MiB", 4_194_304), ("32 MiB", 33_554_432), ("1GiB", 1 << 30),
        ("100B", 100),
    ])
    func parses(text: String, bytes: Int) throws {
        #expect(try ByteSize(parsing: text).bytes == bytes)
    }

    @Test("anything else is refused, saying what a size looks like", arguments: ["", "4MB", "MiB", "-1", "1.5MiB", "4 mib", "99999999999999999999"])
    func refuses(text: String) {
        let error = #expect(throws: ByteSizeParseError.self) { try ByteSize(parsing: text) }
        #expect(error?.text == text)
        #expect(error?.description.contains("512KiB, 32MiB") == true)
    }

    @Test("the description parses back to the same size; messages round to a tenth")
    func texts() throws {
        for bytes in [0, 1000, 65_536, 1_572_864, 4_194_304, 5_000_012] {
            #expect(try ByteSize(parsing: ByteSize(bytes: bytes).description).bytes == bytes)
        }
        #expect(ByteSize(bytes: 4_194_304).description == "4MiB")
        #expect(ByteSize(bytes: 5_000_012).spelledOut == "4.8 MiB (5000012 bytes)")
        #expect(ByteSize(bytes: 65_536).spelledOut == "64 KiB (65536 bytes)")
        #expect(ByteSize(bytes: 1000).spelledOut == "1000 bytes")
    }
}

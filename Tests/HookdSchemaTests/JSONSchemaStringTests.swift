import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: strings and formats")
struct JSONSchemaStringTests {
    @Test("lengths count Unicode code points, not bytes or UTF-16 units")
    func lengths() throws {
        let short = try schema(##"{"minLength": 2, "maxLength": 3}"##)
        #expect(try valid(short, "\"ab\""))
        #expect(try valid(short, "\"日本語\""))
        #expect(try valid(short, "\"😀😀\""))
        #expect(try problems(short, "\"a\"") == ["/: must be at least 2 characters long, got 1"])
        #expect(try problems(short, "\"abcd\"") == ["/: must be at most 3 characters long, got 4"])
        // "é" as e + combining accent is two code points; one as a precomposed scalar.
        let one = try schema(##"{"maxLength": 1}"##)
        #expect(try valid(one, "\"\u{00E9}\""))
        #expect(try problems(one, "\"e\u{0301}\"") == ["/: must be at most 1 character long, got 2"])
        #expect(try valid(one, "5"))
    }

    @Test("pattern is unanchored unless it says otherwise")
    func patterns() throws {
        let contains = try schema(##"{"pattern": "[0-9]+"}"##)
        #expect(try valid(contains, "\"order 66\""))
        #expect(try problems(contains, "\"none\"") == [#"/: must match the pattern "[0-9]+""#])
        let anchored = try schema(##"{"pattern": "^cust_[a-z0-9]{5}$"}"##)
        #expect(try valid(anchored, "\"cust_67890\""))
        #expect(!(try valid(anchored, "\"xcust_67890\"")))
        #expect(!(try valid(anchored, "\"cust_678901\"")))
        #expect(try valid(anchored, "42"))
        let unicode = try schema(##"{"pattern": "^\\p{L}+$"}"##)
        #expect(try valid(unicode, "\"Zoë\""))
    }

    @Test("formats are asserted", arguments: [
        ("date-time", ["2026-11-29T02:45:12Z", "2026-11-29T02:45:12.123Z", "2024-02-29t23:59:59+05:30", "2026-01-01T00:00:00-00:00"],
         ["2026-11-29", "2026-11-29T02:45:12", "2026-13-01T00:00:00Z", "2023-02-29T00:00:00Z", "2026-11-29T24:00:00Z", "2026-11-29 02:45:12Z", "2026-11-29T02:45:12.Z", "2026-11-29T02:45:12+5:30"]),
        ("date", ["2026-11-29", "2024-02-29", "2000-02-29"], ["2026-11-31", "1900-02-29", "2026-1-01", "20261129", "2026-11-29T00:00:00Z"]),
        ("email", ["ada@example.com", "first.last+tag@sub.example.co.uk", "\"odd person\"@example.com", "x@[192.0.2.1]", "x@localhost"],
         ["ada", "@example.com", "ada@", "ada@@example.com", "a..b@example.com", "ada@exa mple.com", "ada@-example.com", "zoë@example.com"]),
        ("uri", ["https://example.com/path?q=1#top", "mailto:ada@example.com", "urn:isbn:0451450523", "http://[2001:db8::1]:8080/x", "file:///etc/hosts"],
         ["example.com/path", "/relative", "https://exa mple.com", "https://example.com/%zz", "1http://x", "http://x/#a#b"]),
        ("uuid", ["123e4567-e89b-12d3-a456-426614174000", "00000000-0000-0000-0000-000000000000", "123E4567-E89B-12D3-A456-426614174000"],
         ["123e4567e89b12d3a456426614174000", "123e4567-e89b-12d3-a456-42661417400", "g23e4567-e89b-12d3-a456-426614174000"]),
        ("ipv4", ["192.0.2.1", "0.0.0.0", "255.255.255.255"], ["256.0.0.1", "1.2.3", "01.2.3.4", "1.2.3.4.5", "a.b.c.d", "1.2.3.4 "]),
        ("ipv6", ["2001:db8::1", "::", "::ffff:192.0.2.1", "fe80:0:0:0:0:0:0:1"], ["2001:db8::g", "1:2:3:4:5:6:7:8:9", "192.0.2.1", "fe80::1%eth0", ":::"]),
    ])
    func formats(format: String, accepted: [String], refused: [String]) throws {
        let compiled = try schema(##"{"format": "\##(format)"}"##)
        for text in accepted {
            #expect(compiled.validate(.string(text)).isEmpty, "\(format) should accept \(text)")
        }
        for text in refused {
            let found = compiled.validate(.string(text))
            #expect(found.count == 1 && found[0].message.hasPrefix("must be "), "\(format) should refuse \(text)")
        }
        #expect(compiled.validate(42).isEmpty, "format ignores values that are not strings")
    }

    @Test("a format violation says what was expected")
    func formatMessage() throws {
        let when = try schema(##"{"properties": {"at": {"format": "date-time"}}}"##)
        #expect(
            try problems(when, ##"{"at": "yesterday"}"##)
                == ["/at: must be an RFC 3339 date-time such as 2026-11-29T02:45:12Z"])
    }
}

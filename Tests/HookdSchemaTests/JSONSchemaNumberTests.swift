import HookdCore
import HookdSchema
import Testing

@Suite("JSON Schema: numbers")
struct JSONSchemaNumberTests {
    @Test("minimum and maximum are inclusive, the exclusive forms are not")
    func bounds() throws {
        let amount = try schema(##"{"minimum": 0, "maximum": 100}"##)
        for instance in ["0", "0.0", "100", "99.99"] { #expect(try valid(amount, instance)) }
        #expect(try problems(amount, "-0.5") == ["/: must be at least 0, got -0.5"])
        #expect(try problems(amount, "101") == ["/: must be at most 100, got 101"])
        let open = try schema(##"{"exclusiveMinimum": 0, "exclusiveMaximum": 1.5}"##)
        #expect(try valid(open, "0.1"))
        #expect(try problems(open, "0") == ["/: must be greater than 0, got 0"])
        #expect(try problems(open, "1.5") == ["/: must be less than 1.5, got 1.5"])
    }

    @Test("numeric keywords ignore values that are not numbers")
    func onlyNumbers() throws {
        let amount = try schema(##"{"minimum": 10, "multipleOf": 3}"##)
        for instance in ["\"5\"", "null", "[1]", "{}", "true"] { #expect(try valid(amount, instance)) }
    }

    @Test("integers and doubles compare exactly, even past 2^53")
    func exactComparison() throws {
        let above = try schema(##"{"minimum": 9007199254740993}"##)
        #expect(try problems(above, "9007199254740992") == ["/: must be at least 9007199254740993, got 9007199254740992"])
        #expect(try valid(above, "9007199254740993"))
        // As a Double, 2^53 + 1 would round to 2^53 and pass.
        let atDouble = try JSONSchema(["maximum": .double(9_007_199_254_740_992)])
        #expect(atDouble.validate(.int(9_007_199_254_740_992)).isEmpty)
        #expect(atDouble.validate(.int(9_007_199_254_740_993)).count == 1)
        let huge = try schema(##"{"maximum": 9223372036854775807}"##)
        #expect(try problems(huge, "1e19") == ["/: must be at most 9223372036854775807, got 1e+19"])
        #expect(try valid(try schema(##"{"minimum": -1e300}"##), "-9223372036854775808"))
    }

    @Test("multipleOf works on the decimal digits: 19.99 is a multiple of 0.01")
    func multiples() throws {
        let cents = try schema(##"{"multipleOf": 0.01}"##)
        for instance in ["19.99", "0.3", "100", "0", "-4.07", "1e10", "1e300"] {
            #expect(try valid(cents, instance), "\(instance) is a multiple of 0.01")
        }
        #expect(try problems(cents, "19.999") == ["/: must be a multiple of 0.01, got 19.999"])
        let tenth = try schema(##"{"multipleOf": 0.1}"##)
        #expect(try valid(tenth, "0.3"))
        #expect(try valid(tenth, "7"))
        #expect(!(try valid(tenth, "0.35")))
        let three = try schema(##"{"multipleOf": 3}"##)
        #expect(try valid(three, "9"))
        #expect(try valid(three, "9.0"))
        #expect(try valid(three, "-9223372036854775806"))
        #expect(!(try valid(three, "-9223372036854775808")))
        #expect(!(try valid(three, "10")))
        #expect(!(try valid(three, "4.5")))
        let half = try schema(##"{"multipleOf": 1.5}"##)
        #expect(try valid(half, "4.5"))
        #expect(!(try valid(half, "4")))
        let big = try schema(##"{"multipleOf": 1e300}"##)
        #expect(!(try valid(big, "1")))
        #expect(try valid(big, "2e300"))
    }
}

import Foundation
import HookdCore
import Testing

struct IPAddressTests {
    @Test("every numeric spelling inet_aton reads parses to the address a resolver would dial", arguments: [
        ("127.0.0.1", "127.0.0.1"), ("127.1", "127.0.0.1"), ("2130706433", "127.0.0.1"), ("0x7f000001", "127.0.0.1"),
        ("0X7F.1", "127.0.0.1"), ("0x7f.0.0.1", "127.0.0.1"), ("0177.0.0.1", "127.0.0.1"), ("017700000001", "127.0.0.1"),
        ("127.000.000.001", "127.0.0.1"), ("0251.0376.0251.0376", "169.254.169.254"), ("2852039166", "169.254.169.254"),
        ("0xa9fea9fe", "169.254.169.254"), ("10.1", "10.0.0.1"), ("192.168.257", "192.168.1.1"),
    ])
    func numericForms(text: String, expected: String) throws {
        #expect(try #require(IPAddress(literal: text)).description == expected)
    }

    @Test("IPv6 text forms parse and print in RFC 5952 form", arguments: [
        ("::1", "::1"), ("0:0:0:0:0:0:0:1", "::1"), ("::FFFF:7F00:1", "::ffff:127.0.0.1"),
        ("0:0:0:0:0:ffff:127.0.0.1", "::ffff:127.0.0.1"), ("FE80::0001", "fe80::1"), ("2002:7f00:1::", "2002:7f00:1::"),
    ])
    func ipv6Forms(text: String, expected: String) throws {
        #expect(try #require(IPAddress(literal: text)).description == expected)
    }

    @Test("an IPv4 address prints as the system's inet_ntop prints it, at every octet width")
    func ipv4TextMatchesSystem() {
        var generator = SystemRandomNumberGenerator()
        let edges: [UInt32] = [0, 0x0909_0909, 0x0A0A_0A0A, 0x6363_6363, 0x6464_6464, 0xFFFF_FFFF, 0x7F00_0001, 0x0063_64FF]
        for value in edges + (0..<2000).map({ _ in UInt32.random(in: .min ... .max, using: &generator) }) {
            var storage = in_addr(s_addr: value.bigEndian)
            var text = [CChar](repeating: 0, count: Int(INET_ADDRSTRLEN))
            _ = inet_ntop(AF_INET, &storage, &text, socklen_t(text.count))
            let expected = String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            #expect(IPAddress.v4(value).description == expected)
        }
    }

    @Test("names, zone ids and malformed text are not literals", arguments: [
        "localhost", "api.example.com", "", "fe80::1%eth0", "1.2.3.4.5", "::g", "１２７.０.０.１", "127.0.0.1.1.1",
    ])
    func notLiterals(text: String) {
        #expect(IPAddress(literal: text) == nil)
    }

    @Test("the standard form takes dotted quads and IPv6 only, not inet_aton's shorthands")
    func standardText() {
        #expect(IPAddress(standardText: "10.0.0.1") == .v4(0x0A00_0001))
        #expect(IPAddress(standardText: "::1")?.description == "::1")
        for shorthand in ["127.1", "2130706433", "0x7f.0.0.1", "localhost"] {
            #expect(IPAddress(standardText: shorthand) == nil, "\(shorthand)")
        }
    }

    @Test("IPv6 forms that carry an IPv4 address give it up", arguments: [
        ("::ffff:127.0.0.1", "127.0.0.1"), ("::ffff:0:10.0.0.1", "10.0.0.1"), ("::192.168.0.1", "192.168.0.1"),
        ("2002:a9fe:a9fe::1", "169.254.169.254"), ("64:ff9b::7f00:1", "127.0.0.1"),
    ])
    func embeddedIPv4(text: String, expected: String) throws {
        let address = try #require(IPAddress(literal: text))
        let embedded = try #require(address.embeddedIPv4)
        #expect(IPAddress.v4(embedded).description == expected)
    }

    @Test("plain IPv6 and IPv4 addresses embed nothing", arguments: ["::1", "::", "2001:db8::1", "fe80::1", "10.0.0.1"])
    func noEmbeddedIPv4(text: String) throws {
        #expect(try #require(IPAddress(literal: text)).embeddedIPv4 == nil)
    }
}

struct AddressClassTests {
    @Test("special-use addresses fall in their class", arguments: [
        ("127.0.0.1", AddressClass.loopback), ("127.255.255.254", .loopback), ("::1", .loopback),
        ("0.0.0.0", .unspecified), ("0.1.2.3", .unspecified), ("::", .unspecified),
        ("10.0.0.1", .private), ("172.16.0.1", .private), ("172.31.255.255", .private), ("192.168.0.1", .private),
        ("169.254.169.254", .linkLocal), ("fe80::1", .linkLocal), ("febf::1", .linkLocal),
        ("100.64.0.1", .sharedAddressSpace), ("100.127.255.255", .sharedAddressSpace),
        ("224.0.0.1", .multicast), ("239.255.255.250", .multicast), ("ff02::1", .multicast),
        ("fc00::1", .uniqueLocal), ("fd12:3456::1", .uniqueLocal), ("fec0::1", .siteLocal),
        ("240.0.0.1", .reserved), ("255.255.255.255", .reserved), ("192.0.2.1", .reserved), ("198.51.100.1", .reserved),
        ("203.0.113.1", .reserved), ("198.18.0.1", .reserved), ("192.0.0.8", .reserved), ("192.88.99.1", .reserved),
        ("2001:db8::1", .reserved), ("3fff::1", .reserved), ("100::1", .reserved), ("2001::1", .reserved),
        ("2001:2::1", .reserved), ("64:ff9b:1::a00:1", .reserved), ("4000::1", .reserved), ("::2.3.4.5", .reserved),
        ("::ffff:0:8.8.8.8", .reserved),
    ])
    func classified(text: String, expected: AddressClass) throws {
        #expect(try #require(IPAddress(literal: text)).specialUse == expected)
    }

    @Test("IPv6 forms around a special IPv4 address take its class", arguments: [
        ("::ffff:127.0.0.1", AddressClass.loopback), ("::ffff:169.254.169.254", .linkLocal),
        ("::ffff:0:10.0.0.1", .private), ("::127.0.0.1", .loopback), ("2002:7f00:1::", .loopback),
        ("2002:a9fe:a9fe::", .linkLocal), ("2002:c0a8:101::1", .private), ("64:ff9b::7f00:1", .loopback),
        ("64:ff9b::a9fe:a9fe", .linkLocal), ("64:ff9b::6440:1", .sharedAddressSpace),
    ])
    func embeddedClass(text: String, expected: AddressClass) throws {
        #expect(try #require(IPAddress(literal: text)).specialUse == expected)
    }

    @Test("public addresses, also inside the IPv6 forms that embed them, are not special", arguments: [
        "93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "100.63.255.255",
        "192.169.0.1", "169.255.0.1", "223.255.255.255", "2606:2800:220:1:248:1893:25c8:1946", "2a00:1450::1",
        "::ffff:93.184.216.34", "2002:5db8:d822::1", "64:ff9b::5db8:d822", "2001:200::1",
    ])
    func publicAddresses(text: String) throws {
        #expect(try #require(IPAddress(literal: text)).specialUse == nil)
    }

    @Test("classes read well in a sentence")
    func articles() {
        #expect(AddressClass.loopback.withArticle == "a loopback address")
        #expect(AddressClass.unspecified.withArticle == "an unspecified address")
        #expect(AddressClass.uniqueLocal.withArticle == "a unique-local (IPv6) address")
    }
}

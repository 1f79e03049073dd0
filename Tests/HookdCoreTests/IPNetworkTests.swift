import HookdCore
import Testing

struct IPNetworkTests {
    @Test("CIDR ranges and bare addresses parse", arguments: [
        ("10.0.0.0/8", "10.0.0.0/8"), ("172.16.0.0/12", "172.16.0.0/12"), ("0.0.0.0/0", "0.0.0.0/0"),
        ("192.168.1.7", "192.168.1.7/32"), ("192.168.1.7/32", "192.168.1.7/32"), ("fd00::/8", "fd00::/8"),
        ("FD00:0::/8", "fd00::/8"), ("::/0", "::/0"), ("::1", "::1/128"), ("2001:db8:1::/48", "2001:db8:1::/48"),
    ])
    func parses(text: String, expected: String) throws {
        #expect(try IPNetwork(cidr: text).description == expected)
    }

    @Test("malformed ranges are refused with the reason", arguments: [
        ("10.0.0.1/8", "host bits are set; the network is 10.0.0.0/8"),
        ("fd00::1/8", "host bits are set; the network is fd00::/8"),
        ("10.0.0.0/33", "the prefix length must be a number from 0 to 32"),
        ("fd00::/129", "the prefix length must be a number from 0 to 128"),
        ("10.0.0.0/", "the prefix length must be a number from 0 to 32"),
        ("10.0.0.0/-1", "the prefix length must be a number from 0 to 32"),
        ("10.0.0.0/+8", "the prefix length must be a number from 0 to 32"),
        ("10.0.0.0/8/9", "the prefix length must be a number from 0 to 32"),
        ("10.0.0.0/ 8", "the prefix length must be a number from 0 to 32"),
        ("10/8", "\"10\" is not an IPv4 or IPv6 address"),
        ("127.1/32", "\"127.1\" is not an IPv4 or IPv6 address"),
        ("internal.example.com/24", "\"internal.example.com\" is not an IPv4 or IPv6 address"),
        ("", "\"\" is not an IPv4 or IPv6 address"),
    ])
    func refuses(text: String, problem: String) {
        #expect(throws: IPNetworkError(text, problem)) { try IPNetwork(cidr: text) }
    }

    @Test("the error names the text and what is wrong")
    func errorText() {
        #expect(
            IPNetworkError("10.0.0.1/8", "host bits are set; the network is 10.0.0.0/8").description
                == "\"10.0.0.1/8\" is not a valid CIDR range: host bits are set; the network is 10.0.0.0/8")
    }

    @Test("a range holds exactly the addresses that share its prefix", arguments: [
        ("10.0.0.0/8", "10.0.0.0", true), ("10.0.0.0/8", "10.255.255.255", true), ("10.0.0.0/8", "11.0.0.0", false),
        ("10.0.0.0/8", "9.255.255.255", false), ("172.16.0.0/12", "172.31.255.255", true),
        ("172.16.0.0/12", "172.32.0.0", false), ("192.168.1.7/32", "192.168.1.7", true),
        ("192.168.1.7/32", "192.168.1.8", false), ("0.0.0.0/0", "8.8.8.8", true), ("0.0.0.0/0", "::1", false),
        ("fd00::/8", "fdff:ffff::1", true), ("fd00::/8", "fc00::1", false), ("fd00::/9", "fd7f::1", true),
        ("fd00::/9", "fd80::1", false), ("::/0", "2001:db8::1", true), ("::/0", "10.0.0.1", false),
        ("::1/128", "::1", true), ("::1/128", "::2", false),
        ("10.0.0.0/8", "::ffff:10.1.2.3", true), ("127.0.0.0/8", "64:ff9b::7f00:1", true),
        ("127.0.0.0/8", "2002:7f00:1::", true), ("127.0.0.0/8", "::ffff:10.0.0.1", false),
    ])
    func contains(network: String, address: String, expected: Bool) throws {
        let range = try IPNetwork(cidr: network)
        #expect(range.contains(try #require(IPAddress(literal: address))) == expected)
    }
}

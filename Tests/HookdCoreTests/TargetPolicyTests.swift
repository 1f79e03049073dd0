import Foundation
import HookdCore
import Testing

struct TargetPolicyTests {
    let production = TargetPolicy(allowInsecureTargets: false)
    let development = TargetPolicy(allowInsecureTargets: true)

    @Test("public https URLs are accepted", arguments: [
        "https://crm.example.com/webhooks/loyalty", "https://93.184.216.34:8443/hook",
        "https://[2606:2800:220:1:248:1893:25c8:1946]/hook", "https://172.32.0.1/x", "https://100.128.0.1/x",
        "https://[::ffff:93.184.216.34]/x", "https://[2002:5db8:d822::]/x", "https://[64:ff9b::5db8:d822]/x",
        "https://0x5db8d822/x", "https://runsc/x", "https://localhost.example.com/x",
    ])
    func acceptsHTTPS(url: String) throws {
        try production.check(url)
    }

    @Test("plain http is refused unless insecure targets are allowed")
    func plainHTTP() throws {
        #expect(throws: HookdError.self) { try production.check("http://crm.example.com/hook") }
        try development.check("http://127.0.0.1:8080/hook")
    }

    @Test("special-use addresses are refused in every spelling", arguments: [
        // names for loopback
        "https://localhost/x", "https://api.localhost/x", "https://LOCALHOST/x", "https://localhost./x",
        "https://ⓛⓞⓒⓐⓛⓗⓞⓢⓣ/x",
        // IPv4 loopback written every way inet_aton reads it
        "https://127.0.0.1/x", "https://127.1/x", "https://2130706433/x", "https://0x7f000001/x", "https://0X7F.1/x",
        "https://0177.0.0.1/x", "https://127.000.000.001/x", "https://127.0.0.1./x", "https://%31%32%37.0.0.1/x",
        "https://１２７.０.０.１/x", "https://127。0。0。1/x",
        // private, link-local and cloud metadata, CGNAT, multicast, unspecified, reserved
        "https://10.0.0.8/x", "https://172.16.3.4/x", "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data",
        "https://2852039166/x", "https://0251.0376.0251.0376/x", "https://0xa9fea9fe/x", "https://100.64.0.1/x",
        "https://224.0.0.1/x", "https://0.0.0.0/x", "https://0/x", "https://255.255.255.255/x", "https://192.0.2.1/x",
        // IPv6: loopback, unspecified, ULA, link-local, site-local, multicast, documentation, Teredo
        "https://[::1]/x", "https://[0:0:0:0:0:0:0:1]/x", "https://[::]/x", "https://[fd00::1]/x", "https://[fe80::1]/x",
        "https://[fe80::1%25eth0]/x", "https://[fec0::1]/x", "https://[ff02::1]/x", "https://[2001:db8::1]/x",
        "https://[2001::1]/x",
        // IPv6 forms around a special IPv4 address: mapped, compatible, translated, 6to4, NAT64
        "https://[::ffff:127.0.0.1]/x", "https://[::FFFF:7F00:1]/x", "https://[::ffff:10.0.0.1]/x",
        "https://[::ffff:169.254.169.254]/x", "https://[::127.0.0.1]/x", "https://[::ffff:0:127.0.0.1]/x",
        "https://[2002:7f00:1::]/x", "https://[2002:a9fe:a9fe::]/x", "https://[64:ff9b::7f00:1]/x",
        "https://[64:ff9b::a9fe:a9fe]/x", "https://[64:ff9b:1::a00:1]/x",
    ])
    func specialUse(url: String) {
        #expect(throws: HookdError.self) { try production.check(url) }
    }

    @Test("malformed URLs, other schemes and embedded credentials are refused with a reason", arguments: [
        "", "not a url", "ftp://example.com/x", "https://", "https://user:pass@example.com/x", "mailto:a@b.c",
    ])
    func malformed(url: String) {
        #expect(throws: HookdError.self) { try development.check(url) }
    }

    @Test("the error names the url field and says how to allow development targets")
    func message() {
        do {
            try production.check("http://127.0.0.1/x")
            Issue.record("expected a refusal")
        } catch {
            #expect(error.status == .invalidArgument)
            #expect(error.violations.first?.field == "url")
            #expect(error.message.contains("--allow-insecure-targets"))
        }
    }

    @Test("a refused literal says which class it is in and how to allow internal ranges")
    func literalMessage() {
        #expect(
            throws: HookdError.invalidField(
                "url",
                "169.254.169.254 is a link-local address, which webhooks may not target "
                    + "(start hookd with --allow-target for internal ranges, --allow-insecure-targets for development)")
        ) { try production.check("https://169.254.169.254/latest/meta-data") }
        #expect(
            throws: HookdError.invalidField(
                "url",
                "0x7f.1 (127.0.0.1) is a loopback address, which webhooks may not target "
                    + "(start hookd with --allow-target for internal ranges, --allow-insecure-targets for development)")
        ) { try production.check("https://0x7f.1/x") }
        #expect(
            throws: HookdError.invalidField("url", "fe80::1%eth0 carries an IPv6 zone id, which webhook URLs may not")
        ) { try production.check("https://[fe80::1%25eth0]/x") }
    }

    @Test("allowed ranges open those addresses, in any spelling, and nothing else")
    func allowedRanges() throws {
        let internalRanges = TargetPolicy(
            allowInsecureTargets: false,
            allowedNetworks: [try IPNetwork(cidr: "10.0.0.0/8"), try IPNetwork(cidr: "fd00::/8")])
        for url in ["https://10.1.2.3/x", "https://10.1/x", "https://[::ffff:10.0.0.1]/x", "https://[fd00::5]/x"] {
            try internalRanges.check(url)
        }
        for url in [
            "https://192.168.1.1/x", "https://127.0.0.1/x", "https://[fc00::1]/x", "https://169.254.169.254/x",
            "https://localhost/x",
        ] {
            #expect(throws: HookdError.self, "\(url)") { try internalRanges.check(url) }
        }
        #expect(throws: HookdError.self, "the https rule stays") { try internalRanges.check("http://10.1.2.3/x") }
    }

    @Test("localhost passes only when an allowed range holds a loopback address")
    func localhostWithLoopbackAllowed() throws {
        try TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try IPNetwork(cidr: "127.0.0.0/8")])
            .check("https://localhost:8443/x")
        try TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try IPNetwork(cidr: "::1")])
            .check("https://localhost:8443/x")
    }

    @Test("at connect time each address is judged: special ones refused unless allowed or in development")
    func connectTimeRefusal() throws {
        let loopback = try #require(IPAddress(literal: "127.0.0.1"))
        let metadata = try #require(IPAddress(literal: "169.254.169.254"))
        let mappedPrivate = try #require(IPAddress(literal: "::ffff:10.0.0.5"))
        let publicAddress = try #require(IPAddress(literal: "93.184.216.34"))
        #expect(production.refusal(of: loopback) == .loopback)
        #expect(production.refusal(of: metadata) == .linkLocal)
        #expect(production.refusal(of: mappedPrivate) == .private)
        #expect(production.refusal(of: publicAddress) == nil)
        #expect(development.refusal(of: loopback) == nil)
        #expect(development.refusal(of: metadata) == nil)
        let internalRanges = TargetPolicy(allowInsecureTargets: false, allowedNetworks: [try IPNetwork(cidr: "10.0.0.0/8")])
        #expect(internalRanges.refusal(of: mappedPrivate) == nil)
        #expect(internalRanges.refusal(of: loopback) == .loopback)
        #expect(internalRanges.refusal(of: metadata) == .linkLocal)
    }

    @Test("the host is read as the HTTP client reads it: IDNA-mapped, percent-decoded, without brackets")
    func connectionHost() throws {
        let cases = [
            ("https://API.Example.COM/x", "API.Example.COM"), ("https://[::1]:8443/x", "::1"),
            ("https://%31%32%37.0.0.1/x", "127.0.0.1"), ("https://１２７.０.０.１/x", "127.0.0.1"),
            ("https://bücher.example/x", "xn--bcher-kva.example"),
        ]
        for (text, host) in cases {
            #expect(TargetPolicy.connectionHost(of: try #require(URL(string: text))) == host)
        }
    }
}

import HookdCore
import Testing

struct TargetPolicyTests {
    let production = TargetPolicy(allowInsecureTargets: false)
    let development = TargetPolicy(allowInsecureTargets: true)

    @Test("public https URLs are accepted")
    func acceptsHTTPS() throws {
        try production.check("https://crm.example.com/webhooks/loyalty")
        try production.check("https://93.184.216.34:8443/hook")
        try production.check("https://[2606:2800:220:1:248:1893:25c8:1946]/hook")
    }

    @Test("plain http is refused unless insecure targets are allowed")
    func plainHTTP() throws {
        #expect(throws: HookdError.self) { try production.check("http://crm.example.com/hook") }
        try development.check("http://127.0.0.1:8080/hook")
    }

    @Test("special-use addresses are refused in every spelling", arguments: [
        "https://localhost/x", "https://api.localhost/x", "https://127.0.0.1/x", "https://127.1/x",
        "https://2130706433/x", "https://0x7f000001/x", "https://0177.0.0.1/x", "https://10.0.0.8/x",
        "https://172.16.3.4/x", "https://192.168.1.1/x", "https://169.254.169.254/latest/meta-data",
        "https://100.64.0.1/x", "https://224.0.0.1/x", "https://0.0.0.0/x", "https://[::1]/x", "https://[::]/x",
        "https://[fd00::1]/x", "https://[fe80::1]/x", "https://[::ffff:127.0.0.1]/x", "https://[::ffff:10.0.0.1]/x",
        "https://[2002:7f00:1::]/x", "https://[64:ff9b::a9fe:a9fe]/x", "https://[ff02::1]/x",
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
}

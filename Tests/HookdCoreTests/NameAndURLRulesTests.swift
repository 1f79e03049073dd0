import HookdCore
import Testing

/// The rules every way in (API, CLI, manifests) applies to names and URLs.
struct NameAndURLRulesTests {
    let development = TargetPolicy(allowInsecureTargets: true)

    @Test(
        "a URL with a line break, a space, a control or an invisible character is refused, naming it",
        arguments: [
            ("https://example.com/a\r\nX-Injected: 1", "U+000D"), ("https://example.com/a\nb", "U+000A"),
            ("https://example.com/a b", "U+0020"), ("https://example.com/\u{1B}[31m", "U+001B"),
            ("https://example.com/\u{7F}", "U+007F"), ("https://example.com/\u{9B}", "U+009B"),
            ("https://example.com/\u{202E}moc", "U+202E"), ("https://exam\u{200B}ple.com/", "U+200B"),
            ("https://example.com/\0", "U+0000"),
        ])
    func urlCharacters(url: String, named: String) {
        let error = #expect(throws: HookdError.self) { try development.check(url) }
        #expect(error?.violations.first?.field == "url")
        #expect(error?.violations.first?.description.contains(named) == true, "\(String(describing: error))")
        #expect(error?.violations.first?.description.contains("\r") == false)
    }

    @Test("an ordinary URL, with percent-escapes and a non-ASCII path, still passes")
    func ordinaryURL() throws {
        _ = try development.check("https://example.com/hooks/%20x?q=%0D%0A")
        _ = try development.check("https://example.com/bücher")
    }

    @Test(
        "a name with a control character is refused, and the refusal shows it escaped, never raw",
        arguments: ["a\nb", "a\u{1B}[31m", "a\rb", "a\u{9B}b", "acc\u{202E}"])
    func nameControls(name: String) throws {
        let problem = try #require(Names.resourceNameProblem(name))
        #expect(problem.unicodeScalars.allSatisfy { !$0.properties.generalCategory.isInvisible }, "\(problem)")
        #expect(problem.contains("U+"), "\(problem)")
    }
}

extension Unicode.GeneralCategory {
    /// Control and format characters: what a terminal would act on or hide.
    fileprivate var isInvisible: Bool { self == .control || self == .format }
}

/// Custom header values: what HTTP forbids in a field value (RFC 9110: controls but
/// horizontal tab) is refused when the webhook is saved, by the API and manifests alike.
struct HeaderValueRulesTests {
    func problems(_ value: String) -> [Violation] {
        var fields = WebhookFields(policy: TargetPolicy(allowInsecureTargets: true), knownEventTypes: [], plan: AccountPlan())
        _ = fields.headers(["X-Tenant": value])
        return fields.problems.violations
    }

    @Test("a header value with a control character is refused, naming it", arguments: ["a\r\nb", "a\0", "a\u{1B}[31m", "a\u{7F}"])
    func controls(value: String) throws {
        let violation = try #require(problems(value).first)
        #expect(violation.field == "headers.X-Tenant")
        #expect(violation.description.hasPrefix("value must not contain line breaks or control characters (found U+"))
    }

    @Test("a header value with a tab, spaces or non-ASCII text is accepted")
    func ordinary() {
        #expect(problems("acme\tcorp é").isEmpty)
    }
}

import HookdCore
import HookdTesting
import Testing

/// The suite-wide secret sweep finds real secrets, not mentions of their form.
struct SecretLeaksTests {
    @Test("a generated secret is found wherever it sits in a line; the bare prefix is not")
    func findsSecrets() {
        let secret = WebhookSecret.generate().text
        let line = #"level=info msg="rotated" secret=\#(secret) webhook=crm"#
        #expect(SecretLeaks.find(in: line) == [secret])
        #expect(SecretLeaks.find(in: #"secret: must start with "whsec_" followed by base64"#).isEmpty)
        #expect(SecretLeaks.find(in: "run `hookctl webhooks secret acc_1/crm` to see it").isEmpty)
    }
}

import HookdCore
import HookdManifest
import HookdSchema
import Testing

struct ManifestParserTests {
    @Test("multi-document YAML yields one document per resource with its position")
    func parsesDocuments() {
        let yaml = """
            apiVersion: hookd/v1
            kind: Account
            metadata: { name: acc_12345 }
            spec:
              plan: { maxWebhooks: 10 }
            ---
            apiVersion: hookd/v1
            kind: Webhook
            metadata: { name: crm-sync, account: acc_12345 }
            spec:
              url: https://crm.example.com/webhooks/loyalty
            """
        let (documents, problems) = ManifestParser.parse(yaml, file: "loyalty.yaml")
        #expect(problems.isEmpty)
        #expect(documents.map(\.kind) == [.account, .webhook])
        #expect(documents[1].name == "crm-sync")
        #expect(documents[1].account == "acc_12345")
        #expect(documents[1].position.line == 7)
    }

    @Test("every envelope problem is reported at its line and column, with a did-you-mean")
    func envelopeProblems() {
        let yaml = """
            apiVersion: hookd/v2
            kind: Account
            metadata: { name: a }
            ---
            apiVersion: hookd/v1
            kind: Webhok
            metadata: { name: b }
            ---
            apiVersion: hookd/v1
            kind: EventType
            spec: {}
            """
        let (documents, problems) = ManifestParser.parse(yaml, file: "bad.yaml")
        #expect(documents.isEmpty)
        #expect(problems.map(\.description) == [
            #"bad.yaml:1:13: unsupported apiVersion "hookd/v2"; use hookd/v1"#,
            #"bad.yaml:6:7: unknown kind "Webhok" (did you mean "Webhook"?)"#,
            "bad.yaml:9:1: missing metadata mapping with a name",
        ])
    }

    @Test("a YAML syntax error is located")
    func syntaxError() {
        let (_, problems) = ManifestParser.parse("kind: [Account\nmetadata: x\n", file: "broken.yaml")
        #expect(problems.count == 1)
        #expect(problems[0].description.hasPrefix("broken.yaml:"))
        #expect(problems[0].message.contains("YAML syntax error"))
    }

    @Test("keys that read as the same string are duplicates, quoted or not (YAML 1.2 core schema)")
    func sameStringKeysAreDuplicates() {
        let yaml = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: customer.created }
            spec:
              example: { yes: 1, "yes": 2 }
            """
        let (documents, problems) = ManifestParser.parse(yaml, file: "dup.yaml")
        #expect(documents.isEmpty)
        #expect(problems.count == 1)
        #expect(problems.first?.message.hasPrefix("YAML error:") == true, "\(problems)")
        #expect(problems.first?.message.contains("yes") == true, "\(problems)")
    }

    @Test("the envelope is read from plain, quoted and !!str keys alike")
    func envelopeKeyStyles() {
        let yaml = """
            "apiVersion": hookd/v1
            'kind': Webhook
            !!str metadata: { ! name: crm, "account": acc_1 }
            """
        let (documents, problems) = ManifestParser.parse(yaml, file: "keys.yaml")
        #expect(problems.isEmpty, "\(problems)")
        #expect(documents.first?.kind == .webhook)
        #expect(documents.first?.name == "crm")
        #expect(documents.first?.account == "acc_1")
    }
}

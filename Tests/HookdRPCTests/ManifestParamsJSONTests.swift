import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import Testing

/// Manifest params are read straight from the parsed request; what the decoder would
/// refuse still gets the decoder's violations, and unknown members are still rejected.
struct ManifestParamsJSONTests {
    let echo = EchoRouter(.manifestsApply, ManifestApplyParams.self)

    private func apply(_ params: String) async throws -> JSONValue {
        try await echo.call(params)
    }

    static let full = ManifestApplyParams(
        desired: DesiredState(
            accounts: [AccountSpec(name: "acc_1", maxWebhooks: 3, eventTypes: ["customer.*"]), AccountSpec(name: "acc_2")],
            eventTypes: [
                EventTypeSpec(
                    name: "customer.created", description: "A customer registered",
                    schema: ["type": "object", "properties": ["amount": ["minimum": 0.5]]], example: ["amount": 1.5]),
                EventTypeSpec(name: "reward.issued"),
            ],
            webhooks: [
                WebhookSpec(
                    account: "acc_1", name: "crm", url: "https://crm.example.com/hooks", enabled: false,
                    events: ["customer.*"], secret: "whsec_x", timeout: "5s", retry: ["1m", "5m"], rateLimit: 50,
                    headers: ["X-Team": "sales"], description: "CRM", labels: ["team": "sales"], ordering: "fifo",
                    signature: WebhookSignatureSettings(
                        scheme: "hmac-sha256", header: "X-Hub-Signature-256", encoding: "hex", prefix: "sha256=",
                        standardHeaders: true)),
                WebhookSpec(
                    account: "acc_2", name: "sig", url: "https://sig.example.com", events: [],
                    signature: WebhookSignatureSettings(scheme: "hmac-sha256")),
                WebhookSpec(account: "acc_2", name: "min", url: "https://min.example.com", events: []),
            ]),
        prune: true, dryRun: false, expectedRevision: 7, expectedDigest: "sha256:abc", adopt: true)

    @Test("params read from the parsed request equal the decoded ones, every optional member set or not")
    func sameParams() async throws {
        for params in [Self.full, ManifestApplyParams(desired: DesiredState())] {
            let data = try JSONCoding.canonicalEncoder.encode(params)
            let read = try ManifestApplyParams(json: try #require(JSONValueReader.read(data)))
            #expect(read == (try JSONCoding.decoder.decode(ManifestApplyParams.self, from: data)))
            #expect(read == params)
            let answer = try await apply(String(decoding: data, as: UTF8.self))
            #expect(answer["result"].map { try? JSONCoding.decoder.decode(ManifestApplyParams.self, from: $0.canonicalData()) } == params)
        }
    }

    @Test("nulls read as absent; wrong types, missing and unknown members get the decoder's violations")
    func violations() async throws {
        let nulls = try await apply(
            #"{"desired":{"accounts":[{"name":"a","maxWebhooks":null}],"eventTypes":[],"webhooks":[]},"prune":null,"dryRun":true}"#)
        #expect(nulls["result"]?["desired"]?["accounts"] == [["name": "a"]])
        #expect(nulls["result"]?["dryRun"] == true)

        let cases: [(String, [String: String])] = [
            (#"{"desired":{"accounts":[],"eventTypes":[],"webhooks":[{"account":"a","name":"w","url":5,"events":[]}]}}"#,
             ["desired.webhooks[0].url": "expected string, got number"]),
            (#"{"desired":{"accounts":[],"eventTypes":[],"webhooks":[{"account":"a","name":"w","events":[]}]}}"#,
             ["desired.webhooks[0].url": "missing"]),
            // The decoder's own wording for a fraction where an integer belongs.
            (#"{"desired":{"accounts":[{"name":"a","maxWebhooks":1.5}],"eventTypes":[],"webhooks":[]}}"#,
             ["params": "The given data was not valid JSON."]),
            (#"{"desired":{"accounts":[],"webhooks":[]}}"#, ["desired.eventTypes": "missing"]),
            (#"{"desired":{"accounts":[],"eventTypes":[],"webhooks":[{"account":"a","name":"w","url":"u","events":[],"urll":"x"}]},"pruned":true}"#,
             ["desired.webhooks[0].urll": "unknown field", "pruned": "unknown field"]),
            (#"{"desired":{"accounts":[],"eventTypes":[],"webhooks":[{"account":"a","name":"w","url":"u","events":[],"headers":{"X":null}}]}}"#,
             ["desired.webhooks[0].headers.X": "expected string, got null"]),
        ]
        for (params, violations) in cases {
            let answer = try await apply(params)
            #expect(answer.errorCode == -32602, "\(params)")
            #expect(answer.violations == violations, "\(params): \(answer)")
        }
    }
}

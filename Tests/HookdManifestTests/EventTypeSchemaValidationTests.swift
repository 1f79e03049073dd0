import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// `hookctl validate` and apply hold an event type's schema and example to the daemon's rules.
struct EventTypeSchemaValidationTests {
    @Test("a schema hookd cannot compile is reported at the schema with the place inside it")
    func badSchema() {
        let manifest = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: transaction.completed }
            spec:
              schema:
                type: object
                properties:
                  amount: { type: number, minimum: zero }
            """
        #expect(
            ManifestValidationTests.validate([("types.yaml", manifest)]) == [
                "types.yaml:6:5: is not a schema hookd can use: /properties/amount/minimum: must be a number, got string"
            ])
    }

    @Test("an example that breaks the schema is reported at each failing value")
    func badExample() {
        let manifest = """
            apiVersion: hookd/v1
            kind: EventType
            metadata: { name: transaction.completed }
            spec:
              schema:
                type: object
                required: [customer_id]
                properties:
                  amount: { type: number }
                  items: { type: array, items: { properties: { sku: { type: string } } } }
              example:
                amount: "50"
                items:
                  - sku: 7
            """
        #expect(
            ManifestValidationTests.validate([("types.yaml", manifest)]) == [
                "types.yaml:12:5: missing required property \"customer_id\"",
                "types.yaml:12:13: must be a number, got string",
                "types.yaml:14:14: must be a string, got number",
            ])
    }
}

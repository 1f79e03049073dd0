import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import HookdTesting
import Testing

/// Export writes YAML that reads back as exactly what was exported, whatever the text.
struct ExportRoundTripTests {
    /// What `text` reads back as when validate reads it.
    static func readBack(_ text: String) throws -> DesiredState {
        let set = ManifestSet([ManifestSource(file: "export.yaml", directory: URL(fileURLWithPath: "/"), text: text)])
        try #require(set.diagnostics.isEmpty, "\(set.diagnostics)\n--- exported\n\(text)")
        return set.declaredState
    }

    @Test("strings that look like numbers, booleans, null, dates or YAML syntax read back as the same strings", arguments: TrickyValues.lookalikes)
    func lookalikeStrings(_ text: String) throws {
        let state = DesiredState(eventTypes: [
            EventTypeSpec(
                name: "customer.created", description: text, schema: .object([text: .string(text)]),
                example: .object(["phone": .string(text), "list": .array([.string(text)])]))
        ])
        let exported = try ManifestWriter.text(state)
        #expect(try Self.readBack(exported) == state, "\(exported)")
    }

    @Test("a number-like phone in an example is quoted, and plain text stays plain")
    func quotingIsTargeted() throws {
        let state = DesiredState(eventTypes: [
            EventTypeSpec(name: "customer.created", description: "A customer registered", example: .object(["phone": .string("+447700900123")]))
        ])
        let exported = try ManifestWriter.text(state)
        #expect(exported.contains("phone: \"+447700900123\""), "\(exported)")
        #expect(exported.contains("description: A customer registered"), "\(exported)")
    }

    @Test("property: 300 random configurations (seeded) survive export and read back unchanged")
    func randomConfigurations() throws {
        for seed in UInt64(1)...300 {
            var values = TrickyValues(seed: seed)
            let state = values.desiredState()
            let exported = try ManifestWriter.text(state)
            let read = try Self.readBack(exported)
            try #require(read == state, "seed \(seed) does not round-trip:\n\(exported)")
        }
    }
}

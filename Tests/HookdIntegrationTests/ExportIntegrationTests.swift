import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// `hookctl export` against a real daemon: what it writes is valid input that changes nothing.
@Suite("export")
struct ExportIntegrationTests {
    @Test(
        "property: random text in examples, schemas, descriptions, labels and headers survives export → validate → diff",
        arguments: UInt64(1)...8)
    func randomStateRoundTrips(seed: UInt64) async throws {
        var values = TrickyValues(seed: seed)
        let desired = values.desiredState()
        try await withDaemon { daemon, client in
            let workspace = try ManifestWorkspace(daemon)
            defer { workspace.cleanUp() }
            let applied = try await client.call(
                .manifestsApply, ManifestApplyParams(desired: desired), as: ManifestApplyResult.self)
            try #require(applied.applied, "seed \(seed)")

            let folder = workspace.directory.path + "/exported"
            try await workspace.expect(0, ["export", "--to", folder])
            let validated = try await workspace.run(["validate", "-f", folder])
            #expect(validated.exitCode == 0, "seed \(seed): \(validated)")
            let diff = try await workspace.run(["diff", "-f", folder])
            #expect(diff.exitCode == 0, "seed \(seed): \(diff)")
        }
    }
}

import Foundation
import HookdCore
import HookdTesting
import Testing

/// Both binaries say which version they are, as installed by scripts/install.
@Suite("versions")
struct VersionIntegrationTests {
    @Test("hookd --version and hookctl --version print the version and exit 0", arguments: ["hookd", "hookctl"])
    func version(_ binary: String) async throws {
        let result = try await runCommand(Binaries.path(of: binary), ["--version"])
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout == HookdVersion.current + "\n", "\(result)")
    }

    @Test("scripts/install explains itself and refuses an unknown argument before building anything")
    func installScript() async throws {
        let script = ReadmeWalkthroughTests.root.appendingPathComponent("scripts/install").path
        let help = try await runCommand(script, ["--help"])
        #expect(help.exitCode == 0 && help.stdout.contains("--prefix") && help.stdout.contains("7 minutes"), "\(help)")
        let wrong = try await runCommand(script, ["--prefx", "/tmp/x"])
        #expect(wrong.exitCode == 1 && wrong.stderr.contains("unknown argument --prefx"), "\(wrong)")
    }
}

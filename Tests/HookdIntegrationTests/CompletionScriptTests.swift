import Foundation
import HookdTesting
import Testing

/// `hookctl --generate-completion-script` gives a working script for each shell README names.
struct CompletionScriptTests {
    static let subcommands = [
        "status", "validate", "diff", "apply", "export", "accounts", "event-types", "webhooks", "events", "deliveries",
        "watch", "rotate-secret",
    ]

    @Test("bash, zsh and fish scripts are produced, registered for hookctl, and name the subcommands", arguments: [
        ("bash", "-F _hookctl hookctl"), ("zsh", "#compdef hookctl"), ("fish", "complete -c 'hookctl'"),
    ])
    func script(shell: String, marker: String) async throws {
        let result = try await runHookctl(["--generate-completion-script", shell], socket: nil)
        #expect(result.exitCode == 0, "\(result)")
        #expect(result.stdout.contains(marker), "\(shell) script lacks \(marker)")
        for subcommand in Self.subcommands {
            #expect(result.stdout.contains(subcommand), "\(shell) script does not name \(subcommand)")
        }
    }

    @Test("the bash script parses (bash -n)")
    func bashParses() async throws {
        let script = try await runHookctl(["--generate-completion-script", "bash"], socket: nil).stdout
        let file = try TemporaryDirectory(prefix: "hookd-completion")
        defer { file.remove() }
        let path = file.path + "/hookctl.bash"
        try script.write(toFile: path, atomically: true, encoding: .utf8)
        let check = try await runCommand("/bin/bash", ["-n", path])
        #expect(check.exitCode == 0, "\(check)")
    }
}

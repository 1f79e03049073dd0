import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdManifest
import HookdRPC

/// `hookctl export [--to DIR]`: the live state as manifests.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write the live state as manifests (secrets left out).",
        discussion: """
            Prints every account, event type and webhook as manifests that diff then reports \
            as no change, or writes them to accounts.yaml, event-types.yaml and webhooks.yaml \
            in a directory. Secrets are never exported: a webhook manifest without a secret \
            keeps the webhook's current one. hookd's own hookd.* event types are left out.

            Examples:
              hookctl export > live.yaml
              hookctl export --to manifests/
            """)

    @Option(help: ArgumentHelp("Write one file per kind into this directory.", valueName: "dir"))
    var to: String?

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        let state = try await globals.withDaemon { try await $0.call(.manifestsExport, EmptyParams(), as: DesiredState.self) }
        if globals.output == .json {
            try globals.printer.print(state) { _ in "" }
            return
        }
        guard let to else {
            print(try ManifestWriter.text(state), terminator: "")
            return
        }
        let directory = URL(fileURLWithPath: to, isDirectory: true)
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            for file in try ManifestWriter.files(state) {
                let url = directory.appendingPathComponent(file.name)
                try Data(file.text.utf8).write(to: url)
                print("Wrote \(url.path)")
            }
        } catch {
            throw CLIError("cannot write manifests to \(to): \(error.localizedDescription)")
        }
    }
}

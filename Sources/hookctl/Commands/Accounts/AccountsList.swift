import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl accounts list`.
struct AccountsList: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List accounts with their plans.",
        discussion: """
            Examples:
              hookctl accounts list
              hookctl accounts list -o json
            """,
        aliases: ["ls"])

    @OptionGroup var globals: GlobalOptions

    func run() async throws {
        try await globals.callAndPrint(.accountsList, EmptyParams(), as: [Account].self) {
            AccountPresentation.table($0)
        }
    }
}

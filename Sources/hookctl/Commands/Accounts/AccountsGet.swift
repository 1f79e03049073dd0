import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl accounts get A`.
struct AccountsGet: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "get",
        abstract: "Show one account and its plan.",
        discussion: """
            Example:
              hookctl accounts get acc_12345
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The account's name.", valueName: "account"))
    var name: String

    func run() async throws {
        try await globals.callAndPrint(.accountsGet, NameParams(name: name), as: Account.self) {
            AccountPresentation.detail($0)
        }
    }
}

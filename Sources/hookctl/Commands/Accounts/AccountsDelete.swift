import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl accounts delete A`.
struct AccountsDelete: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "Delete an account that has no webhooks left.",
        discussion: """
            Asks for confirmation on a terminal; pass --yes in scripts. The daemon refuses \
            while the account still has webhooks: delete those first.

            Examples:
              hookctl accounts delete acc_12345
              hookctl accounts delete acc_12345 --yes
            """,
        aliases: ["rm"])

    @OptionGroup var globals: GlobalOptions
    @OptionGroup var confirmation: ConfirmationOptions

    @Argument(help: ArgumentHelp("The account's name.", valueName: "account"))
    var name: String

    func run() async throws {
        try Confirmation.requireAskable(confirmed: confirmation.yes, action: "delete account \(name)")
        let result = try await globals.withDaemon { daemon in
            let account = try await daemon.call(.accountsGet, NameParams(name: name), as: Account.self)
            try Confirmation.ask("Delete account \(account.name)?", confirmed: confirmation.yes)
            return try await daemon.call(.accountsDelete, NameParams(name: account.name), as: DeletedResult.self)
        }
        try globals.printer.print(result) { "Deleted account \($0.name)." }
    }
}

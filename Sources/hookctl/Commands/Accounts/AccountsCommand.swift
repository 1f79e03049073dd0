import ArgumentParser

/// `hookctl accounts ...`.
struct AccountsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "accounts",
        abstract: "Manage accounts: the customers that own webhooks.",
        discussion: """
            An account's plan limits how many webhooks it may have and which event types it \
            may publish and subscribe to.

            Examples:
              hookctl accounts create acc_12345 --max-webhooks 10 \\
                  --event-types 'customer.*,reward.issued'
              hookctl accounts list
              hookctl accounts get acc_12345 -o yaml
            """,
        subcommands: [AccountsList.self, AccountsGet.self, AccountsCreate.self, AccountsDelete.self])
}

import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl accounts create A`.
struct AccountsCreate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an account.",
        discussion: """
            Without options the plan allows any number of webhooks and every event type.

            Examples:
              hookctl accounts create acc_12345
              hookctl accounts create acc_67890 --max-webhooks 3 \\
                  --event-types 'customer.*,reward.issued'
            """)

    @OptionGroup var globals: GlobalOptions

    @Argument(help: ArgumentHelp("The new account's name, e.g. acc_12345.", valueName: "account"))
    var name: String

    @Option(help: ArgumentHelp("The most webhooks the account may have (default: no limit).", valueName: "n"))
    var maxWebhooks: Int?

    @Option(
        help: ArgumentHelp(
            "Event-type patterns the plan allows, comma-separated: exact names, family.* or * (default: *).",
            valueName: "patterns"))
    var eventTypes: [String] = []

    func run() async throws {
        let patterns = ListArguments.commaSeparated(eventTypes)
        let plan =
            maxWebhooks == nil && patterns.isEmpty
            ? nil : PlanParams(maxWebhooks: maxWebhooks, eventTypes: patterns.isEmpty ? nil : patterns)
        try await globals.callAndPrint(.accountsCreate, AccountCreateParams(name: name, plan: plan), as: Account.self) {
            "Created account \($0.name).\n\n" + AccountPresentation.detail($0)
        }
    }
}

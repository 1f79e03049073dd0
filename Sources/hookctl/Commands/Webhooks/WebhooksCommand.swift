import ArgumentParser

/// `hookctl webhooks ...`.
struct WebhooksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "webhooks",
        abstract: "Manage webhooks: the endpoints that receive events.",
        discussion: """
            A webhook belongs to an account and receives, signed with its own secret, every \
            event of that account whose type matches one of its patterns (exact names, \
            family.* or *). Name one as NAME, or as ACCOUNT/NAME when several accounts use \
            the name.

            Examples:
              hookctl webhooks create crm-sync --account acc_12345 \\
                  --url https://crm.example.com/webhooks/loyalty \\
                  --events 'customer.*,transaction.completed'
              hookctl webhooks list --account acc_12345
              hookctl webhooks get acc_12345/crm-sync
              hookctl webhooks test crm-sync
              hookctl webhooks disable crm-sync --reason "endpoint migration"
            """,
        subcommands: [
            WebhooksList.self, WebhooksGet.self, WebhooksCreate.self, WebhooksUpdate.self, WebhooksDelete.self,
            WebhooksEnable.self, WebhooksDisable.self, WebhooksTest.self, WebhooksSecret.self, WebhooksRecover.self,
            WebhooksRotateSecret.self, WebhooksTestFilter.self,
        ])
}

import ArgumentParser
import HookdCore

/// `hookctl`: the operator's command line for a running hookd.
struct Hookctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookctl",
        abstract: "Operate a running hookd webhook daemon.",
        discussion: """
            hookctl talks to hookd over its Unix socket. It finds the socket the way hookd \
            chooses it: --socket, else $HOOKD_SOCKET, else $HOOKD_DATA_DIR/hookd.sock, else \
            ./.hookd/hookd.sock.

            Every command prints a table for people by default; -o json prints one JSON \
            document (an array for lists) with exactly the fields of the API, -o yaml the \
            same as YAML. The global options may also be written before the command.

            Exit status: 0 on success, 1 on any error; diff exits 2 when there are changes.

            Examples:
              hookctl status
              hookctl accounts create acc_12345
              hookctl event-types create customer.created \\
                  --description "A customer registered"
              hookctl webhooks create crm-sync --account acc_12345 \\
                  --url https://crm.example.com/hooks \\
                  --events customer.created,customer.updated
              hookctl events publish --account acc_12345 --type customer.created \\
                  --data '{"customer_id": "cust_67890"}'
              hookctl deliveries list --webhook crm-sync --status failed
              hookctl listen --webhook crm-sync
              hookctl --socket /var/lib/hookd/hookd.sock -o json webhooks list
            """,
        version: HookdVersion.current,
        subcommands: [
            StatusCommand.self,
            ValidateCommand.self,
            DiffCommand.self,
            ApplyCommand.self,
            ExportCommand.self,
            AccountsCommand.self,
            EventTypesCommand.self,
            WebhooksCommand.self,
            EventsCommand.self,
            DeliveriesCommand.self,
            ListenCommand.self,
            AuditCommand.self,
            OpenRPCCommand.self,
        ])
}

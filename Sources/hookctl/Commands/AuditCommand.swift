import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl audit`.
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Show who changed what: the audit log, newest first (admin role).",
        discussion: """
            Every call that changed state (configuration, enable and disable, tests, \
            redeliveries, recoveries, applies) or revealed a secret, with the caller's uid, \
            pid and role, the target and the outcome; refused calls too. Never a secret or a \
            payload. Publishing is not in it: each event is kept with its id and time. \
            Entries older than hookd's --retention are pruned.

            Examples:
              hookctl audit --since 24h
              hookctl audit --uid 1001 -o json
            """)

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("Only entries from this long ago on (e.g. 24h, 7d).", valueName: "duration"))
    var since: String?

    @Option(help: ArgumentHelp("Only this user's calls.", valueName: "uid"))
    var uid: UInt32?

    @Option(help: ArgumentHelp("At most this many (1-10000; default 100).", valueName: "n"))
    var limit: Int?

    func run() async throws {
        try await globals.callAndPrint(.auditList, AuditListParams(since: since, uid: uid, limit: limit), as: [AuditEntry].self) {
            AuditPresentation.table($0)
        }
    }
}

import ArgumentParser
import Foundation
import HookdDaemon
import Logging

/// `hookd copy-store`: a stopped daemon's store copied whole into an empty store of the
/// other kind, for a user moving from SQLite to PostgreSQL (or back).
struct CopyStoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookd copy-store",
        abstract: "Copy everything a store holds into an empty store of the other kind (hookd stopped).",
        discussion: """
            Copies accounts, event types, webhooks with their secrets, events, deliveries with \
            their states and due times, attempts, webhook health, the audit log and the \
            configuration revision, in one transaction on the target: it lands whole or not \
            at all. Rows are read in batches, so a large store is never in memory whole. A \
            target that holds anything is refused and left as it was; so is a source or \
            target a daemon is running on.

            Secrets are copied as they are stored: a store sealed with --secret-key-file \
            stays sealed with the same key, so start hookd on the copy with that key file.

            Example, moving from SQLite to PostgreSQL:
              systemctl stop hookd
              hookd copy-store --from sqlite:/var/lib/hookd --to postgres://hookd@db.internal/hookd
              hookd --data-dir /var/lib/hookd --database postgres://hookd@db.internal/hookd

            And back: hookd copy-store --from postgres://... --to sqlite:/var/lib/hookd-local
            """)

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The store to copy: sqlite:DATA_DIR (the directory holding hookd.sqlite) or a PostgreSQL URL.",
            valueName: "store"))
    var from: String

    @Option(
        name: .long,
        help: ArgumentHelp(
            "The empty store to copy into: postgres://USER[:PASSWORD]@HOST[:PORT]/DB (or postgresql://, ?host=/SOCKET/DIR), or sqlite:DATA_DIR (made when missing).",
            valueName: "store"))
    var to: String

    func validate() throws {
        _ = try addresses()
    }

    func run() async throws {
        let (source, target) = try addresses()
        var logger = Logger(label: "hookd-copy-store")
        logger.logLevel = .error
        do {
            print(try await StoreCopying.copy(from: source, to: target, logger: logger))
        } catch {
            FileHandle.standardError.write(Data("hookd copy-store: \(error)\n".utf8))
            throw ExitCode.failure
        }
    }

    private func addresses() throws -> (StoreAddress, StoreAddress) {
        func read(_ flag: String, _ text: String) throws -> StoreAddress {
            do {
                return try StoreAddress(text)
            } catch {
                throw ValidationError("\(flag): \(error.description)")
            }
        }
        return (try read("--from", from), try read("--to", to))
    }
}

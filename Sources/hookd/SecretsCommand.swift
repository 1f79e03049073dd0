import ArgumentParser
import Foundation
import HookdDaemon
import Logging

/// `hookd secrets`: the key that seals webhook secrets at rest, and the store's secrets
/// sealed, rotated or unsealed while the daemon is stopped.
struct SecretsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "hookd secrets",
        abstract: "Seal webhook secrets at rest with a key file, rotate that key, or unseal them.",
        discussion: """
            With --secret-key-file, hookd stores every webhook secret sealed with \
            ChaCha20-Poly1305 under that key, and refuses to start while any secret is in the \
            clear or sealed with another key. These commands move a store between those \
            states; each runs in one transaction and refuses to run beside a daemon. With \
            --database (or HOOKD_DATABASE) they work on that PostgreSQL database instead of \
            the data directory's SQLite store.

            Example, sealing an existing store:
              hookd secrets generate-key --out /etc/hookd/secret.key
              systemctl stop hookd
              hookd secrets encrypt --data-dir /var/lib/hookd --secret-key-file /etc/hookd/secret.key
              hookd --data-dir /var/lib/hookd --secret-key-file /etc/hookd/secret.key
            """,
        subcommands: [GenerateKey.self, Encrypt.self, Rotate.self, Decrypt.self])

    /// Where the store is: the PostgreSQL database `--database` (or `HOOKD_DATABASE`) names,
    /// as for the daemon, else SQLite in the data directory.
    struct StoreLocation: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp("Data directory (env HOOKD_DATA_DIR; default ./.hookd).", valueName: "dir"))
        var dataDir: String?

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The PostgreSQL database the store is in, as hookd --database takes it (env HOOKD_DATABASE).",
                valueName: "url"))
        var database: String?

        var directory: String {
            dataDir ?? ProcessInfo.processInfo.environment["HOOKD_DATA_DIR"] ?? DaemonConfiguration.defaultDataDirectory
        }

        func validate() throws {
            _ = try databaseURL()
        }

        /// The database named, checked; `nil` for the data directory's SQLite store.
        func databaseURL() throws -> DatabaseURL? {
            do {
                return try DatabaseURL.named(byFlag: database, environment: ProcessInfo.processInfo.environment)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    struct GenerateKey: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "generate-key",
            abstract: "Write a new random 256-bit key to a file with mode 0600 (never over an existing file).")

        @Option(name: .long, help: ArgumentHelp("The key file to create.", valueName: "file"))
        var out: String

        func run() async throws {
            let fingerprint = try await reporting { try SecretKeyFile.create(out) }
            print("wrote a new key to \(out) (fingerprint \(fingerprint)); keep a copy: without it sealed secrets cannot be read")
        }
    }

    struct Encrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every webhook secret in the store with the key file (hookd stopped).")

        @OptionGroup var store: StoreLocation

        @Option(name: .long, help: ArgumentHelp("The key to seal with.", valueName: "file"))
        var secretKeyFile: String

        func run() async throws {
            let changed = try await SecretsCommand.reseal(store, from: nil, to: secretKeyFile)
            print("sealed \(changed); start hookd with --secret-key-file \(secretKeyFile)")
        }
    }

    struct Rotate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Seal every webhook secret again under a new key (hookd stopped).")

        @OptionGroup var store: StoreLocation

        @Option(name: .long, help: ArgumentHelp("The key the secrets are sealed with now.", valueName: "file"))
        var secretKeyFile: String

        @Option(name: .long, help: ArgumentHelp("The key to seal them with from now on.", valueName: "file"))
        var newSecretKeyFile: String

        func run() async throws {
            let changed = try await SecretsCommand.reseal(store, from: secretKeyFile, to: newSecretKeyFile)
            print("sealed \(changed) under the new key; start hookd with --secret-key-file \(newSecretKeyFile)")
        }
    }

    struct Decrypt: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store every webhook secret in the clear again (hookd stopped).")

        @OptionGroup var store: StoreLocation

        @Option(name: .long, help: ArgumentHelp("The key the secrets are sealed with.", valueName: "file"))
        var secretKeyFile: String

        func run() async throws {
            let changed = try await SecretsCommand.reseal(store, from: secretKeyFile, to: nil)
            print("unsealed \(changed); start hookd without --secret-key-file")
        }
    }
}

extension SecretsCommand {
    /// Reseals the store's secrets (see `SecretsMaintenance.reseal`); says how many, as
    /// "N webhook secrets".
    static func reseal(_ store: StoreLocation, from: String?, to: String?) async throws -> String {
        let changed = try await reporting {
            if let database = try store.databaseURL() {
                var logger = Logger(label: "hookd-secrets")
                logger.logLevel = .error
                return try await SecretsMaintenance.reseal(
                    database: database, fromKeyFile: from, toKeyFile: to, logger: logger)
            }
            return try await SecretsMaintenance.reseal(dataDirectory: store.directory, fromKeyFile: from, toKeyFile: to)
        }
        return "\(changed) webhook secret\(changed == 1 ? "" : "s")"
    }
}

/// Runs `body`; a failure is printed as one line on stderr and exits 1.
private func reporting<Value>(_ body: () async throws -> Value) async throws -> Value {
    do {
        return try await body()
    } catch {
        FileHandle.standardError.write(Data("hookd secrets: \(error)\n".utf8))
        throw ExitCode.failure
    }
}

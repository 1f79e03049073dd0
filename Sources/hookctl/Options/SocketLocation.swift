import Foundation

/// Where `hookctl` looks for the daemon, resolved the way `hookd` resolves where it listens,
/// so both agree without any flag.
struct SocketLocation: Sendable, Equatable {
    /// How the path was chosen, which decides how to tell the operator to start the daemon.
    enum Origin: Sendable, Equatable {
        /// `--socket` or `HOOKD_SOCKET`.
        case explicit
        /// `<data dir>/hookd.sock` for this data directory.
        case dataDirectory(String)
    }

    /// The daemon's default data directory, as `hookd` uses it.
    static let defaultDataDirectory = "./.hookd"

    var path: String
    var origin: Origin

    /// `--socket`, else `HOOKD_SOCKET`, else `$HOOKD_DATA_DIR/hookd.sock`, else
    /// `./.hookd/hookd.sock`.
    init(flag: String?, environment: [String: String]) {
        if let explicit = flag ?? environment["HOOKD_SOCKET"].flatMap({ $0.isEmpty ? nil : $0 }) {
            path = explicit
            origin = .explicit
            return
        }
        let dataDirectory = environment["HOOKD_DATA_DIR"].flatMap { $0.isEmpty ? nil : $0 } ?? Self.defaultDataDirectory
        path = (dataDirectory.hasSuffix("/") ? dataDirectory : dataDirectory + "/") + "hookd.sock"
        origin = .dataDirectory(dataDirectory)
    }

    /// The `hookd` command line that would listen here.
    var startCommand: String {
        switch origin {
        case .explicit: "hookd --socket \(ShellQuoting.quote(path))"
        case .dataDirectory(let directory): "hookd --data-dir \(ShellQuoting.quote(directory))"
        }
    }
}

/// Quotes a word for a POSIX shell only when it needs it, so hints can be pasted as they are.
enum ShellQuoting {
    static func quote(_ word: String) -> String {
        let plain = word.unicodeScalars.allSatisfy { scalar in
            scalar.isASCII
                && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "/._-+=:@,".unicodeScalars.contains(scalar))
        }
        if plain && !word.isEmpty { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

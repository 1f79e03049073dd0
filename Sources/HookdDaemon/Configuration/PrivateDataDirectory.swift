import Foundation
import Logging

/// Keeps the data directory private to hookd's user: the store holds every webhook secret
/// in plain text, so whatever modes the directory and its files had before (a directory
/// made 0755 by hand, a store copied in as 0644), the directory and every folder in it
/// become 0700 and every file 0600 before the store is opened, and the process's umask
/// becomes 0077 so what SQLite creates later (`-wal`, `-shm`) is born private.
enum PrivateDataDirectory {
    /// Creates `directory` if it is missing and makes it and everything in it private,
    /// never following a symbolic link; logs what it changed.
    ///
    /// - Throws: ``DaemonStartError`` naming the path when a mode cannot be changed (the
    ///   file belongs to another user): hookd does not start on a store others may read.
    static func secure(_ directory: String, logger: Logger) throws {
        umask(0o077)
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        var changed: [String] = []
        try tighten(directory, relative: ".", changed: &changed)
        guard !changed.isEmpty else { return }
        logger.notice(
            "data directory made private: folders 0700, files 0600",
            metadata: [
                "data_dir": "\(directory)", "changed_count": "\(changed.count)",
                "changed": "\(changed.prefix(20).joined(separator: ", "))",
            ])
    }

    /// The mode an entry of the data directory must have: 0700 for a folder, 0600 for
    /// anything else; `nil` for a symbolic link, which is left alone (its target is not
    /// hookd's to change).
    static func privateMode(of fileType: mode_t) -> mode_t? {
        switch fileType & S_IFMT {
        case S_IFLNK: nil
        case S_IFDIR: 0o700
        default: 0o600
        }
    }

    private static func tighten(_ path: String, relative: String, changed: inout [String]) throws {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            // Gone meanwhile (a -shm removed by a closing daemon): nothing to protect.
            if errno == ENOENT { return }
            throw DaemonStartError("cannot read the mode of \(path): \(String(cString: strerror(errno)))")
        }
        guard let wanted = privateMode(of: info.st_mode) else { return }
        let current = info.st_mode & 0o7777
        if current != wanted {
            guard chmod(path, wanted) == 0 else {
                throw DaemonStartError(
                    "cannot make \(path) private (mode \(octal(current)) to \(octal(wanted))): "
                        + "\(String(cString: strerror(errno))); hookd keeps webhook secrets in its data directory "
                        + "and does not start while others may read them")
            }
            changed.append("\(relative) \(octal(current))→\(octal(wanted))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: path).sorted() {
            let child = relative == "." ? name : relative + "/" + name
            try tighten((path as NSString).appendingPathComponent(name), relative: child, changed: &changed)
        }
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

import Foundation
import Logging

/// Keeps the data directory private to hookd's user: the store holds every webhook secret
/// in plain text, so whatever modes they had before (a directory made 0755 by hand, a store
/// copied in as 0644), the directory becomes 0700 and hookd's own files in it (`hookd.*`:
/// the store with its `-wal`, `-shm` and `-journal`, the lock, the socket) 0600 before the
/// store is opened, and the process's umask becomes 0077 so what SQLite creates later is
/// born private.
///
/// Other entries are left as they are: the 0700 directory already keeps every other user
/// out of them, and a `--data-dir .` pointed at a project must not strip its scripts of
/// their execute bits.
enum PrivateDataDirectory {
    /// Creates `directory` if it is missing and makes it and hookd's files in it private,
    /// never following a symbolic link in it; logs what it changed.
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
        // `stat`, not `lstat`, for the directory itself: a data directory that is a link to
        // elsewhere is still the data directory.
        try tighten(directory, name: ".", to: 0o700, following: true, changed: &changed)
        for name in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where isHookdFile(name) {
            let path = (directory as NSString).appendingPathComponent(name)
            try tighten(path, name: name, to: 0o600, following: false, changed: &changed)
        }
        guard !changed.isEmpty else { return }
        logger.notice(
            "data directory made private: directory 0700, hookd's files 0600",
            metadata: ["data_dir": "\(directory)", "changed": "\(changed.joined(separator: ", "))"])
    }

    /// True for the files hookd keeps in its data directory: `hookd.sqlite` and its
    /// companions, `hookd.lock`, `hookd.sock`.
    static func isHookdFile(_ name: String) -> Bool {
        name.hasPrefix("hookd.")
    }

    private static func tighten(
        _ path: String, name: String, to wanted: mode_t, following: Bool, changed: inout [String]
    ) throws {
        var info = stat()
        guard (following ? stat(path, &info) : lstat(path, &info)) == 0 else {
            // Gone meanwhile (a -shm removed by a daemon closing): nothing to protect.
            if errno == ENOENT { return }
            throw DaemonStartError("cannot read the mode of \(path): \(String(cString: strerror(errno)))")
        }
        // A symbolic link's target is not hookd's to change; a folder named hookd.* is not its.
        let type = info.st_mode & S_IFMT
        guard type != S_IFLNK, following || type != S_IFDIR else { return }
        let current = info.st_mode & 0o7777
        guard current != wanted else { return }
        guard chmod(path, wanted) == 0 else {
            throw DaemonStartError(
                "cannot make \(path) private (mode \(octal(current)) to \(octal(wanted))): "
                    + "\(String(cString: strerror(errno))); hookd keeps webhook secrets in its data directory "
                    + "and does not start while others may read them")
        }
        changed.append("\(name) \(octal(current))→\(octal(wanted))")
    }

    private static func octal(_ mode: mode_t) -> String {
        let digits = String(mode, radix: 8)
        return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }
}

import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import HookdTesting
import Testing

/// The data directory holds every secret in plain text: whatever modes it and its files had
/// before, hookd makes the directory 0700 and every file in it 0600 when it starts.
struct DataDirectoryModeTests {
    /// The permission bits of `path` (not following a symbolic link).
    static func mode(_ path: String) throws -> mode_t {
        var info = stat()
        guard lstat(path, &info) == 0 else { throw POSIXError(.ENOENT) }
        return info.st_mode & 0o7777
    }

    /// Every entry under `directory` with its permission bits, paths relative to it.
    static func modes(under directory: String) throws -> [String: mode_t] {
        var modes: [String: mode_t] = [:]
        for relative in try FileManager.default.subpathsOfDirectory(atPath: directory) {
            modes[relative] = try mode(directory + "/" + relative)
        }
        return modes
    }

    @Test("a data directory made 0755 with 0644 files is made 0700, hookd's files 0600, others left as they were")
    func tightensWhatExisted() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-modes")
        defer { root.remove() }
        let data = root.path + "/data"
        try FileManager.default.createDirectory(atPath: data + "/backups", withIntermediateDirectories: true)
        // A store copied in by hand, and an operator's own files.
        for file in ["hookd.sqlite", "notes.txt", "backups/old.sqlite"] {
            _ = FileManager.default.createFile(atPath: data + "/" + file, contents: nil)
            chmod(data + "/" + file, 0o644)
        }
        chmod(data + "/backups", 0o755)
        chmod(data, 0o755)
        let copied = try await RunningDaemon.start(dataDirectory: data)
        try await copied.stop()
        chmod(data, 0o755)
        chmod(data + "/hookd.sqlite", 0o644)

        let daemon = try await copied.restarted()
        defer { Task { await daemon.cleanUp() } }
        #expect(try Self.mode(data) == 0o700)
        let modes = try Self.modes(under: data)
        let hookdFiles = modes.filter { $0.key.hasPrefix("hookd.") }
        #expect(Set(hookdFiles.keys).isSuperset(of: ["hookd.sqlite", "hookd.lock", "hookd.sock"]))
        for (path, mode) in hookdFiles {
            #expect(mode == 0o600, "\(path) is \(String(mode, radix: 8))")
        }
        // Out of every other user's reach behind the 0700 directory, and not hookd's to change.
        #expect(modes["notes.txt"] == 0o644)
        #expect(modes["backups"] == 0o755)
        #expect(modes["backups/old.sqlite"] == 0o644)
        #expect(daemon.log.contains("data directory made private"), "\(daemon.log)")
        #expect(daemon.log.contains("hookd.sqlite 0644→0600"), "\(daemon.log)")
        try await daemon.stop()
    }

    @Test("after a crash, a store and its -wal and -shm opened up to 0644 are 0600 again at the restart")
    func tightensTheStoreAfterACrash() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-modes")
        defer { root.remove() }
        let data = root.path + "/data"
        let first = try await RunningDaemon.start(dataDirectory: data)
        let client = first.client()
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_1"))
        await client.close()
        try await first.kill()
        let files = try Self.modes(under: data).keys.filter { $0.hasPrefix("hookd.sqlite") }
        #expect(Set(files) == ["hookd.sqlite", "hookd.sqlite-wal", "hookd.sqlite-shm"])
        chmod(data, 0o755)
        for file in files { chmod(data + "/" + file, 0o644) }

        let second = try await first.restarted()
        defer { Task { await second.cleanUp() } }
        #expect(try Self.mode(data) == 0o700)
        for file in files {
            #expect(try Self.mode(data + "/" + file) == 0o600, "\(file)")
        }
        try await second.stop()
    }
}

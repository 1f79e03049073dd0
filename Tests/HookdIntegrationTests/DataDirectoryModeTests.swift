import Foundation
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

    @Test("a data directory made 0755 with 0644 files (and a 0755 folder) is made 0700 and 0600 at start")
    func tightensWhatExisted() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-modes")
        defer { root.remove() }
        let data = root.path + "/data"
        try FileManager.default.createDirectory(atPath: data + "/backups", withIntermediateDirectories: true)
        for file in ["notes.txt", "backups/old.sqlite"] {
            _ = FileManager.default.createFile(atPath: data + "/" + file, contents: Data("whsec_x\n".utf8))
            chmod(data + "/" + file, 0o644)
        }
        chmod(data + "/backups", 0o755)
        chmod(data, 0o755)

        let daemon = try await RunningDaemon.start(dataDirectory: data)
        defer { Task { await daemon.cleanUp() } }
        #expect(try Self.mode(data) == 0o700)
        let modes = try Self.modes(under: data)
        #expect(modes["backups"] == 0o700)
        for (path, mode) in modes where path != "backups" {
            #expect(mode == 0o600, "\(path) is \(String(mode, radix: 8))")
        }
        #expect(Set(modes.keys).isSuperset(of: ["hookd.sqlite", "hookd.lock", "notes.txt", "backups/old.sqlite", "hookd.sock"]))
        #expect(daemon.log.contains("data directory made private"), "\(daemon.log)")
        try await daemon.stop()
    }

    @Test("after a crash, a store and its -wal and -shm opened up to 0644 are 0600 again at the restart")
    func tightensTheStoreAfterACrash() async throws {
        let root = try TemporaryDirectory(prefix: "hookd-modes")
        defer { root.remove() }
        let data = root.path + "/data"
        let first = try await RunningDaemon.start(dataDirectory: data)
        let client = first.client()
        _ = try await client.call(.accountsCreate, AccountCreateParams(name: "acc_1"), as: JSONValue.self)
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

import Foundation
import HookdCore

/// A file holding the key that seals webhook secrets at rest (`--secret-key-file`): one
/// line of base64, readable by its owner only.
public enum SecretKeyFile {
    /// Reads the key at `path`; refuses a missing or unreadable file, one that group or
    /// others may read, and text that is not a key, each naming the file and the fix.
    public static func load(_ path: String) throws -> SecretKey {
        var status = stat()
        guard stat(path, &status) == 0 else {
            throw SecretKeyFileError("\(path): \(String(cString: strerror(errno)))")
        }
        guard status.st_mode & S_IFMT == S_IFREG else { throw SecretKeyFileError("\(path) is not a regular file") }
        let mode = status.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw SecretKeyFileError(
                "\(path) may be read by group or others (mode \(String(mode, radix: 8))); chmod 600 it")
        }
        guard status.st_size <= 4096, let text = FileManager.default.contents(atPath: path) else {
            throw SecretKeyFileError("\(path) cannot be read as a key file")
        }
        do {
            return try SecretKey(fileContents: String(decoding: text, as: UTF8.self))
        } catch {
            throw SecretKeyFileError("\(path) \(error)")
        }
    }

    /// Writes a new random key to `path` with mode 0600; refuses to replace an existing file
    /// (a lost key makes every sealed secret unreadable). Returns the key's fingerprint.
    public static func create(_ path: String) throws -> String {
        let key = SecretKey.generate()
        let descriptor = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let reason = errno == EEXIST ? "it already exists; a key is never overwritten" : String(cString: strerror(errno))
            throw SecretKeyFileError("cannot create \(path): \(reason)")
        }
        defer { close(descriptor) }
        let bytes = Array(key.fileContents.utf8)
        let written = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        guard written == bytes.count, fsync(descriptor) == 0 else {
            throw SecretKeyFileError("cannot write \(path): \(String(cString: strerror(errno)))")
        }
        return key.fingerprint
    }
}

/// A key file that cannot serve, and why.
public struct SecretKeyFileError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

import Foundation

/// Reads a file a manifest names (a `$ref` schema, a secret's `fromFile`) within a bound,
/// so a hostile manifest cannot make hookctl read `/dev/zero` or a file of gigabytes.
enum ReferencedFile {
    /// Why a referenced file was not read, in words for a diagnostic.
    struct Refusal: Error {
        var description: String
    }

    /// The bytes of the regular file at `path`, at most `maximumBytes` of them.
    static func read(_ path: String, maximumBytes: Int) throws(Refusal) -> Data {
        var info = stat()
        guard stat(path, &info) == 0 else { throw Refusal(description: "cannot be read") }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw Refusal(description: "is not a regular file")
        }
        guard Int(info.st_size) <= maximumBytes else {
            throw Refusal(description: "has \(info.st_size) bytes, more than the \(maximumBytes) it may have")
        }
        guard let handle = FileHandle(forReadingAtPath: path) else { throw Refusal(description: "cannot be read") }
        defer { try? handle.close() }
        // Read no further than the bound even if the file grew since `stat`.
        guard let data = try? handle.read(upToCount: maximumBytes + 1) ?? Data() else {
            throw Refusal(description: "cannot be read")
        }
        guard data.count <= maximumBytes else {
            throw Refusal(description: "has more than the \(maximumBytes) bytes it may have")
        }
        return data
    }
}

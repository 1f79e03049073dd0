import Foundation

/// A fresh directory under /tmp, short enough for Unix socket paths (107 bytes).
struct ScratchDirectory: ~Copyable {
    let path: String

    init() throws {
        var template = Array("/tmp/hrpc-XXXXXX".utf8CString)
        guard let created = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw CocoaError(.fileWriteUnknown)
        }
        path = String(cString: created)
    }

    /// A path inside the directory.
    func file(_ name: String) -> String { "\(path)/\(name)" }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }
}

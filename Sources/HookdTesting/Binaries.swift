import Foundation

/// Finds the executables built beside the running test bundle (`.build/<triple>/debug/`).
public enum Binaries {
    /// The folder holding `hookd` and `hookctl`: `HOOKD_BIN_DIR` when set, else the folder of
    /// the running test executable.
    public static var directory: URL {
        if let override = ProcessInfo.processInfo.environment["HOOKD_BIN_DIR"] {
            return URL(fileURLWithPath: override)
        }
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? CommandLine.arguments[0]
        var folder = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On macOS the test binary sits inside a bundle: climb out of it.
        while folder.path.contains(".xctest") { folder = folder.deletingLastPathComponent() }
        return folder
    }

    /// The path of a built executable, e.g. `path(of: "hookd")`.
    public static func path(of name: String) -> String {
        directory.appendingPathComponent(name).path
    }
}

/// A short-lived folder under /tmp (short, because Unix socket paths are limited to 107 bytes).
public struct TemporaryDirectory: Sendable {
    public let path: String

    public init(prefix: String = "hookd-test") throws {
        let path = "/tmp/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        self.path = path
    }

    /// Removes the folder and everything in it.
    public func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

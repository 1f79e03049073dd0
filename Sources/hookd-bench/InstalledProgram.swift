import Foundation

/// Finds the programs the benchmarks drive (nginx, wrk) where Debian installs them.
enum InstalledProgram {
    /// The full path of `name` from `PATH`, `/usr/sbin` or `/sbin` (nginx lives in sbin,
    /// which a non-root `PATH` often leaves out).
    static func path(of name: String) throws -> String {
        let searched = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/local/sbin", "/usr/sbin", "/sbin"]
        for folder in searched where !folder.isEmpty {
            let candidate = folder + "/" + name
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        throw BenchError.missingProgram(name)
    }
}

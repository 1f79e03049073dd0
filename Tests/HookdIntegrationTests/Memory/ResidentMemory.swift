import Foundation

/// A process's resident set as the kernel reports it in `/proc/PID/status`.
struct ResidentMemory {
    /// `VmRSS`: the memory the process holds right now, in KiB.
    let currentKiB: Int
    /// `VmHWM`: the most it has held since it started, in KiB.
    let peakKiB: Int

    /// Reads the figures of process `pid`; `nil` when it is gone.
    static func of(pid: Int32) -> ResidentMemory? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        func kibibytes(_ field: String) -> Int? {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }) else { return nil }
            return Int(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces).dropLast(3))
        }
        guard let current = kibibytes("VmRSS"), let peak = kibibytes("VmHWM") else { return nil }
        return ResidentMemory(currentKiB: current, peakKiB: peak)
    }
}

import Foundation
import HookdTesting

extension RunningDaemon {
    /// Writes the end of the daemon's log to stderr (before ``cleanUp()`` removes it), so a
    /// failed run says what the daemon was doing.
    func reportLogTail(lines: Int = 40) {
        let tail = log.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
        FileHandle.standardError.write(Data("--- last \(lines) lines of the hookd log\n\(tail)\n".utf8))
    }

    /// The daemon's peak resident memory so far (`VmHWM`) and its resident memory now
    /// (`VmRSS`), in bytes, from /proc/PID/status.
    func memory() throws -> (peak: Int, now: Int) {
        let status = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func kilobytes(_ field: String) throws -> Int {
            guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
                let value = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.flatMap({ Int($0) })
            else { throw BenchError.invalidRun("/proc/\(pid)/status has no \(field)") }
            return value * 1024
        }
        return (try kilobytes("VmHWM"), try kilobytes("VmRSS"))
    }

    /// The CPU time the daemon has used so far, user and system together, in seconds, from
    /// /proc/PID/stat (fields 14 and 15, in clock ticks). Less sensitive than rates to
    /// other load on the machine: what a row costs, not how fast it went.
    func cpuSeconds() throws -> Double {
        try ProcessStat(pid: pid).cpuSeconds
    }

    /// The bytes the daemon has caused to be sent to storage so far (`write_bytes` of
    /// /proc/PID/io): its write-ahead log, its checkpoints and anything else it wrote.
    func writtenBytes() throws -> Int {
        let io = try String(contentsOfFile: "/proc/\(pid)/io", encoding: .utf8)
        guard let line = io.split(separator: "\n").first(where: { $0.hasPrefix("write_bytes:") }),
            let bytes = Int(line.dropFirst("write_bytes:".count).trimmingCharacters(in: .whitespaces))
        else { throw BenchError.invalidRun("/proc/\(pid)/io has no write_bytes") }
        return bytes
    }
}

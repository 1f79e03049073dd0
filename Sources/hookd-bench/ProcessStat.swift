import Foundation

/// What /proc/PID/stat says of one process: its parent and the CPU time it used.
struct ProcessStat {
    /// The process.
    let pid: Int32
    /// Its parent process.
    let parent: Int32
    /// User and system CPU time the process itself used, in seconds.
    let cpuSeconds: Double
    /// User and system CPU time of its children that exited and were waited for, in seconds.
    let exitedChildrenCPUSeconds: Double

    /// Reads `/proc/PID/stat`.
    init(pid: Int32) throws {
        let stat = try String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8)
        // The command name (field 2) may hold spaces; the fields after it do not.
        guard let close = stat.lastIndex(of: ")") else { throw BenchError.invalidRun("/proc/\(pid)/stat is unreadable") }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // fields[0] is field 3 (state): ppid (4) is fields[1]; utime, stime, cutime, cstime
        // (14 to 17, in clock ticks) are fields[11] to [14].
        let times = fields.count > 14 ? fields[11...14].compactMap { Double($0) } : []
        guard times.count == 4, let parent = Int32(fields[1]) else {
            throw BenchError.invalidRun("/proc/\(pid)/stat has no parent or CPU times")
        }
        let tick = Double(sysconf(Int32(_SC_CLK_TCK)))
        self.pid = pid
        self.parent = parent
        cpuSeconds = (times[0] + times[1]) / tick
        exitedChildrenCPUSeconds = (times[2] + times[3]) / tick
    }

    /// Every process on the machine that could be read (processes end while the list is read).
    static func all() -> [ProcessStat] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { Int32($0) }.compactMap { try? ProcessStat(pid: $0) }
    }
}

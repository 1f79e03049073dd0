import Foundation
import HookdTesting

/// The CPU time a local PostgreSQL server has used: its postmaster, its live backends and
/// the backends that have exited, so a row can say what the database cost per delivery.
struct PostgresServerCPU {
    /// The server's postmaster process.
    let postmaster: Int32

    /// The postmaster of the server `database` lives on, found through its data directory's
    /// `postmaster.pid`; `nil` when the server is not on this machine or will not say
    /// (`SHOW data_directory` needs a superuser or `pg_read_all_settings`).
    static func locate(_ database: TestDatabase) async -> PostgresServerCPU? {
        guard let directory = try? await database.strings("SHOW data_directory").first ?? nil,
            let pidFile = try? String(contentsOfFile: directory + "/postmaster.pid", encoding: .utf8),
            let first = pidFile.split(separator: "\n").first, let pid = Int32(first),
            (try? ProcessStat(pid: pid)) != nil
        else { return nil }
        return PostgresServerCPU(postmaster: pid)
    }

    /// CPU seconds used so far by the postmaster and every backend it started, live or exited.
    func seconds() throws -> Double {
        let postmaster = try ProcessStat(pid: postmaster)
        let backends = ProcessStat.all().filter { $0.parent == postmaster.pid }
        return postmaster.cpuSeconds + postmaster.exitedChildrenCPUSeconds + backends.reduce(0) { $0 + $1.cpuSeconds }
    }
}

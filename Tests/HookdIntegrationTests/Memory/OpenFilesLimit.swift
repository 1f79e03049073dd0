import Foundation

/// The test process's limit on open files, which its sockets and the daemons it starts share.
enum OpenFilesLimit {
    /// Raises the soft limit to the hard one (daemons started afterwards inherit it) and
    /// returns it.
    static func raise() throws -> Int {
        var limit = rlimit()
        guard getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit) == 0 else { return 1024 }
        if limit.rlim_cur < limit.rlim_max {
            limit.rlim_cur = limit.rlim_max
            _ = setrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
            _ = getrlimit(Int32(RLIMIT_NOFILE.rawValue), &limit)
        }
        return Int(min(limit.rlim_cur, rlim_t(Int.max)))
    }
}

import Foundation

/// The groups a connecting user belongs to: the primary group the socket reports and the
/// supplementary groups the system's user database lists for that uid.
enum PeerGroups {
    /// `gid` and every group `uid`'s user is a member of; just `gid` for a uid without a
    /// user entry.
    static func of(uid: uid_t, gid: gid_t) -> Set<gid_t> {
        var groups: Set<gid_t> = [gid]
        var user = passwd()
        var result: UnsafeMutablePointer<passwd>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getpwuid_r(uid, &user, &buffer, buffer.count, &result) == 0, result != nil, let name = user.pw_name else {
            return groups
        }
        var count: Int32 = 64
        var list = [gid_t](repeating: 0, count: Int(count))
        if getgrouplist(name, gid, &list, &count) < 0 {
            // `count` now says how many there are.
            list = [gid_t](repeating: 0, count: Int(count))
            guard getgrouplist(name, gid, &list, &count) >= 0 else { return groups }
        }
        groups.formUnion(list.prefix(Int(count)))
        return groups
    }
}

import Foundation

/// The groups whose members get each role on the socket (`--admin-group`,
/// `--operator-group`, `--reader-group`). The daemon's own user and root are always admin.
public struct RoleGroups: Sendable, Equatable {
    /// Groups whose members may do everything.
    public var admin: [gid_t]
    /// Groups whose members may publish, test, redeliver, recover, enable and disable.
    public var `operator`: [gid_t]
    /// Groups whose members may list, get, watch and read status.
    public var reader: [gid_t]

    /// Role groups; none by default (only the daemon's user and root may connect).
    public init(admin: [gid_t] = [], operator: [gid_t] = [], reader: [gid_t] = []) {
        self.admin = admin
        self.operator = `operator`
        self.reader = reader
    }

    /// Whether any other user may be let in: then the socket must be reachable for them.
    public var letsOthersIn: Bool { !(admin.isEmpty && self.operator.isEmpty && reader.isEmpty) }

    /// The group id `text` names: a number, or a group name from the system's database.
    public static func groupId(_ text: String) throws -> gid_t {
        if let number = gid_t(text) { return number }
        var group = group()
        var result: UnsafeMutablePointer<group>?
        var buffer = [CChar](repeating: 0, count: 16_384)
        guard getgrnam_r(text, &group, &buffer, buffer.count, &result) == 0, result != nil else {
            throw RoleGroupError(group: text)
        }
        return group.gr_gid
    }
}

/// A role group flag naming a group the system does not know.
public struct RoleGroupError: Error, CustomStringConvertible {
    /// The group as given.
    public let group: String

    public var description: String { "no group named \(group) (give a group name or a numeric gid)" }
}

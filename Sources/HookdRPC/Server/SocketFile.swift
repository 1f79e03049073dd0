#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The socket file a server created, remembered by device and inode so that removing it at
/// shutdown can never delete a newer daemon's socket at the same path.
struct SocketFile: Sendable {
    let path: String
    private let device: UInt64
    private let inode: UInt64

    /// Identifies the file now at `path`; `nil` if there is none.
    init?(path: String) {
        guard let status = FileStatus(path: path) else { return nil }
        self.path = path
        device = status.device
        inode = status.inode
    }

    /// Unlinks the file if it is still the one this server created.
    func remove() {
        guard let status = FileStatus(path: path), status.device == device, status.inode == inode else { return }
        unlink(path)
    }
}

/// The parts of `lstat` the socket handling needs.
struct FileStatus {
    let device: UInt64
    let inode: UInt64
    let isSocket: Bool
    let isDirectory: Bool

    /// `lstat` (or `stat` when `followingLinks`) of `path`; `nil` when it does not exist or
    /// cannot be examined.
    init?(path: String, followingLinks: Bool = false) {
        var status = stat()
        guard (followingLinks ? stat(path, &status) : lstat(path, &status)) == 0 else { return nil }
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
        isSocket = (status.st_mode & S_IFMT) == S_IFSOCK
        isDirectory = (status.st_mode & S_IFMT) == S_IFDIR
    }

    /// The text of the current `errno`.
    static var lastErrorText: String {
        String(cString: strerror(errno))
    }
}

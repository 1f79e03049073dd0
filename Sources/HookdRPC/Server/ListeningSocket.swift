import Logging
import NIOCore
import NIOPosix

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Creates the server's Unix socket: checks the path, replaces a stale socket file left by a
/// dead daemon (never a live one), and binds with mode 0600 from the first instant.
///
/// The socket is created and bound here rather than by `ServerBootstrap.bind(unixDomainSocketPath:)`
/// because the mode has to be set between `socket()` and `bind()`: Linux gives the socket
/// file the mode of the socket inode, so `fchmod` before `bind` means there is no moment
/// when the file exists with the umask's looser mode. NIO then takes over the bound
/// descriptor (and listens on it).
enum ListeningSocket {
    /// `sun_path` holds 108 bytes including the terminating NUL.
    static let maximumPathBytes = 107

    /// A bound socket, ready for NIO to listen on, and the file it created.
    struct Bound {
        let descriptor: CInt
        let file: SocketFile
    }

    /// Prepares `path` and binds a new socket to it.
    static func bind(path: String, mode: mode_t, eventLoopGroup: any EventLoopGroup, logger: Logger) async throws -> Bound {
        guard path.utf8.count <= maximumPathBytes else { throw RPCServerError.pathTooLong(path) }
        let directory = directory(of: path)
        guard FileStatus(path: directory, followingLinks: true)?.isDirectory == true else {
            throw RPCServerError.directoryMissing(path, directory: directory)
        }
        if let existing = FileStatus(path: path) {
            guard existing.isSocket else { throw RPCServerError.notASocket(path) }
            try await removeIfStale(path: path, eventLoopGroup: eventLoopGroup, logger: logger)
        }
        return try bindNewSocket(path: path, mode: mode)
    }

    /// Connects to the socket at `path`: if something answers, it is in use; if the
    /// connection is refused, the daemon that made it is gone and the file is removed.
    private static func removeIfStale(path: String, eventLoopGroup: any EventLoopGroup, logger: Logger) async throws {
        do {
            let channel = try await ClientBootstrap(group: eventLoopGroup)
                .connectTimeout(.seconds(2))
                .connect(unixDomainSocketPath: path)
                .get()
            try? await channel.close()
            throw RPCServerError.socketInUse(path)
        } catch let error as IOError where error.errnoCode == ECONNREFUSED {
            logger.info("removing stale socket file left by a previous hookd", metadata: ["socket": "\(path)"])
            guard unlink(path) == 0 || errno == ENOENT else {
                throw RPCServerError.bindFailed(path, reason: "cannot remove stale socket: \(FileStatus.lastErrorText)")
            }
        } catch let error as IOError where error.errnoCode == ENOENT {
            return  // Removed meanwhile: nothing to replace.
        } catch let error as IOError where error.errnoCode == EAGAIN {
            // Linux refuses with EAGAIN when a live listener's backlog is full.
            throw RPCServerError.socketInUse(path)
        } catch ChannelError.connectTimeout {
            throw RPCServerError.socketInUse(path)
        } catch let error as RPCServerError {
            throw error
        } catch {
            // E.g. permission denied: we cannot tell whether it is alive, so leave it alone.
            throw RPCServerError.bindFailed(path, reason: "cannot tell whether the existing socket is in use: \(error)")
        }
    }

    private static func bindNewSocket(path: String, mode: mode_t) throws -> Bound {
        #if os(Linux)
        let type = CInt(SOCK_STREAM.rawValue | SOCK_CLOEXEC.rawValue)
        #else
        let type = SOCK_STREAM
        #endif
        let descriptor = socket(AF_UNIX, type, 0)
        guard descriptor >= 0 else {
            throw RPCServerError.bindFailed(path, reason: "cannot create socket: \(FileStatus.lastErrorText)")
        }
        do {
            guard fchmod(descriptor, mode) == 0 else {
                throw RPCServerError.bindFailed(path, reason: "cannot set socket mode: \(FileStatus.lastErrorText)")
            }
            try bind(descriptor, to: path)
            // The fchmod above covers Linux; this makes the mode right on every platform.
            guard chmod(path, mode) == 0, let file = SocketFile(path: path) else {
                let reason = "cannot set socket mode: \(FileStatus.lastErrorText)"
                unlink(path)
                throw RPCServerError.bindFailed(path, reason: reason)
            }
            return Bound(descriptor: descriptor, file: file)
        } catch {
            close(descriptor)
            throw error
        }
    }

    private static func bind(_ descriptor: CInt, to path: String) throws {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { sunPath in
            sunPath.copyBytes(from: path.utf8)
            sunPath[path.utf8.count] = 0
        }
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                #if canImport(Glibc)
                Glibc.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #elseif canImport(Musl)
                Musl.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #else
                Darwin.bind(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                #endif
            }
        }
        guard result == 0 else {
            switch errno {
            case EADDRINUSE:
                // Another daemon bound the path between our check and our bind.
                throw RPCServerError.socketInUse(path)
            case ENOENT:
                throw RPCServerError.directoryMissing(path, directory: directory(of: path))
            default:
                throw RPCServerError.bindFailed(path, reason: FileStatus.lastErrorText)
            }
        }
    }

    /// The directory part of `path` (`.` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let directory = String(path[..<slash])
        return directory.isEmpty ? "/" : directory
    }
}

/// The listening Unix socket systemd passed to hookd (socket activation).
public struct InheritedSocket: Sendable, Equatable {
    /// The descriptor, 3 (`SD_LISTEN_FDS_START`).
    public var descriptor: CInt
    /// The path it is bound to (`ListenStream=` of `hookd.socket`).
    public var path: String
}

internal import GRDB
import HookdCore

/// What a failed write says about the storage under the store: full or read-only, faults an
/// operator fixes on the machine, answered `UNAVAILABLE` with a plain message rather than
/// as an internal error.
public enum StorageFault {
    /// The `HookdError` for `error` when it is a storage fault; `nil` for anything else.
    public static func error(for error: any Error) -> HookdError? {
        guard let error = error as? DatabaseError else { return nil }
        switch error.resultCode {
        case .SQLITE_FULL: return .storageFull
        case .SQLITE_READONLY: return .storageReadOnly
        default: return nil
        }
    }
}

extension HookdError {
    /// The disk under the data directory is full.
    public static let storageFull = HookdError(
        .unavailable, reason: "hookd.StorageFull",
        "hookd's disk is full: nothing was written; free space on the data directory's disk and try again")

    /// The store cannot be written (a read-only file or file system).
    public static let storageReadOnly = HookdError(
        .unavailable, reason: "hookd.StorageReadOnly",
        "hookd's store is read-only: nothing was written; make the data directory writable for hookd and try again")
}

import HookdCore
import HookdStore
import Synchronization

/// The storage fault (disk full, read-only) the last failed write met, until a write goes
/// through again: what `Daemon.Health` reports as `degraded`.
final class StorageHealth: Sendable {
    /// Guards the fault against handlers recording it and health checks clearing it.
    private let fault = Mutex<HookdError?>(nil)

    /// A call failed for `error`, a storage fault.
    func record(_ error: HookdError) {
        fault.withLock { $0 = error }
    }

    /// The fault that still holds: none was seen, or a probe write to `store` goes through
    /// (the fault cleared by itself and is forgotten), or it fails again (kept, with what
    /// it says now).
    func recheck(_ store: any Store) async -> HookdError? {
        guard fault.withLock({ $0 }) != nil else { return nil }
        do {
            try await store.probeWrite()
            fault.withLock { $0 = nil }
            return nil
        } catch {
            let current = StorageFault.error(for: error) ?? fault.withLock { $0 }
            if let current { record(current) }
            return current
        }
    }
}

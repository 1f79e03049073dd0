/// When a commit is reported done: after its WAL frames reach the disk (`full`, the
/// default), or once they are written to the operating system (`normal`).
///
/// `normal` saves an `fsync` per commit. It never loses a committed transaction to a crash
/// of hookd itself (SIGKILL included), and the database always stays intact; but a power
/// cut or an operating-system crash may roll back the transactions committed since the last
/// checkpoint, so events hookd had already acknowledged can be lost.
public enum Durability: String, Sendable, CaseIterable {
    case full
    case normal
}

import HookdCore

/// A host name and one address the policy checked for it: what `TargetPinning` allows an
/// attempt to connect to.
struct PinnedTarget: Sendable, Hashable {
    /// The URL's host, as `TargetPolicy.connectionHost` gives it.
    var host: String
    /// The checked address; connections for the host go to checked addresses only.
    var address: IPAddress

    init(host: String, address: IPAddress) {
        self.host = host
        self.address = address
    }
}

/// What a router tells about answered calls, and of which methods.
struct CallObserver: Sendable {
    /// The methods observed.
    let methods: Set<String>
    /// Called with each answered call of `methods`, before its answer is sent.
    let observe: @Sendable (ObservedCall) async -> Void
}

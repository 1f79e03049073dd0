/// The metrics address could not be bound.
struct MetricsEndpointError: Error, CustomStringConvertible {
    var address: ListenAddress
    var reason: String

    var description: String { "cannot serve metrics on \(address) (--metrics-listen): \(reason)" }
}

/// Names one request for the connection pools: its place in a queue, its deadline timer,
/// its cancellation. Unique for the life of a `WebhookSender`.
struct RequestID: Hashable, Sendable, CustomStringConvertible {
    var number: Int

    var description: String { "request \(number)" }
}

/// Names one connection of a pool, from the moment the pool decides to open it until its
/// socket has closed.
struct ConnectionID: Hashable, Sendable, CustomStringConvertible {
    var number: Int

    var description: String { "connection \(number)" }
}

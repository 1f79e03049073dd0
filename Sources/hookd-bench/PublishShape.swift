import ArgumentParser

/// How a producer sends one group of `--batch` events: the three ways issue 8 says must
/// cost about the same, because concurrent publishes share one group commit.
enum PublishShape: String, CaseIterable, ExpressibleByArgument, Sendable {
    /// One `Events.Publish` call whose params hold the whole group (`events: [...]`).
    case events
    /// One JSON-RPC batch array of single-event `Events.Publish` requests.
    case rpcBatch = "rpc-batch"
    /// Single-event `Events.Publish` calls written back to back on one connection, each sent
    /// before any answer is read.
    case pipelined
}

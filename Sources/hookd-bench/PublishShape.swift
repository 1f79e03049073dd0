import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC

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

    /// Publishes `inputs` on `client` in this shape and returns once every one is
    /// acknowledged; throws if any is refused.
    func publish(_ inputs: [EventInput], on client: RPCClient) async throws {
        if inputs.count == 1 {
            _ = try await client.publish(inputs[0])
            return
        }
        switch self {
        case .events:
            _ = try await client.publish(batch: inputs)
        case .pipelined:
            try await withThrowingTaskGroup(of: Void.self) { group in
                for input in inputs {
                    group.addTask { _ = try await client.publish(input) }
                }
                try await group.waitForAll()
            }
        case .rpcBatch:
            try await publishBatchArray(inputs, on: client)
        }
    }

    private func publishBatchArray(_ inputs: [EventInput], on client: RPCClient) async throws {
        let requests = try inputs.enumerated().map { index, input in
            let params = try JSONCoding.canonicalEncoder.encode(EventPublishParams(input))
            return #"{"jsonrpc":"2.0","id":\#(index),"method":"Events.Publish","params":"#
                + String(decoding: params, as: UTF8.self) + "}"
        }
        guard let answer = try await client.exchange(rawLine: "[" + requests.joined(separator: ",") + "]", timeout: .seconds(120))
        else { throw BenchError.invalidRun("no answer to a JSON-RPC batch of \(inputs.count) publishes") }
        guard let responses = try JSONSerialization.jsonObject(with: Data(answer.utf8)) as? [[String: Any]],
            responses.count == inputs.count, responses.allSatisfy({ $0["result"] != nil })
        else { throw BenchError.invalidRun("a JSON-RPC batch of publishes was not acknowledged whole: \(answer.prefix(300))") }
    }
}

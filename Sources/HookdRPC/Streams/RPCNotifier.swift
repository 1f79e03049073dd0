import Foundation
import HookdCore
import NIOCore

/// Writes JSON-RPC notifications on one connection: how a stream (a watch) sends its
/// changes after the call that opened it has been answered.
public struct RPCNotifier: Sendable {
    private let outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>

    init(outbound: NIOAsyncChannelOutboundWriter<ByteBuffer>) {
        self.outbound = outbound
    }

    /// Sends one notification line, `{"jsonrpc":"2.0","method":...,"params":...}`; throws when
    /// the connection is gone.
    public func notify<Params: Encodable & Sendable>(_ method: String, _ params: Params) async throws {
        var line = ByteBuffer(bytes: try JSONCoding.canonicalEncoder.encode(NotificationEnvelope(method: method, params: params)))
        line.terminateLine()
        try await outbound.write(line)
    }
}

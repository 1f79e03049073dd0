import Foundation
import HookdCore
import NIOCore
import NIOPosix

/// A client of the hookd socket API, used by `hookctl` and tests.
///
/// One connection, opened on the first call and again after the daemon dropped it. Calls
/// are matched to answers by id, so concurrent calls on one client are safe and are sent
/// without waiting for earlier answers: the daemon completes calls of pipelined methods
/// concurrently and answers them in whatever order they finish, and
/// runs any other call once the calls sent before it have been answered.
public actor RPCClient {
    /// Answers can be large (a list of deliveries); this only stops a runaway line.
    private static let maximumResponseBytes = 256 * 1024 * 1024

    /// The longest request a client sends unless told otherwise or told by the daemon: the
    /// daemon's default frame limit (`hookd --max-request-bytes` changes it).
    public static let defaultMaximumRequestBytes = RPCServer.defaultMaximumFrameBytes

    private let socketPath: String
    /// Requests longer than this are refused without being sent: the daemon would only
    /// answer that it cannot read them.
    private var maximumRequestBytes: Int
    /// Asks the daemon for its own limit the first time a request is over the assumed one;
    /// `nil` keeps the assumed limit.
    private let requestLimitProbe: (@Sendable (RPCClient) async throws -> Int?)?
    /// Whether the probe has been asked (once per client: the limit is fixed while hookd runs).
    private var requestLimitProbed = false
    /// The uids the listening process may run as; `nil` for any.
    private let trustedListeners: Set<UInt32>?
    private let eventLoopGroup: any EventLoopGroup
    private var connection: ClientConnection?
    /// The connection being opened, shared by calls that arrive meanwhile.
    private var opening: Task<ClientConnection, any Error>?
    private var nextRequestID = 1

    /// A client for the daemon at `socketPath`; nothing is connected until the first call.
    /// Requests over `maximumRequestBytes` (the daemon's frame limit) are refused unsent;
    /// with `trustedListeners`, so is every request when the process listening on the
    /// socket runs as another uid (read with `SO_PEERCRED` when connecting).
    ///
    /// With `requestLimitProbe`, the first request over the least limit a daemon may have
    /// (64 KiB) first asks the daemon for the limit it was started with (HookdAPI's
    /// `RPCClient.daemonRequestLimit` reads `Daemon.Status`), which then replaces
    /// `maximumRequestBytes`: a daemon started with a larger limit takes larger requests, one
    /// with a smaller limit has them refused unsent too, and no small call pays for asking.
    public init(
        socketPath: String, maximumRequestBytes: Int = RPCClient.defaultMaximumRequestBytes,
        requestLimitProbe: (@Sendable (RPCClient) async throws -> Int?)? = nil,
        trustedListeners: Set<UInt32>? = nil,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.socketPath = socketPath
        self.maximumRequestBytes = maximumRequestBytes
        self.requestLimitProbe = requestLimitProbe
        self.trustedListeners = trustedListeners
        self.eventLoopGroup = eventLoopGroup
    }

    /// Calls a method by its wire name and decodes its result (`HookdAPI` calls its typed
    /// methods through this).
    ///
    /// - Throws: ``RPCRemoteError`` when the daemon answers with an error (also one it
    ///   could not address to a call, such as a frame it could not read: see
    ///   ``exchange(rawLine:timeout:)`` for sending those on purpose),
    ///   ``RPCClientError`` when it cannot be reached, the request is too large to send or
    ///   the answer cannot be read.
    public func call<Params: Encodable & Sendable, Result: Decodable & Sendable>(
        name: String, _ params: Params, as: Result.Type = Result.self
    ) async throws -> Result {
        let id = nextRequestID
        nextRequestID += 1
        let encoded = try Self.request(method: name, params: params, id: id)
        // Over the least limit a daemon may have, ask for the real one (once): it may be
        // larger than assumed, or smaller.
        if encoded.count > RPCServer.frameLimitBounds.lowerBound.bytes, let probe = requestLimitProbe,
            !requestLimitProbed
        {
            requestLimitProbed = true
            // A daemon that cannot say (an older one, or a failing status) keeps the assumed limit.
            if let limit = try? await probe(self), limit > 0 { maximumRequestBytes = limit }
        }
        guard encoded.count <= maximumRequestBytes else {
            throw RPCClientError.requestTooLarge(bytes: encoded.count, limit: maximumRequestBytes)
        }
        guard let line = try await send(ByteBuffer(bytes: encoded), expecting: .response(id: id), timeout: nil)
        else { throw RPCClientError.connectionClosed }
        if let result = Self.readResult(Result.self, from: line) { return result }
        let response: RPCResponseEnvelope<Result>
        do {
            response = try JSONCoding.decoder.decode(
                RPCResponseEnvelope<Result>.self, from: Data(line.readableBytesView))
        } catch {
            throw RPCClientError.malformedResponse(Self.describe(error))
        }
        return try response.result.get()
    }

    /// Sends one raw line and returns the next line the daemon sends back, for tests and
    /// debugging (malformed JSON, batches, notifications).
    ///
    /// Returns `nil` when no answer comes within `timeout`, as for a notification; the
    /// connection stays usable and a late answer is dropped.
    public func exchange(rawLine: String, timeout: Duration = .seconds(5)) async throws -> String? {
        let line = rawLine.hasSuffix("\n") ? String(rawLine.dropLast()) : rawLine
        let answer = try await send(ByteBuffer(string: line), expecting: .anyLine, timeout: timeout)
        return answer.map { String(buffer: $0) }
    }

    /// The notifications the daemon sends on this client's connection from now on (a
    /// watch's changes), connecting if need be; the stream ends when the connection closes.
    /// Ask for them before the call that starts the watch, so none is missed.
    public func notifications() async throws -> AsyncStream<RPCNotification> {
        try await open().notifications()
    }

    /// Closes the connection; a later call opens a new one.
    public func close() async {
        let current = connection
        connection = nil
        await current?.close()
    }

    /// Sends on the open connection; when the daemon had dropped it and the request was not
    /// written, sends once more on a new connection (nothing was received, so nothing can
    /// happen twice).
    private func send(
        _ line: ByteBuffer, expecting expectation: ResponseMailbox.Expectation, timeout: Duration?
    ) async throws -> ByteBuffer? {
        let first = try await open()
        do {
            return try await first.send(line, expecting: expectation, timeout: timeout)
        } catch let error as RPCRemoteError where error.data?.reason == "hookd.IdleTimeout" {
            // Written as the daemon closed the idle connection: it reads nothing after its
            // notice, so the request never ran and may be sent again.
            if connection === first { connection = nil }
            await first.close()
            return try await open().send(line, expecting: expectation, timeout: timeout)
        } catch is ClientConnection.NotDelivered {
            if connection === first { connection = nil }
            await first.close()
            // Refused outright (no role, too many clients): say so rather than try again.
            if let refusal = first.refusal { throw refusal }
            let second = try await open()
            do {
                return try await second.send(line, expecting: expectation, timeout: timeout)
            } catch is ClientConnection.NotDelivered {
                if connection === second { connection = nil }
                // The daemon's own reason (too many clients) says more than "closed"; it may
                // still be on its way when the write fails.
                let reason = await second.drain(within: .seconds(2))
                throw (reason as? RPCRemoteError) ?? RPCClientError.connectionClosed
            }
        }
    }

    /// The open connection, connecting if there is none (or the daemon dropped it).
    private func open() async throws -> ClientConnection {
        if let connection, connection.isOpen { return connection }
        if let opening { return try await opening.value }
        let (socketPath, eventLoopGroup, trustedListeners) = (socketPath, eventLoopGroup, trustedListeners)
        let task = Task {
            try await ClientConnection.open(
                socketPath: socketPath, eventLoopGroup: eventLoopGroup, maximumResponseBytes: Self.maximumResponseBytes,
                trustedListeners: trustedListeners)
        }
        opening = task
        defer { opening = nil }
        let fresh = try await task.value
        await connection?.close()
        connection = fresh
        return fresh
    }

    /// The result of a successful response, read without the decoder when `Result` reads
    /// itself from a parsed value (plans of thousands of resources); `nil` leaves the line
    /// to the decoder, for anything else and for errors.
    /// A request's bytes: params that write their own canonical JSON (`Events.Publish`'s,
    /// a producer's hot path) are written directly, byte for byte what the encoder gives
    /// (`EventsJSONTests`); others go through `JSONEncoder`.
    static func request<Params: Encodable>(method: String, params: Params, id: Int) throws -> Data {
        guard let writable = params as? any CanonicalJSONWritable else {
            return try JSONCoding.canonicalEncoder.encode(RPCRequestEnvelope(method: method, params: params, id: id))
        }
        var writer = CanonicalJSONWriter()
        try writer.writeObject { writer in
            writer.key("id")
            writer.write(Int64(id))
            writer.key("jsonrpc")
            writer.write("2.0")
            writer.key("method")
            writer.write(method)
            writer.key("params")
            try writable.write(to: &writer)
        }
        return writer.data
    }

    private static func readResult<Result>(_: Result.Type, from line: ByteBuffer) -> Result? {
        guard let readable = Result.self as? any JSONValueReadable.Type,
            case .object(let members)? = JSONValueReader.read(line.readableBytesView),
            (members["error"] ?? .null) == .null, let result = members["result"]
        else { return nil }
        return (try? readable.init(json: result)) as? Result
    }

    /// A decoding failure in a line, not a page.
    private static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        switch error {
        case .keyNotFound(let key, let context):
            return "\(ParamsDecoder.path(context.codingPath + [key])): missing"
        case .typeMismatch(_, let context), .valueNotFound(_, let context), .dataCorrupted(let context):
            return "\(ParamsDecoder.path(context.codingPath)): \(context.debugDescription)"
        @unknown default:
            return "\(error)"
        }
    }
}

import Foundation
import HookdCore
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL
import Synchronization

/// A real HTTP/1.1 server on 127.0.0.1 that records every request and answers as told:
/// the stand-in for a customer's endpoint in tests. Plain HTTP, or HTTPS with a
/// certificate from a `TestCertificateAuthority`.
public final class LoopbackReceiver: Sendable {
    /// Decides the answer to each request; the default answers 200.
    public typealias Responder = @Sendable (ReceivedRequest) -> ReceiverResponse

    private let channel: any Channel
    private let recorder: RequestRecorder

    /// The port the server listens on.
    public let port: Int
    /// `https` when the receiver speaks TLS, else `http`.
    public let scheme: String

    /// `http://127.0.0.1:PORT/hooks` (or `https://`).
    public var url: String { url(host: "127.0.0.1") }

    /// The receiver's URL naming it by `host` (a name that resolves to 127.0.0.1).
    public func url(host: String) -> String { "\(scheme)://\(host):\(port)/hooks" }

    private init(channel: any Channel, recorder: RequestRecorder, port: Int, scheme: String) {
        self.channel = channel
        self.recorder = recorder
        self.port = port
        self.scheme = scheme
    }

    /// Starts a receiver on an ephemeral port; with `certificates`, it speaks HTTPS with
    /// their server certificate.
    public static func start(
        certificates: TestCertificateAuthority? = nil,
        responder: @escaping Responder = { _ in ReceiverResponse(status: 200) }
    ) async throws -> LoopbackReceiver {
        let recorder = RequestRecorder(responder: responder)
        let tls = try certificates.map { authority in
            try NIOSSLContext(
                configuration: .makeServerConfiguration(
                    certificateChain: try NIOSSLCertificate.fromPEMFile(authority.serverCertificatePath).map {
                        .certificate($0)
                    },
                    privateKey: .privateKey(try NIOSSLPrivateKey(file: authority.serverKeyPath, format: .pem))))
        }
        let channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls { try channel.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls)) }
                    try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                    try channel.pipeline.syncOperations.addHandler(RecordingHandler(recorder: recorder))
                }
            }
            .bind(host: "127.0.0.1", port: 0).get()
        guard let port = channel.localAddress?.port else { throw ReceiverError.noPort }
        return LoopbackReceiver(channel: channel, recorder: recorder, port: port, scheme: tls == nil ? "http" : "https")
    }

    /// Replaces how the receiver answers from now on.
    public func respond(with responder: @escaping Responder) {
        recorder.setResponder(responder)
    }

    /// Every request received so far, in arrival order.
    public var requests: [ReceivedRequest] { recorder.requests }

    /// The most requests that were ever received and not yet answered at the same time.
    public var maximumConcurrentRequests: Int { recorder.maximumOpen }

    /// Waits until at least `count` requests have arrived and returns them all; throws
    /// `ReceiverError.timedOut` after `timeout`.
    @discardableResult
    public func waitForRequests(count: Int, timeout: Duration = .seconds(15)) async throws -> [ReceivedRequest] {
        try await recorder.wait(expecting: "\(count) requests", timeout: timeout) { $0.count >= count }
    }

    /// Waits until the requests received so far satisfy `condition` (checked now and after
    /// every arrival) and returns them all; throws `ReceiverError.timedOut` after
    /// `timeout`, naming `expectation`.
    @discardableResult
    public func waitForRequests(
        until expectation: String, timeout: Duration = .seconds(15),
        _ condition: @escaping @Sendable ([ReceivedRequest]) -> Bool
    ) async throws -> [ReceivedRequest] {
        try await recorder.wait(expecting: expectation, timeout: timeout, until: condition)
    }

    /// Stops listening.
    public func stop() async throws {
        try await channel.close()
    }
}

/// One request as the receiver saw it.
public struct ReceivedRequest: Sendable {
    public var method: String
    public var uri: String
    /// Header values by lowercased name (the first value when a name repeats).
    public var headers: [String: String]
    public var body: Data
    public var receivedAt: Date
    /// The sender's end of the connection (`127.0.0.1:51234`): requests that share it came
    /// over one kept-alive connection.
    public var peer: String

    /// The body parsed as a JSON object.
    public func jsonBody() throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: body) as? [String: Any] ?? [:]
    }
}

/// How the receiver answers one request.
public struct ReceiverResponse: Sendable {
    public var status: Int
    public var body: String
    public var headers: [String: String]
    /// Wait this long before answering (to play a slow endpoint).
    public var delay: Duration?
    /// Close the connection after answering, without announcing it in a `connection: close`
    /// header: what a server dropping a kept-alive connection does.
    public var closesConnection: Bool
    /// Answer only once this gate lets the answer go (after `delay`, if both are given).
    public var gate: ResponseGate?

    public init(
        status: Int, body: String = "", headers: [String: String] = [:], delay: Duration? = nil,
        closesConnection: Bool = false, gate: ResponseGate? = nil
    ) {
        self.status = status
        self.body = body
        self.headers = headers
        self.delay = delay
        self.closesConnection = closesConnection
        self.gate = gate
    }
}

/// Failures of the test receiver.
public enum ReceiverError: Error, CustomStringConvertible {
    case noPort
    case timedOut(expected: String, received: Int)

    public var description: String {
        switch self {
        case .noPort: "the receiver did not get a port"
        case .timedOut(let expected, let received):
            "expected \(expected), received \(received) requests before the timeout without getting there"
        }
    }
}

/// Holds what the receiver saw and the tasks waiting for it.
final class RequestRecorder: Sendable {
    private struct Waiter {
        var expectation: String
        var condition: @Sendable ([ReceivedRequest]) -> Bool
        var continuation: CheckedContinuation<[ReceivedRequest], any Error>
        var id: Int
    }

    private struct State {
        var requests: [ReceivedRequest] = []
        var waiters: [Waiter] = []
        var nextWaiterId = 0
        var responder: LoopbackReceiver.Responder
        /// Requests received and not yet answered, and the most there ever were.
        var open = 0
        var maximumOpen = 0
    }

    /// Guards the recorded requests, the waiters, the responder and the open count.
    private let state: Mutex<State>

    init(responder: @escaping LoopbackReceiver.Responder) {
        state = Mutex(State(responder: responder))
    }

    var requests: [ReceivedRequest] { state.withLock { $0.requests } }

    var maximumOpen: Int { state.withLock { $0.maximumOpen } }

    /// Notes that a request has been answered.
    func answered() {
        state.withLock { $0.open -= 1 }
    }

    func setResponder(_ responder: @escaping LoopbackReceiver.Responder) {
        state.withLock { $0.responder = responder }
    }

    /// Records a request and returns the answer to give.
    func record(_ request: ReceivedRequest) -> ReceiverResponse {
        let (ready, all, response) = state.withLock { state in
            // The responder runs first, so a waiter's condition sees what it noted.
            let response = state.responder(request)
            state.requests.append(request)
            state.open += 1
            state.maximumOpen = max(state.maximumOpen, state.open)
            let all = state.requests
            let ready = state.waiters.filter { $0.condition(all) }
            state.waiters.removeAll { waiter in ready.contains { $0.id == waiter.id } }
            return (ready, all, response)
        }
        for waiter in ready { waiter.continuation.resume(returning: all) }
        return response
    }

    func wait(
        expecting expectation: String, timeout: Duration,
        until condition: @escaping @Sendable ([ReceivedRequest]) -> Bool
    ) async throws -> [ReceivedRequest] {
        let waiterId = state.withLock { state in
            defer { state.nextWaiterId += 1 }
            return state.nextWaiterId
        }
        let timer = Task {
            try await Task.sleep(for: timeout)
            self.expire(waiterId)
        }
        defer { timer.cancel() }
        return try await withCheckedThrowingContinuation { continuation in
            let immediate = state.withLock { state -> [ReceivedRequest]? in
                if condition(state.requests) { return state.requests }
                state.waiters.append(
                    Waiter(expectation: expectation, condition: condition, continuation: continuation, id: waiterId))
                return nil
            }
            if let immediate { continuation.resume(returning: immediate) }
        }
    }

    private func expire(_ waiterId: Int) {
        let (expired, received) = state.withLock { state -> (Waiter?, Int) in
            guard let index = state.waiters.firstIndex(where: { $0.id == waiterId }) else { return (nil, 0) }
            return (state.waiters.remove(at: index), state.requests.count)
        }
        if let expired {
            expired.continuation.resume(throwing: ReceiverError.timedOut(expected: expired.expectation, received: received))
        }
    }
}

/// Collects a request's head and body, records it, and writes the chosen answer.
private final class RecordingHandler: ChannelInboundHandler, @unchecked Sendable {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private let recorder: RequestRecorder
    private var head: HTTPRequestHead?
    private var body = Data()

    init(recorder: RequestRecorder) {
        self.recorder = recorder
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            self.head = head
            body = Data()
        case .body(var buffer):
            body.append(contentsOf: buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .end:
            guard let head else { return }
            var headers: [String: String] = [:]
            for (name, value) in head.headers where headers[name.lowercased()] == nil {
                headers[name.lowercased()] = value
            }
            let remote = context.channel.remoteAddress
            let request = ReceivedRequest(
                method: head.method.rawValue, uri: head.uri, headers: headers, body: body, receivedAt: Date(),
                peer: "\(remote?.ipAddress ?? "?"):\(remote?.port ?? 0)")
            let response = recorder.record(request)
            let keepAlive = head.isKeepAlive
            if let delay = response.delay {
                let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
                context.eventLoop.scheduleTask(in: .nanoseconds(delay.wholeNanoseconds)) {
                    let (handler, context) = loopBound.value
                    handler.writeWhenReleased(response, keepAlive: keepAlive, context: context)
                }
            } else {
                writeWhenReleased(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    /// Writes the answer now, or once its gate lets it go.
    private func writeWhenReleased(_ response: ReceiverResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        guard let gate = response.gate else {
            write(response, keepAlive: keepAlive, context: context)
            return
        }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        let eventLoop = context.eventLoop
        gate.whenReleased {
            eventLoop.execute {
                let (handler, context) = loopBound.value
                handler.write(response, keepAlive: keepAlive, context: context)
            }
        }
    }

    private func write(_ response: ReceiverResponse, keepAlive: Bool, context: ChannelHandlerContext) {
        recorder.answered()
        var headers = HTTPHeaders()
        for (name, value) in response.headers { headers.add(name: name, value: value) }
        headers.replaceOrAdd(name: "content-length", value: String(response.body.utf8.count))
        if !keepAlive { headers.replaceOrAdd(name: "connection", value: "close") }
        let head = HTTPResponseHead(
            version: .http1_1, status: HTTPResponseStatus(statusCode: response.status), headers: headers)
        context.write(wrapOutboundOut(.head(head)), promise: nil)
        context.write(wrapOutboundOut(.body(.byteBuffer(ByteBuffer(string: response.body)))), promise: nil)
        let loopBound = NIOLoopBound(context, eventLoop: context.eventLoop)
        let closes = !keepAlive || response.closesConnection
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            if closes { loopBound.value.close(promise: nil) }
        }
    }
}


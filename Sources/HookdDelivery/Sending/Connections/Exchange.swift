import HookdCore
import NIOCore
import NIOHTTP1

/// One request for a pooled connection to make, and where its result goes.
///
/// It passes from the pool's queue to one connection (or back to the queue when that
/// connection had closed before a byte was written), and whichever holds it last calls
/// `finish` exactly once.
struct Exchange: Sendable {
    /// Names the request to the pool, for its deadline and cancellation.
    let id: RequestID
    /// The request line and headers; `body` is sent with it in the same write.
    let head: HTTPRequestHead
    let body: ByteBuffer
    /// When the attempt's time is up: without a complete response by then it fails as a timeout.
    let deadline: NIODeadline
    /// The webhook's timeout, as the timeout message names it.
    let timeout: Interval
    private let continuation: CheckedContinuation<ExchangeResult, Never>

    init(
        id: RequestID, head: HTTPRequestHead, body: ByteBuffer, deadline: NIODeadline, timeout: Interval,
        continuation: CheckedContinuation<ExchangeResult, Never>
    ) {
        self.id = id
        self.head = head
        self.body = body
        self.deadline = deadline
        self.timeout = timeout
        self.continuation = continuation
    }

    /// Hands the result to the attempt waiting for it; call exactly once.
    func finish(_ result: ExchangeResult) {
        continuation.resume(returning: result)
    }
}

/// What came of an exchange.
enum ExchangeResult: Sendable {
    case response(ExchangeResponse)
    case failure(AttemptFailure)
}

/// A response as an attempt keeps it.
struct ExchangeResponse: Sendable {
    var status: Int
    var headers: HTTPHeaders
    /// At most `Attempt.maximumBodyBytes` of the body; the rest was never read.
    var body: ByteBuffer
    /// The address of the connection it came over.
    var address: IPAddress
}

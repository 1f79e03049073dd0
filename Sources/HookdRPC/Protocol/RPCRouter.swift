import Foundation
import HookdCore
import Logging
import NIOCore

/// The method table of the socket API and the JSON-RPC 2.0 semantics around it: requests,
/// notifications, batches, params checking, error mapping and pipelining.
///
/// A value type built before the server starts, so the table can be shared by every
/// connection without locking.
///
/// Methods come in two kinds. An ordinary method (``register(name:_:)``) is a *barrier*: it
/// runs alone, once every earlier call on its connection (or in its batch) has been
/// answered, and later calls wait for it. A pipelined method
/// (``registerPipelined(name:_:)``) is split in two phases: its *admission* runs in the order
/// the calls arrived, and returns a ``Pending`` that is *completed* concurrently with later
/// calls. A client that sends calls without waiting for answers therefore sees exactly
/// what it would see sending them one by one, while any number of pipelined calls (say,
/// publishes sharing one commit) can be in flight at once.
public struct RPCRouter: Sendable {
    private var handlers: [String: MethodHandler] = [:]
    private var errorTranslator: (@Sendable (any Error) -> HookdError?)?
    private var callAuthorizer: (@Sendable (String, RPCContext) -> HookdError?)?
    private var callObserver: CallObserver?

    /// An empty table.
    public init() {}

    /// Registers the handler of one method by its wire name.
    ///
    /// The handler only runs with params that decoded cleanly and have no member the
    /// params type lacks a property for (property names must equal JSON keys); otherwise the
    /// caller gets -32602 with the violations. It may throw `HookdError` to answer with an
    /// application error; any other error becomes -32603 and is logged, not sent. The call
    /// is a barrier: see ``RPCRouter``. (`HookdAPI` registers its typed methods through this.)
    public mutating func register<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        name: String, _ handler: @escaping @Sendable (Params, RPCContext) async throws -> Result
    ) {
        add(MethodHandler(method: name, handler), name: name)
    }

    /// Registers a pipelined method by its wire name: `admission` runs in arrival order, and the ``Pending``
    /// it returns is awaited concurrently with later calls.
    ///
    /// `admission` should do what fixes the call's place among others (enqueue its work)
    /// and return quickly: the connection reads no further until it returns. The
    /// ``Pending`` then awaits the outcome of that work; it may be started after the work
    /// has finished, so it should await a stored result rather than do the work itself when
    /// timing matters. Params are checked as for ``register(name:_:)``; what either phase
    /// throws maps to the same JSON-RPC errors; a `timeoutMs` covers both phases together.
    /// A call whose `timeoutMs` passes during admission is answered `DEADLINE_EXCEEDED` and
    /// the connection reads on: its admission is cancelled, not waited for, so one that
    /// ignores cancellation may still finish after later calls were admitted.
    public mutating func registerPipelined<Params: Decodable & Sendable, Result: Encodable & Sendable>(
        name: String, _ admission: @escaping @Sendable (Params, RPCContext) async throws -> Pending<Result>
    ) {
        add(MethodHandler(method: name, pipelined: admission), name: name)
    }

    /// Reads errors handlers throw that are not `HookdError` (a store's "disk full"): what
    /// `translate` turns into a `HookdError` is answered as that, logged at notice; anything
    /// else stays -32603.
    public mutating func translateErrors(_ translate: @escaping @Sendable (any Error) -> HookdError?) {
        errorTranslator = translate
    }

    /// Checks every call before its params are read: a `HookdError` returned for a method
    /// and caller (`PERMISSION_DENIED`, say) is the call's answer and its handler never runs.
    public mutating func authorizeCalls(_ check: @escaping @Sendable (_ method: String, RPCContext) -> HookdError?) {
        callAuthorizer = check
    }

    /// Calls `observer` with every answered call of `methods` (a refused one included),
    /// before its answer is sent: the answer waits for it, so a record it makes is there
    /// by the time the caller hears back.
    public mutating func observeCalls(of methods: Set<String>, _ observer: @escaping @Sendable (ObservedCall) async -> Void) {
        callObserver = CallObserver(methods: methods, observe: observer)
    }

    /// The registered method names, sorted.
    public var methodNames: [String] {
        handlers.keys.sorted()
    }

    /// Handles one received frame: a single request or a batch, without its newline.
    ///
    /// Returns the response bytes (without newline), or `nil` when nothing is to be sent:
    /// for a notification and for a batch of notifications. Batch members are admitted in
    /// order; pipelined members complete concurrently, each ordinary member waits for every
    /// member before it, and the responses come back in member order. So a batch behaves
    /// like the same requests sent one by one.
    public func respond(to frame: ByteBuffer, context: RPCContext) async -> ByteBuffer? {
        await prepare(frame).admit(context: context).response()
    }

    /// Takes a received frame apart without running anything, so a connection can schedule
    /// it before admitting it.
    func prepare(_ frame: ByteBuffer) -> PreparedFrame {
        PreparedFrame(
            frame, handlers: handlers, translateError: errorTranslator, authorize: callAuthorizer, observer: callObserver)
    }

    private mutating func add(_ handler: MethodHandler, name: String) {
        precondition(handlers[name] == nil, "RPC method \(name) registered twice")
        handlers[name] = handler
    }
}

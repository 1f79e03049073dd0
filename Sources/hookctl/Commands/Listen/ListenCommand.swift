import ArgumentParser
import Foundation
import HookdAPI
import HookdCore
import HookdRPC
import NIOCore
import NIOHTTP1
import NIOPosix

/// `hookctl listen`: a local receiver that shows what hookd delivers.
struct ListenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "listen",
        abstract: "Receive deliveries on this machine and show them, signatures checked.",
        discussion: """
            Starts an HTTP receiver (on 127.0.0.1 unless --host says otherwise) that accepts a \
            POST on any path and prints, for each request, its event type, webhook-id, which \
            attempt of that id it is, the headers that sign it, whether each signature is valid \
            and the body as indented JSON. It verifies every scheme hookd signs with: the \
            Standard Webhooks headers and an hmac-sha256 body signature.

            The secret comes from --secret, or from the daemon with --webhook (which also \
            tells which header an hmac-sha256 webhook signs in). Without either, requests are \
            shown but not verified.

            It answers --status (default 200); --fail-first N answers 500 to the first N \
            requests, so hookd's retries can be watched. Ctrl-C stops it. With -o json it \
            prints one JSON object per request instead (and {"listening": URL} first), for jq. A webhook reaches \
            http://127.0.0.1 only on a hookd started with --allow-insecure-targets.

            Examples:
              hookctl webhooks create local --account acc_12345 \\
                  --url http://127.0.0.1:8080/webhooks --events '*'
              hookctl listen --webhook local
              hookctl listen --port 9000 --secret whsec_... --fail-first 2
            """)

    @OptionGroup var globals: GlobalOptions

    @Option(name: .long, help: ArgumentHelp("Port to listen on (0: any free port, printed at start).", valueName: "port"))
    var port = 8080

    @Option(name: .long, help: ArgumentHelp("Address to listen on.", valueName: "address"))
    var host = "127.0.0.1"

    @Option(name: .long, help: ArgumentHelp("The whsec_... secret to verify signatures with.", valueName: "secret"))
    var secret: String?

    @Option(
        name: .long,
        help: ArgumentHelp("Read this webhook's secret and signature settings from hookd.", valueName: "webhook"))
    var webhook: String?

    @Option(name: .long, help: ArgumentHelp("HTTP status to answer with.", valueName: "code"))
    var status = 200

    @Option(name: .long, help: ArgumentHelp("Answer 500 to the first N requests, then --status.", valueName: "n"))
    var failFirst = 0

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
        guard (200...599).contains(status) else { throw ValidationError("--status must be an HTTP status from 200 to 599") }
        guard failFirst >= 0 else { throw ValidationError("--fail-first must be 0 or more") }
        guard secret == nil || webhook == nil else {
            throw ValidationError("give --secret or --webhook, not both")
        }
        if let secret {
            do {
                _ = try WebhookSecret(secret)
            } catch {
                throw ValidationError("--secret: \(error.message)")
            }
        }
    }

    func run() async throws {
        let verification = try await verification()
        let session = ListenSession(
            verification: verification, status: status, failFirst: failFirst, output: StandardOutputLines(),
            jsonLines: globals.output == .json)
        let channel: any Channel
        do {
            channel = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.configureHTTPServerPipeline()
                        try channel.pipeline.syncOperations.addHandler(ListenRequestHandler(session: session))
                    }
                }
                .bind(host: host, port: port).get()
        } catch {
            throw CLIError("cannot listen on \(host):\(port): \(error)")
        }
        let boundPort = channel.localAddress?.port ?? port
        session.started(url: "http://\(host.contains(":") ? "[\(host)]" : host):\(boundPort)/")
        try await channel.closeFuture.get()
    }

    /// The secret (and signature settings) requests are checked with.
    private func verification() async throws -> ListenVerification {
        if let secret {
            return ListenVerification(secrets: [try WebhookSecret(secret)], signature: nil, source: "--secret")
        }
        guard let webhook else { return ListenVerification(secrets: [], signature: nil, source: nil) }
        let (view, secret) = try await globals.withDaemon { session in
            let view = try await session.call(.webhooksGet, WebhookRefParams(webhook: webhook), as: WebhookView.self)
            let secret = try await session.call(
                .webhooksGetSecret, WebhookRefParams(webhook: webhook), as: WebhookSecretResult.self)
            return (view, secret)
        }
        let signature = view.signature.flatMap(WebhookSignature.init(stored:)) ?? .standardWebhooks
        return ListenVerification(
            secrets: [try WebhookSecret(secret.secret)], signature: signature,
            source: "webhook \(view.account)/\(view.name)")
    }
}

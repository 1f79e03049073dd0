import Foundation
import Logging
import ServiceLifecycle

/// Tells systemd how hookd stands (`Type=notify`): `READY=1` once the service group starts,
/// the socket being bound by then, and `STOPPING=1` as soon as a graceful shutdown begins.
/// It runs last in the group, so it hears of the shutdown first. Without `NOTIFY_SOCKET` it
/// sends nothing.
struct ReadinessService: Service {
    /// What `STATUS=` says while hookd runs.
    let status: String
    let logger: Logger

    func run() async {
        send("READY=1\nSTATUS=\(status)\nMAINPID=\(ProcessInfo.processInfo.processIdentifier)")
        // Cancelled (another service failed) or asked to stop: either way hookd is stopping.
        try? await gracefulShutdown()
        send("STOPPING=1\nSTATUS=stopping")
    }

    private func send(_ state: String) {
        if let problem = ReadinessNotification.send(state) {
            logger.warning("could not tell systemd how hookd stands", metadata: ["error": "\(problem)"])
        }
    }
}

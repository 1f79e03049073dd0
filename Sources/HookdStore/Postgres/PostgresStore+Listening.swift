import Foundation
internal import Logging
internal import PostgresNIO

extension PostgresStore {
    /// Hears what other daemons announce (`PostgresNotice`) on a connection of its own, until
    /// the task is cancelled, handing each notice to `heard`.
    ///
    /// Whenever it starts listening (first, and again after the connection failed and
    /// `retryDelay` passed) it also hands over one of each notice, since what was announced
    /// while nobody listened is lost: the daemon then claims and reloads as if told.
    public func listen(retryDelay: Duration = .seconds(1), _ heard: @escaping @Sendable (PostgresNotice) async -> Void) async {
        while !Task.isCancelled {
            do {
                let connection = try await Self.connect(location, timeout: connectTimeout, logger: logger)
                do {
                    try await connection.listen(on: PostgresClusterSchema.channel) { notifications in
                        await heard(.work)
                        await heard(.webhooks)
                        for try await notification in notifications {
                            if let notice = PostgresNotice(rawValue: notification.payload) { await heard(notice) }
                        }
                    }
                } catch {
                    if !Task.isCancelled {
                        logger.warning("lost the connection listening for other daemons", metadata: ["error": "\(error)"])
                    }
                }
                try? await connection.close()
            } catch {
                logger.warning("cannot listen for other daemons", metadata: ["error": "\(error)"])
            }
            try? await Task.sleep(for: retryDelay)
        }
    }
}

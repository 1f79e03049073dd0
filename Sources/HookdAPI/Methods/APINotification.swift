import HookdCore

/// A notification the daemon sends on a connection after a watch method's answer: its
/// method name, params type and doc.
public struct APINotification<Params: Codable & Sendable & APISchemaDescribed>: Sendable {
    /// The notification's `method`.
    public let name: String
    /// One sentence: when it is sent.
    public let summary: String

    init(_ name: String, summary: String) {
        self.name = name
        self.summary = summary
    }

    /// The descriptor with its type erased, for the OpenRPC document.
    public var erased: AnyAPINotification {
        AnyAPINotification(name: name, summary: summary, paramsSchema: APISchema.reference(Params.self))
    }
}

extension APINotification where Params == DeliveryWatchNotice {
    /// `Watch.Delivery`.
    public static var watchDelivery: Self {
        Self("Watch.Delivery", summary: "A watched delivery was created, attempted or skipped.")
    }
}

extension APINotification where Params == EventWatchNotice {
    /// `Watch.Event`.
    public static var watchEvent: Self { Self("Watch.Event", summary: "A watched event was published.") }
}

extension APINotification where Params == WatchEndNotice {
    /// `Watch.End`.
    public static var watchEnd: Self {
        Self("Watch.End", summary: "The daemon ended the watch (it fell too far behind); nothing more comes for it.")
    }
}

import HookdCore

extension APIMethod where Params == DeliveryListParams, Result == [Delivery] {
    /// `Deliveries.List`.
    public static var deliveriesList: Self {
        Self("Deliveries.List", role: .reader, summary: "Deliveries, newest first, by webhook, status and event.", errors: [.notFound])
    }
}

extension APIMethod where Params == IdParams, Result == DeliveryDetail {
    /// `Deliveries.Get`.
    public static var deliveriesGet: Self {
        Self("Deliveries.Get", role: .reader, summary: "One delivery with every attempt, first to last.", errors: [.notFound])
    }
}

extension APIMethod where Params == IdParams, Result == Delivery {
    /// `Deliveries.Redeliver`.
    public static var deliveriesRedeliver: Self {
        Self(
            "Deliveries.Redeliver", role: .operator, summary: "Sends an ended delivery once more.",
            details: "Delivered, failed or skipped deliveries only; the same `webhook-id` goes out again.", errors: [.notFound, .failedPrecondition])
    }
}

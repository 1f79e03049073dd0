import HookdCore

/// The table of every method of the socket API: the one place that lists them, in the order
/// the documentation shows them.
public enum APIMethods {
    /// Every method, by service.
    public static let all: [AnyAPIMethod] = [
        APIMethod.daemonStatus.erased, APIMethod.daemonHealth.erased,
        APIMethod.accountsList.erased, APIMethod.accountsGet.erased, APIMethod.accountsCreate.erased,
        APIMethod.accountsDelete.erased,
        APIMethod.eventTypesList.erased, APIMethod.eventTypesGet.erased, APIMethod.eventTypesCreate.erased,
        APIMethod.eventTypesUpdate.erased, APIMethod.eventTypesDelete.erased,
        APIMethod.webhooksList.erased, APIMethod.webhooksGet.erased, APIMethod.webhooksCreate.erased,
        APIMethod.webhooksUpdate.erased, APIMethod.webhooksDelete.erased, APIMethod.webhooksEnable.erased,
        APIMethod.webhooksDisable.erased, APIMethod.webhooksTest.erased, APIMethod.webhooksTestFilter.erased,
        APIMethod.webhooksGetSecret.erased, APIMethod.webhooksRecover.erased, APIMethod.webhooksRotateSecret.erased,
        APIMethod.eventsPublish.erased, APIMethod.eventsGet.erased, APIMethod.eventsList.erased,
        APIMethod.eventsWatch.erased,
        APIMethod.deliveriesList.erased, APIMethod.deliveriesGet.erased, APIMethod.deliveriesRedeliver.erased,
        APIMethod.deliveriesWatch.erased, APIMethod.watchCancel.erased,
        APIMethod.manifestsPlan.erased, APIMethod.manifestsApply.erased, APIMethod.manifestsExport.erased,
        APIMethod.auditList.erased,
    ]

    /// The method named `name`, if the API has one.
    public static func named(_ name: String) -> AnyAPIMethod? {
        all.first { $0.name == name }
    }
}

/// Every method of the hookd socket API, by its wire name.
///
/// The daemon registers handlers under these names and `hookctl` calls them, so a typo
/// cannot split the two.
public enum RPCMethod: String, Sendable, CaseIterable {
    case daemonStatus = "Daemon.Status"
    case daemonHealth = "Daemon.Health"

    case accountsList = "Accounts.List"
    case accountsGet = "Accounts.Get"
    case accountsCreate = "Accounts.Create"
    case accountsDelete = "Accounts.Delete"

    case eventTypesList = "EventTypes.List"
    case eventTypesGet = "EventTypes.Get"
    case eventTypesCreate = "EventTypes.Create"
    case eventTypesUpdate = "EventTypes.Update"
    case eventTypesDelete = "EventTypes.Delete"

    case webhooksList = "Webhooks.List"
    case webhooksGet = "Webhooks.Get"
    case webhooksCreate = "Webhooks.Create"
    case webhooksUpdate = "Webhooks.Update"
    case webhooksDelete = "Webhooks.Delete"
    case webhooksEnable = "Webhooks.Enable"
    case webhooksDisable = "Webhooks.Disable"
    case webhooksTest = "Webhooks.Test"
    case webhooksGetSecret = "Webhooks.GetSecret"
    case webhooksRecover = "Webhooks.Recover"
    case webhooksRotateSecret = "Webhooks.RotateSecret"
    case webhooksTestFilter = "Webhooks.TestFilter"

    case eventsPublish = "Events.Publish"
    case eventsGet = "Events.Get"
    case eventsList = "Events.List"

    case deliveriesList = "Deliveries.List"
    case deliveriesGet = "Deliveries.Get"
    case deliveriesRedeliver = "Deliveries.Redeliver"

    case manifestsPlan = "Manifests.Plan"
    case manifestsApply = "Manifests.Apply"
    case manifestsExport = "Manifests.Export"
}

import HookdCore

extension APIMethod where Params == EmptyParams, Result == [Account] {
    /// `Accounts.List`.
    public static var accountsList: Self {
        Self("Accounts.List", role: .reader, summary: "Every account, by name.")
    }
}

extension APIMethod where Params == NameParams, Result == Account {
    /// `Accounts.Get`.
    public static var accountsGet: Self {
        Self("Accounts.Get", role: .reader, summary: "One account and its plan.", errors: [.notFound])
    }
}

extension APIMethod where Params == AccountCreateParams, Result == Account {
    /// `Accounts.Create`.
    public static var accountsCreate: Self {
        Self(
            "Accounts.Create", role: .admin, summary: "Creates an account, made by hand.",
            details: "The plan caps the account's webhooks (`maxWebhooks`) and the event types they may receive.", errors: [.alreadyExists])
    }
}

extension APIMethod where Params == NameParams, Result == DeletedResult {
    /// `Accounts.Delete`.
    public static var accountsDelete: Self {
        Self("Accounts.Delete", role: .admin, summary: "Deletes an account that has no webhooks left.", errors: [.notFound, .failedPrecondition])
    }

    /// `EventTypes.Delete`.
    public static var eventTypesDelete: Self {
        Self(
            "EventTypes.Delete", role: .admin,
            summary: "Deletes an event type no webhook subscribes to by name; hookd's own cannot be deleted.", errors: [.notFound, .failedPrecondition])
    }
}

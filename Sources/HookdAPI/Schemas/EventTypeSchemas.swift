import HookdCore

extension EventTypeCreateParams: APISchemaDescribed {
    /// `EventTypes.Create` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "A new catalog entry.", required: ["name": APISchema.string("Dotted, e.g. `customer.created`.")],
            optional: [
                "description": APISchema.string(),
                "schema": APISchema.anyValue("A JSON Schema (2020-12) for the events' `data`."),
                "example": APISchema.jsonObject("An example `data` object matching the schema."),
            ])
    }
}

extension EventTypeUpdateParams: APISchemaDescribed {
    /// `EventTypes.Update` params.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "The fields to change; omitted ones are kept.", required: ["name": APISchema.string()],
            optional: [
                "description": APISchema.string(),
                "schema": APISchema.anyValue("A new JSON Schema (2020-12) for the events' `data`."),
                "example": APISchema.jsonObject("A new example `data` object."),
            ])
    }
}

extension EventType: APISchemaDescribed {
    /// A catalog entry.
    public static var apiSchema: JSONValue {
        APISchema.object(
            "An entry of the event catalog.",
            required: ["name": APISchema.string(), "managed": APISchema.boolean(), "createdAt": APISchema.dateTime()],
            optional: [
                "description": APISchema.string(),
                "schema": APISchema.anyValue("The JSON Schema for the events' `data`, as given."),
                "example": APISchema.anyValue("An example of `data`."),
            ])
    }
}

import ArgumentParser
import HookdCore

/// `--description`, `--schema FILE` and `--example FILE`, shared by `event-types create`
/// and `update`.
struct EventTypeContentOptions: ParsableArguments {
    @Option(help: ArgumentHelp("What the event means, for people.", valueName: "text"))
    var description: String?

    @Option(
        help: ArgumentHelp("A file with the JSON Schema every event's data must match (`-`: stdin).", valueName: "file")
    )
    var schema: String?

    @Option(help: ArgumentHelp("A file with an example data object (`-`: stdin).", valueName: "file"))
    var example: String?

    /// True when no option was given.
    var isEmpty: Bool { description == nil && schema == nil && example == nil }

    func validate() throws {
        if schema == "-" && example == "-" {
            throw ValidationError("--schema and --example cannot both read standard input")
        }
    }

    /// The schema read and parsed, when given.
    func schemaValue() throws -> JSONValue? {
        try schema.map { try JSONArgument.parse(InputSource(fileArgument: $0), option: "--schema") }
    }

    /// The example read and parsed as an object, when given.
    func exampleValue() throws -> JSONValue? {
        try example.map { try JSONArgument.parseObject(InputSource(fileArgument: $0), option: "--example") }
    }
}

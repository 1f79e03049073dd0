import ArgumentParser

/// How a command prints its result: `table` for people, `json` and `yaml` for scripts.
enum OutputFormat: String, CaseIterable, Sendable, ExpressibleByArgument {
    /// Aligned columns and `Key: value` blocks.
    case table
    /// One JSON document (an array for lists) whose fields are the API result's.
    case json
    /// The same document as YAML.
    case yaml
}

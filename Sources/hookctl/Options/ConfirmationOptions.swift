import ArgumentParser

/// `--yes` for commands that delete: skips the question, and is required when standard
/// input is not a terminal (scripts, CI).
struct ConfirmationOptions: ParsableArguments {
    @Flag(
        name: [.customShort("y"), .long], help: "Do not ask for confirmation (required when stdin is not a terminal).")
    var yes = false
}

import ArgumentParser

extension ArgumentHelp {
    /// The help of every `W` argument: how a webhook is named on the command line.
    static var webhookReference: ArgumentHelp {
        ArgumentHelp("The webhook: NAME when unique across accounts, else ACCOUNT/NAME.", valueName: "webhook")
    }
}

import ArgumentParser
import HookdCore

/// `--ordering fifo|unordered`, checked (with the allowed values listed) before anything is sent.
extension WebhookOrdering: ExpressibleByArgument {}

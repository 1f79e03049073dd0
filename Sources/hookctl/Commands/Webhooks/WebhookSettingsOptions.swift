import ArgumentParser
import HookdCore

/// The delivery settings `webhooks create` and `webhooks update` share.
struct WebhookSettingsOptions: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "Delays between attempts after the first, immediate one, comma-separated "
                + "(default 1m,5m,30m; \"\" for no retries).",
            valueName: "delays"))
    var retry: String?

    @Option(
        help: ArgumentHelp("How long one attempt may take, e.g. 10s (the default) or 500ms.", valueName: "duration"))
    var timeout: String?

    @Option(
        help: ArgumentHelp("At most this many requests per second to the webhook (0: no limit).", valueName: "n"))
    var rateLimit: Int?

    @Option(
        help: ArgumentHelp(
            "fifo: one delivery in flight at a time, in publish order (a failing one holds back the later ones); "
                + "unordered (the default): as they come due.",
            valueName: "ordering"))
    var ordering: WebhookOrdering?

    @Option(
        name: .customLong("header"),
        help: ArgumentHelp(
            "An extra header sent with every delivery, as NAME:VALUE; repeat for more.", valueName: "header"))
    var headers: [String] = []

    @Option(help: ArgumentHelp("What the webhook is for, for people.", valueName: "text"))
    var description: String?

    @Option(
        name: .customLong("label"),
        help: ArgumentHelp("A label to set, as KEY=VALUE (e.g. team=sales); repeat for more.", valueName: "label"))
    var labels: [String] = []

    /// `--retry` as the list the API takes; `nil` when not given.
    var retryDelays: [String]? { retry.map(ListArguments.commaSeparated) }

    /// `--ordering` as the API takes it; `nil` when not given.
    var orderingSetting: String? { ordering?.rawValue }

    /// `--rate-limit` as the API takes it; `nil` when not given.
    var rateLimitSetting: RateLimit? { rateLimit.map(RateLimit.init(perSecond:)) }

    /// `--header` values as a dictionary; `nil` when none were given.
    func headerMap() throws -> [String: String]? {
        headers.isEmpty ? nil : try ListArguments.headers(headers)
    }

    /// `--label` values as a dictionary; `nil` when none were given.
    func labelMap() throws -> [String: String]? {
        labels.isEmpty ? nil : try ListArguments.labels(labels)
    }

    func validate() throws {
        _ = try headerMap()
        _ = try labelMap()
    }
}

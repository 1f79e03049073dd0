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
        help: ArgumentHelp(
            "How deliveries are signed: standard-webhooks (the default: webhook-id, webhook-timestamp, "
                + "webhook-signature) or hmac-sha256 (HMAC-SHA256 of the raw body, keyed with the secret's text, "
                + "in one header). The --signature-* options together replace the whole signature setting.",
            valueName: "scheme"))
    var signatureScheme: String?

    @Option(
        help: ArgumentHelp("hmac-sha256: the header (default X-Webhook-Signature).", valueName: "name"))
    var signatureHeader: String?

    @Option(help: ArgumentHelp("hmac-sha256: hex (the default) or base64.", valueName: "encoding"))
    var signatureEncoding: String?

    @Option(
        help: ArgumentHelp(
            "hmac-sha256: written before the signature, e.g. sha256= (with --signature-header X-Hub-Signature-256: "
                + "GitHub's style).",
            valueName: "text"))
    var signaturePrefix: String?

    @Option(
        help: ArgumentHelp(
            "hmac-sha256: also send the Standard Webhooks headers (true or false; default false).", valueName: "bool"))
    var signatureStandardHeaders: Bool?

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

    @Option(
        help: ArgumentHelp(
            "Deliver only events whose data matches this filter (JSON, @FILE or - for stdin), e.g. "
                + #"'{"all": [{"path": "card.type", "in": ["apple", "google"]}, {"path": "amount", "gte": 100}]}'"#
                + "; '{}' removes it. Check one with `hookctl webhooks test-filter`.",
            valueName: "filter"))
    var filter: String?

    /// `--filter` as the API takes it; `nil` when not given.
    func filterSetting() throws -> JSONValue? {
        try filter.map { text throws(CLIError) in
            try JSONArgument.parseObject(InputSource(dataArgument: text), option: "--filter")
        }
    }

    /// The `--signature-*` options as the API takes them; `nil` when none was given.
    var signature: WebhookSignatureSettings? {
        let settings = WebhookSignatureSettings(
            scheme: signatureScheme, header: signatureHeader, encoding: signatureEncoding, prefix: signaturePrefix,
            standardHeaders: signatureStandardHeaders)
        return settings.isEmpty ? nil : settings
    }

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

import ArgumentParser
import HookdAPI
import HookdCore
import HookdRPC

/// `hookctl events publish`.
struct EventsPublish: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "publish",
        abstract: "Publish one event, or every event of a JSON Lines file.",
        discussion: """
            --data is the event's payload, a JSON object: inline, @FILE to read a file, or - \
            to read standard input. It is read and checked before anything is sent.

            --file publishes a batch instead: one event per line, as \
            {"account": ..., "type": ..., "data": {...}, "id": ...}, where account and type \
            may be left to --account and --type. Every line is checked before anything is \
            sent; then the events go in batches of 1,000 (fewer when 1,000 would be over hookd's \
            --max-request-bytes), each published whole or not at all.

            Give --id (or "id" on a line) to make publishing idempotent: publishing the same \
            id again delivers nothing twice and says "duplicate".

            --traceparent (and --tracestate), or "traceparent" and "tracestate" on a line, \
            carry a W3C trace context that every receiver of the event gets as headers.

            Examples:
              hookctl events publish --account acc_12345 --type customer.created \\
                  --data '{"customer_id": "cust_67890"}'
              hookctl events publish --account acc_12345 --type transaction.completed \\
                  --data @txn.json --id txn_11111
              echo '{"reward_id": "rw_1"}' | hookctl events publish \\
                  --account acc_12345 --type reward.issued --data -
              hookctl events publish --file events.jsonl
              hookctl events publish --account acc_12345 --file - < backfill.jsonl
            """)

    @OptionGroup var globals: GlobalOptions

    @Option(help: ArgumentHelp("The account the event belongs to (with --file: for lines without one).", valueName: "account"))
    var account: String?

    @Option(help: ArgumentHelp("The event type, e.g. customer.created (with --file: for lines without one).", valueName: "type"))
    var type: String?

    @Option(help: ArgumentHelp("The payload: a JSON object, @FILE, or - for stdin.", valueName: "json|@file|-"))
    var data: String?

    @Option(help: ArgumentHelp("Your id for the event (default: hookd makes an evt_... id).", valueName: "event-id"))
    var id: String?

    @Option(help: ArgumentHelp("Events to publish, one JSON object per line, or - for stdin.", valueName: "file|-"))
    var file: String?

    @Option(
        help: ArgumentHelp(
            "A W3C traceparent to send to every receiver of the event (00-<trace id>-<parent id>-<flags>).",
            valueName: "traceparent"))
    var traceparent: String?

    @Option(help: ArgumentHelp("A W3C tracestate to send beside --traceparent.", valueName: "tracestate"))
    var tracestate: String?

    /// The most events hookd takes in one publish call.
    static let batchSize = 1000

    func validate() throws {
        switch (data, file) {
        case (nil, nil): throw ValidationError("give the payload with --data, or a file of events with --file")
        case (.some, .some): throw ValidationError("give either --data (one event) or --file (a batch), not both")
        case (.some, nil):
            if account == nil { throw ValidationError("missing --account: the account the event belongs to") }
            if type == nil { throw ValidationError("missing --type: the event type, e.g. customer.created") }
        case (nil, .some):
            if id != nil { throw ValidationError("--id names one event; with --file, give \"id\" on each line") }
            if traceparent != nil || tracestate != nil {
                throw ValidationError("--traceparent and --tracestate name one event; with --file, give them on each line")
            }
        }
    }

    func run() async throws {
        if let file {
            try await publish(EventLines(InputSource(fileArgument: file), account: account, type: type))
            return
        }
        guard let data, let account, let type else { return }
        let payload = try JSONArgument.parseObject(InputSource(dataArgument: data), option: "--data")
        let input = EventInput(
            account: account, type: type, data: payload, id: id, traceparent: traceparent, tracestate: tracestate)
        let published = try await globals.withDaemon(oversizedAdvice: Self.oversizedAdvice) {
            try await $0.client.publish(input)
        }
        try globals.printer.print(published) { EventPresentation.published($0) }
    }

    /// What else to do with an event too large for one call: raising the frame limit does not
    /// lift the limit on one event's data.
    static let oversizedAdvice = [
        "an event's data may be at most 256 KiB whatever that limit: publish a reference to large content instead"
    ]

    /// Publishes the lines in batches; a refused batch stops there, saying what was published.
    private func publish(_ lines: EventLines) async throws {
        let published = try await globals.withDaemon(oversizedAdvice: Self.oversizedAdvice) { session in
            var published: [PublishedEvent] = []
            for start in stride(from: 0, to: lines.entries.count, by: Self.batchSize) {
                let batch = Array(lines.entries[start..<min(start + Self.batchSize, lines.entries.count)])
                try await Self.publish(batch, session: session, label: lines.label, published: &published)
            }
            return published
        }
        try globals.printer.print(published) { EventPresentation.publishedBatch($0) }
    }

    /// Publishes one batch whole; a batch over the daemon's frame limit (refused before it is
    /// sent) is split in halves, each published whole, down to single events.
    private static func publish(
        _ batch: [EventLines.Entry], session: DaemonSession, label: String, published: inout [PublishedEvent]
    ) async throws {
        do {
            published += try await session.client.publish(batch: batch.map(\.event)).events
        } catch RPCClientError.requestTooLarge where batch.count > 1 {
            let half = batch.count / 2
            try await publish(Array(batch[..<half]), session: session, label: label, published: &published)
            try await publish(Array(batch[half...]), session: session, label: label, published: &published)
        } catch let error as RPCRemoteError {
            throw refusal(error, batch: batch, label: label, published: published.count)
        }
    }

    /// The daemon's refusal of a batch, each violation at its line (`events.jsonl:7: data/amount: ...`).
    private static func refusal(_ error: RPCRemoteError, batch: [EventLines.Entry], label: String, published: Int) -> CLIError {
        let lines = (error.data?.violations ?? []).map { violation -> String in
            guard let match = violation.field.firstMatch(of: #/^events\[(\d+)\]\.?/#), let index = Int(match.1),
                batch.indices.contains(index)
            else { return "  \(violation.field): \(violation.description)" }
            let rest = violation.field[match.range.upperBound...]
            return "  \(label):\(batch[index].line): " + (rest.isEmpty ? "" : "\(rest): ") + violation.description
        }
        let range = "\(batch.first?.line ?? 0)–\(batch.last?.line ?? 0)"
        let done = published == 0 ? "nothing was published" : "the \(Plural.count(published, "event")) before them were published"
        let reason = lines.isEmpty ? ": \(error.message)" : ""
        return CLIError(
            "hookd refused the events of lines \(range) of \(label) (none of them was published; \(done))\(reason)",
            details: lines)
    }
}

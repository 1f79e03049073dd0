/// The rules for each field of a webhook, shared by create and update.
///
/// Each function checks one field, records what is wrong in `problems` and returns the
/// parsed value, or `nil` when it was wrong.
public struct WebhookFields: Sendable {
    /// What the URL must satisfy.
    public var policy: TargetPolicy
    /// The event types in the catalog; exact subscriptions must name one of them.
    public var knownEventTypes: Set<String>
    /// The owning account's plan; every subscription must be within it.
    public var plan: AccountPlan
    /// The data schemas of the known event types that have one, by name: filter paths are
    /// checked against them.
    public var eventSchemas: [String: JSONValue]
    /// Everything found wrong so far.
    public var problems = ViolationList()

    /// Shortest and longest per-attempt timeouts accepted.
    public static let timeoutRange = Interval(milliseconds: 100)...Interval.minutes(5)

    public init(
        policy: TargetPolicy, knownEventTypes: Set<String>, plan: AccountPlan, eventSchemas: [String: JSONValue] = [:]
    ) {
        self.policy = policy
        self.knownEventTypes = knownEventTypes
        self.plan = plan
        self.eventSchemas = eventSchemas
    }

    public mutating func name(_ text: String) -> String? {
        if let problem = Names.resourceNameProblem(text) {
            problems.add("name", problem)
            return nil
        }
        return text
    }

    public mutating func url(_ text: String) -> String? {
        problems.collect("url") { () throws(HookdError) in try policy.check(text) }.map { _ in text }
    }

    public mutating func events(_ texts: [String]) -> [EventPattern]? {
        guard !texts.isEmpty else {
            problems.add("events", "subscribe to at least one event type (a name, \"family.*\" or \"*\")")
            return nil
        }
        var patterns: [EventPattern] = []
        var valid = true
        for (index, text) in texts.enumerated() {
            let field = "events[\(index)]"
            guard let pattern = problems.collect(field, { () throws(HookdError) in try EventPattern(text) }) else {
                valid = false
                continue
            }
            if pattern.isExact && !knownEventTypes.contains(pattern.text) {
                if let known = NameSuggestion.closest(to: text, among: knownEventTypes.sorted()) {
                    problems.add(field, "unknown event type \"\(text)\" (did you mean \"\(known)\"?)")
                } else {
                    problems.add(
                        field,
                        "unknown event type \"\(text)\"; add it to the catalog first "
                            + "(an EventType manifest, or hookctl event-types create \(text))")
                }
                valid = false
            } else if !plan.allows(pattern: pattern) {
                problems.add(field, "the account's plan does not allow \"\(text)\"")
                valid = false
            } else if !patterns.contains(pattern) {
                patterns.append(pattern)
            }
        }
        return valid ? patterns : nil
    }

    public mutating func retry(_ texts: [String]) -> RetrySchedule? {
        problems.collect("retry") { () throws(HookdError) in try RetrySchedule(parsingEach: texts, field: "retry") }
    }

    public mutating func timeout(_ text: String) -> Interval? {
        do {
            let interval = try Interval(parsing: text)
            guard Self.timeoutRange.contains(interval) else {
                problems.add(
                    "timeout", "must be between \(Self.timeoutRange.lowerBound) and \(Self.timeoutRange.upperBound)")
                return nil
            }
            return interval
        } catch {
            problems.add("timeout", error.description)
            return nil
        }
    }

    /// A rate limit; `perSecond: 0` means none.
    public mutating func rateLimit(_ limit: RateLimit) -> RateLimit?? {
        if limit.perSecond == 0 { return .some(nil) }
        guard RateLimit.range.contains(limit.perSecond) else {
            problems.add(
                "rateLimit.perSecond", "must be between \(RateLimit.range.lowerBound) and \(RateLimit.range.upperBound), or 0 for none")
            return nil
        }
        return .some(limit)
    }

    /// `unordered` or `fifo`.
    public mutating func ordering(_ text: String) -> WebhookOrdering? {
        guard let ordering = WebhookOrdering(rawValue: text) else {
            problems.add("ordering", "unknown ordering \"\(text)\"; use one of \(WebhookOrdering.allowedValues)")
            return nil
        }
        return ordering
    }

    public mutating func secret(_ text: String) -> WebhookSecret? {
        problems.collect("secret") { () throws(HookdError) in try WebhookSecret(text) }
    }

    public mutating func headers(_ headers: [String: String]) -> [String: String]? {
        var valid = true
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) {
            let field = "headers.\(name)"
            if name.isEmpty || name.unicodeScalars.contains(where: { !Self.isTokenCharacter($0) }) {
                problems.add(field, "is not a valid HTTP header name")
                valid = false
            } else if ReservedHeaders.names.contains(name.lowercased()) {
                problems.add(field, "is set by hookd and cannot be overridden")
                valid = false
            } else if let bad = value.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\t") || $0.value == 0x7F }) {
                // RFC 9110 allows no control but the tab in a field value; CR/LF would inject.
                problems.add(
                    field,
                    "value must not contain line breaks or control characters (found \(InvisibleCharacters.codePoint(bad)))")
                valid = false
            }
        }
        return valid ? headers : nil
    }

    /// The signature scheme and its settings; omitted members take their defaults.
    public mutating func signature(_ settings: WebhookSignatureSettings) -> WebhookSignature? {
        var valid = true
        let schemes = WebhookSignature.Scheme.allCases.map(\.rawValue).joined(separator: ", ")
        let scheme = WebhookSignature.Scheme(rawValue: settings.scheme ?? WebhookSignature.Scheme.standardWebhooks.rawValue)
        if scheme == nil {
            problems.add("signature.scheme", "unknown signature scheme \"\(settings.scheme ?? "")\"; use one of \(schemes)")
            valid = false
        }
        if scheme == .standardWebhooks {
            let given: [(String, Bool)] = [
                ("header", settings.header != nil), ("encoding", settings.encoding != nil),
                ("prefix", settings.prefix != nil), ("standardHeaders", settings.standardHeaders != nil),
            ]
            for (member, isGiven) in given where isGiven {
                problems.add(
                    "signature.\(member)",
                    "applies only to scheme hmac-sha256 (standard-webhooks always sends webhook-signature: v1,<base64>)")
                valid = false
            }
        }
        let header = settings.header ?? WebhookSignature.defaultHeader
        if header.isEmpty || header.unicodeScalars.contains(where: { !Self.isTokenCharacter($0) }) {
            problems.add("signature.header", "\"\(header)\" is not a valid HTTP header name")
            valid = false
        } else if ReservedHeaders.names.contains(header.lowercased()) {
            problems.add("signature.header", "\(header) is set by hookd itself; name another header")
            valid = false
        }
        let encodings = WebhookSignature.Encoding.allCases.map(\.rawValue).joined(separator: ", ")
        let encoding = WebhookSignature.Encoding(rawValue: settings.encoding ?? WebhookSignature.Encoding.hex.rawValue)
        if encoding == nil {
            problems.add("signature.encoding", "unknown encoding \"\(settings.encoding ?? "")\"; use one of \(encodings)")
            valid = false
        }
        let prefix = settings.prefix ?? ""
        if prefix.count > WebhookSignature.maximumPrefixLength {
            problems.add("signature.prefix", "must be at most \(WebhookSignature.maximumPrefixLength) characters")
            valid = false
        } else if prefix.unicodeScalars.contains(where: { !$0.isASCII || $0.value <= 32 || $0.value >= 127 || $0 == "," }) {
            problems.add(
                "signature.prefix", "may hold only visible ASCII characters other than ',' (which separates signatures)")
            valid = false
        }
        guard valid, let scheme, let encoding else { return nil }
        if scheme == .standardWebhooks { return .standardWebhooks }
        return WebhookSignature(
            scheme: scheme, header: header, encoding: encoding, prefix: prefix,
            standardHeaders: settings.standardHeaders ?? false)
    }

    /// A payload filter in its manifest/API form (`{}` for none), checked against the data
    /// schemas of the event types `events` receives; `.some(nil)` for no filter, `nil` when
    /// it is wrong.
    public mutating func filter(_ json: JSONValue, events: [EventPattern]?) -> PayloadFilter?? {
        if json == .object([:]) { return .some(nil) }
        guard let filter = PayloadFilter.parse(json, field: "filter", problems: &problems) else { return nil }
        if let events {
            let receiving = knownEventTypes.sorted().filter { name in events.contains { $0.matches(name) } }
            let problems = filter.schemaProblems(receiving: receiving.map { ($0, eventSchemas[$0]) })
            for violation in problems {
                self.problems.add("filter." + violation.field, violation.description)
            }
            if !problems.isEmpty { return nil }
        }
        return .some(filter)
    }

    /// Custom headers may not replace the header the signature goes in.
    public mutating func check(headers: [String: String], against signature: WebhookSignature) {
        guard signature.scheme == .hmacSHA256 else { return }
        for name in headers.keys.sorted() where name.lowercased() == signature.header.lowercased() {
            problems.add("headers.\(name)", "carries the webhook's signature (signature.header) and cannot be set")
        }
    }

    public mutating func labels(_ labels: [String: String]) -> [String: String]? {
        var valid = true
        for key in labels.keys.sorted() where Names.resourceNameProblem(key) != nil {
            problems.add("labels.\(key)", "label keys use letters, digits, '_', '-' and '.'")
            valid = false
        }
        return valid ? labels : nil
    }

    private static func isTokenCharacter(_ scalar: Unicode.Scalar) -> Bool {
        guard scalar.isASCII, scalar.value > 32, scalar.value < 127 else { return false }
        return !"()<>@,;:\\\"/[]?={}".unicodeScalars.contains(scalar)
    }
}

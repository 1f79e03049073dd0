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
    /// Everything found wrong so far.
    public var problems = ViolationList()

    /// Shortest and longest per-attempt timeouts accepted.
    public static let timeoutRange = Interval(milliseconds: 100)...Interval.minutes(5)

    public init(policy: TargetPolicy, knownEventTypes: Set<String>, plan: AccountPlan) {
        self.policy = policy
        self.knownEventTypes = knownEventTypes
        self.plan = plan
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
            } else if value.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "\0" }) {
                problems.add(field, "value must not contain line breaks")
                valid = false
            }
        }
        return valid ? headers : nil
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

import HookdCore

/// Random values for the fields configuration as code carries, biased towards text that
/// YAML readers could take for something else (`+447700900123`, `no`, `0123`, `1e3`,
/// `null`, `2026-01-01`, `:`, `#`, line breaks, unicode); seeded, so a failure replays.
public struct TrickyValues {
    private var random: SeededRandomNumberGenerator

    /// Values fixed by `seed`.
    public init(seed: UInt64) {
        random = SeededRandomNumberGenerator(seed: seed)
    }

    /// Text that YAML 1.1 or 1.2 readers resolve to another type, or that needs quoting.
    ///
    /// A byte order mark only ever appears inside the text: Yams turns every scalar's bytes
    /// into a String with Foundation's UTF-8 decoding, which drops a leading U+FEFF, so no
    /// YAML spelling can carry one at the start.
    public static let lookalikes = [
        "+447700900123", "no", "No", "yes", "on", "off", "y", "n", "Y", "0123", "007", "1e3", "-1E-2", ".5", "+2.",
        "1_000", "0x1F", "0o17", "0b101", "12:30:45", "null", "Null", "~", "", "true", "False", "TRUE", ".inf",
        "-.Inf", ".NaN", "2026-01-01", "2026-01-01T10:00:00Z", "2026-1-1 10:00:00", "<<", "=", ":", "a: b", "#",
        "a #b", "- x", "-", "? x", "[a, b]", "{a: b}", "*alias", "&anchor", "!tag", "!!str", "%TAG", "@at", "`tick",
        "'", "\"", "\\", "\\n", "|", "> folded", "---", "...", "\t", " ", "  lead", "trail  ", "é", "日本語",
        "🎉", "\u{7F}", "\u{1B}", "\u{85}", "\u{A0}", "\u{2028}", "zero\u{FEFF}width", "\n", "\n\n", "line\n", "\r\n", "\r",
        "9223372036854775808", "-0", "0.0",
    ]

    /// Names of resources and label keys that are valid yet look like other YAML types.
    public static let lookalikeNames = [
        "no", "yes", "on", "off", "y", "n", "0123", "007", "1e3", "1_000", "0x1f", "0o17", "null", "true", "false",
        "2026-01-01", "12", "9223372036854775808", "nan", "inf",
    ]

    /// Any text: lookalikes, random characters from several scripts, or a mix of both.
    public mutating func text() -> String {
        (0..<Int.random(in: 1...3, using: &random)).map { _ in
            switch Int.random(in: 0..<4, using: &random) {
            case 0, 1: Self.lookalikes.randomElement(using: &random)!
            case 2: characters(Int.random(in: 1...6, using: &random))
            default: "word" + String(Int.random(in: 0...99, using: &random))
            }
        }.joined(separator: Bool.random(using: &random) ? "" : " ")
    }

    /// Text an HTTP header value may hold: no control character but the tab (hookd refuses
    /// line breaks, NUL, DEL and the rest in header values).
    public mutating func singleLineText() -> String {
        let kept = text().unicodeScalars.filter { $0 == "\t" || $0.properties.generalCategory != .control }
        let value = String(String.UnicodeScalarView(kept))
        return value.isEmpty ? "v" : value
    }

    /// Text a description may hold: any but control and text-direction characters, line
    /// feeds and tabs kept (`DescriptionText`).
    public mutating func descriptionText() -> String {
        let kept = text().unicodeScalars.filter { DescriptionText.problem(String($0)) == nil }
        let value = String(String.UnicodeScalarView(kept))
        return value.isEmpty ? "d" : value
    }

    /// A valid account, webhook or label name.
    public mutating func name() -> String {
        Bool.random(using: &random)
            ? Self.lookalikeNames.randomElement(using: &random)!
            : "n" + String(UInt32.random(in: 0...UInt32.max, using: &random), radix: 36)
    }

    /// A valid event-type name, often with lookalike segments (`1e3.no`).
    public mutating func eventTypeName() -> String {
        (0..<Int.random(in: 1...2, using: &random)).map { _ in name().lowercased() }.joined(separator: ".")
    }

    /// A valid HTTP header name: token characters, some of them YAML indicators.
    public mutating func headerName() -> String {
        let token = Array("abcXYZ019!#$%&'*+-.^_`|~".unicodeScalars)
        return "X-" + String(String.UnicodeScalarView((0..<Int.random(in: 1...6, using: &random)).map { _ in
            token.randomElement(using: &random)!
        }))
    }

    /// Any JSON value, nested at most `depth` deep.
    public mutating func json(depth: Int = 3) -> JSONValue {
        switch Int.random(in: 0..<(depth > 0 ? 9 : 7), using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .int(Int64.random(in: Int64.min...Int64.max, using: &random) >> Int64.random(in: 0...63, using: &random))
        case 3: return .double(fraction())
        case 4, 5, 6: return .string(text())
        case 7: return .array((0..<Int.random(in: 0...3, using: &random)).map { _ in json(depth: depth - 1) })
        default:
            var members: [String: JSONValue] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &random) { members[text()] = json(depth: depth - 1) }
            return .object(members)
        }
    }

    /// A configuration whose every free-text field, label, header, example and schema
    /// annotation is tricky: what export must write so that it reads back unchanged. Fields
    /// are in the form export writes them (plan event types and `enabled` spelled out).
    public mutating func desiredState() -> DesiredState {
        var state = DesiredState()
        let accountNames = names(Int.random(in: 1...2, using: &random)) { $0.name() }
        state.accounts = accountNames.sorted().map { AccountSpec(name: $0, maxWebhooks: 100, eventTypes: ["*"]) }
        let typeNames = names(Int.random(in: 1...3, using: &random)) { $0.eventTypeName() }
        state.eventTypes = typeNames.sorted().map { typeName in
            // An example is an event's data: an object.
            var example: [String: JSONValue] = ["phone": .string(text())]
            for _ in 0..<Int.random(in: 0...3, using: &random) { example[text()] = json() }
            let schema: JSONValue = .object([
                "$comment": .string(text()), "title": .string(text()), "description": .string(text()),
                "default": json(), "examples": .array([json()]), "const": .object(example),
                "properties": .object([text(): .object(["description": .string(text())])]),
            ])
            return EventTypeSpec(name: typeName, description: descriptionText(), schema: schema, example: .object(example))
        }
        for account in state.accounts {
            for webhookName in names(Int.random(in: 1...2, using: &random), { $0.name() }).sorted() {
                var labels: [String: String] = [:]
                var headers: [String: String] = [:]
                for _ in 0..<Int.random(in: 1...3, using: &random) {
                    labels[name()] = text()
                    headers[headerName()] = singleLineText()
                }
                state.webhooks.append(
                    WebhookSpec(
                        account: account.name, name: webhookName, url: "https://hooks.example.com/\(name())",
                        enabled: Bool.random(using: &random), events: [typeNames.randomElement(using: &random)!],
                        headers: headers, description: descriptionText(), labels: labels))
            }
        }
        return state
    }

    /// `count` different names from `make`.
    private mutating func names(_ count: Int, _ make: (inout Self) -> String) -> Set<String> {
        var names = Set<String>()
        while names.count < count { names.insert(make(&self)) }
        return names
    }

    /// A finite number with a fractional part (an integral one reads back as an integer).
    private mutating func fraction() -> Double {
        let magnitude = Double.random(in: -1e6...1e6, using: &random) * pow10(Int.random(in: -12...12, using: &random))
        return magnitude.rounded() == magnitude ? magnitude + 0.5 : magnitude
    }

    private func pow10(_ exponent: Int) -> Double {
        (0..<abs(exponent)).reduce(1.0) { value, _ in exponent < 0 ? value / 10 : value * 10 }
    }

    /// `count` characters from ASCII punctuation, Latin, CJK, emoji and control ranges.
    private mutating func characters(_ count: Int) -> String {
        let ranges: [ClosedRange<UInt32>] = [0x20...0x7E, 0x01...0x1F, 0xA0...0x17F, 0x3040...0x30FF, 0x1F300...0x1F64F]
        var scalars = String.UnicodeScalarView()
        for _ in 0..<count {
            let range = ranges.randomElement(using: &random)!
            if let scalar = Unicode.Scalar(UInt32.random(in: range, using: &random)) { scalars.append(scalar) }
        }
        return String(scalars)
    }
}

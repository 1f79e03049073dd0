internal import CYaml

/// Checks a YAML text against ``ManifestBounds`` from libyaml's event stream, before any node
/// tree is built: what an alias repeats is counted, never copied, so a "billion laughs" of
/// ten levels is refused after reading its few hundred bytes.
///
/// Yams keeps anchors across the documents of a stream, so the scan does too. A syntax error
/// ends the scan with no verdict: Yams reports it with its position.
struct YAMLBoundsScan {
    /// An open mapping or sequence.
    private struct Collection {
        var anchor: String?
        /// Nodes in it so far, itself included, aliases expanded.
        var nodes = 1
        /// Levels of nesting below it, aliases expanded.
        var height = 0
    }

    /// What an anchored node amounts to when an alias repeats it.
    private struct Anchored {
        var nodes: Int
        var height: Int
    }

    private let bounds: ManifestBounds
    private let file: String
    private var open: [Collection] = []
    private var anchors: [String: Anchored] = [:]
    private var nodes = 0
    private var aliasedNodes = 0
    private var documents = 0

    private init(bounds: ManifestBounds, file: String) {
        self.bounds = bounds
        self.file = file
    }

    /// The first bound `yaml` goes over, as a diagnostic at the place it does; `nil` when it
    /// keeps within them (or has a syntax error, left for Yams to report).
    static func check(_ yaml: String, file: String, bounds: ManifestBounds) -> ManifestDiagnostic? {
        let bytes = yaml.utf8.count
        guard bytes <= bounds.maximumBytes else {
            return ManifestDiagnostic(
                file: file, position: SourcePosition(line: 1, column: 1),
                message: "the file has \(bytes) bytes, more than the \(bounds.maximumBytes) a manifest file may have")
        }
        var scan = YAMLBoundsScan(bounds: bounds, file: file)
        var text = yaml
        return text.withUTF8 { buffer in scan.run(buffer) }
    }

    private mutating func run(_ buffer: UnsafeBufferPointer<UInt8>) -> ManifestDiagnostic? {
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            defer { yaml_event_delete(&event) }
            if event.type == YAML_STREAM_END_EVENT { return nil }
            if let problem = take(event) { return problem }
        }
        return nil
    }

    /// Counts one event; the diagnostic of the bound it goes over, if any.
    private mutating func take(_ event: yaml_event_t) -> ManifestDiagnostic? {
        let position = SourcePosition(line: Int(event.start_mark.line) + 1, column: Int(event.start_mark.column) + 1)
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            guard documents <= bounds.maximumDocuments else {
                return problem(at: position, "more than \(bounds.maximumDocuments) documents in one file")
            }
        case YAML_SCALAR_EVENT:
            return add(nodes: 1, height: 0, anchor: Self.text(event.data.scalar.anchor), at: position)
        case YAML_SEQUENCE_START_EVENT:
            return enter(anchor: Self.text(event.data.sequence_start.anchor), at: position)
        case YAML_MAPPING_START_EVENT:
            return enter(anchor: Self.text(event.data.mapping_start.anchor), at: position)
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let closed = open.popLast() else { return nil }
            if let anchor = closed.anchor { anchors[anchor] = Anchored(nodes: closed.nodes, height: closed.height) }
            absorb(nodes: closed.nodes, height: closed.height)
        case YAML_ALIAS_EVENT:
            let name = Self.text(event.data.alias.anchor) ?? ""
            // An undefined alias is Yams' to report; it repeats nothing.
            guard let anchored = anchors[name] else { return nil }
            aliasedNodes += anchored.nodes
            guard aliasedNodes <= bounds.maximumAliasedNodes else {
                return problem(
                    at: position,
                    "alias *\(name) repeats \(anchored.nodes) nodes, and the aliases so far more than "
                        + "\(bounds.maximumAliasedNodes) in all (a YAML alias bomb?)")
            }
            return add(nodes: anchored.nodes, height: anchored.height, anchor: nil, at: position, alias: name)
        default:
            break
        }
        return nil
    }

    private mutating func enter(anchor: String?, at position: SourcePosition) -> ManifestDiagnostic? {
        guard open.count < bounds.maximumDepth else {
            return problem(at: position, "nested more than \(bounds.maximumDepth) levels deep")
        }
        nodes += 1
        guard nodes <= bounds.maximumNodes else { return tooManyNodes(at: position) }
        open.append(Collection(anchor: anchor))
        return nil
    }

    /// Adds a scalar or what an alias repeats to the innermost open collection.
    private mutating func add(
        nodes added: Int, height: Int, anchor: String?, at position: SourcePosition, alias: String? = nil
    ) -> ManifestDiagnostic? {
        if open.count + height > bounds.maximumDepth {
            return problem(
                at: position,
                "alias *\(alias ?? "") nests more than \(bounds.maximumDepth) levels deep where it is used")
        }
        nodes += added
        guard nodes <= bounds.maximumNodes else { return tooManyNodes(at: position) }
        if let anchor { anchors[anchor] = Anchored(nodes: added, height: height) }
        absorb(nodes: added, height: height)
        return nil
    }

    /// Counts a finished node in the collection around it.
    private mutating func absorb(nodes added: Int, height: Int) {
        guard !open.isEmpty else { return }
        open[open.count - 1].nodes += added
        open[open.count - 1].height = max(open[open.count - 1].height, height + 1)
    }

    private func tooManyNodes(at position: SourcePosition) -> ManifestDiagnostic {
        problem(at: position, "more than \(bounds.maximumNodes) nodes in one file (counting what aliases repeat)")
    }

    private func problem(at position: SourcePosition, _ message: String) -> ManifestDiagnostic {
        ManifestDiagnostic(file: file, position: position, message: "manifest too large: " + message)
    }

    private static func text(_ pointer: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        pointer.map { String(cString: $0) }
    }
}

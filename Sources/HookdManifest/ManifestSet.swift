import Foundation
import HookdCore

/// Every resource a set of manifest files declares, with where each was written and every
/// problem found reading them.
public struct ManifestSet {
    /// One declared resource and the document it came from.
    public struct Entry {
        public var resource: DeclaredResource
        public var document: ManifestDocument
    }

    public private(set) var entries: [Entry] = []
    /// YAML, envelope, field and duplicate problems, in file order.
    public private(set) var diagnostics: [ManifestDiagnostic] = []
    /// How many documents were read.
    public private(set) var documentCount = 0
    /// The document of each entry by its resource's key, so locating thousands of problems
    /// does not search the entries for each.
    private var documentsByKey: [ResourceKey: ManifestDocument] = [:]

    public init(_ sources: [ManifestSource]) {
        var firstDeclared: [ResourceKey: ManifestDocument] = [:]
        for source in sources {
            let (documents, problems) = ManifestParser.parse(source.text, file: source.file)
            diagnostics += problems
            documentCount += documents.count
            for document in documents {
                let value: JSONValue
                do {
                    value = try YAMLJSON.value(of: document.node)
                } catch {
                    diagnostics.append(
                        ManifestDiagnostic(
                            file: document.file, position: error.position,
                            message: "mapping keys must be strings"))
                    continue
                }
                var decoder = ResourceDecoder(baseDirectory: source.directory)
                let resource = decoder.decode(document, value)
                diagnostics += decoder.reader.problems.map { document.diagnostic($0) }
                guard let resource else { continue }
                if let first = firstDeclared[resource.key] {
                    diagnostics.append(
                        document.diagnostic(
                            FieldProblem(
                                FieldPath(parsing: "metadata.name"),
                                "duplicate \(resource.key); first declared at \(first.file):\(first.position)")))
                    continue
                }
                firstDeclared[resource.key] = document
                entries.append(Entry(resource: resource, document: document))
            }
        }
        documentsByKey = firstDeclared
    }

    /// True when any diagnostic is an error.
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// The declared state without secrets (validate never reads them).
    public var declaredState: DesiredState {
        var state = DesiredState()
        for entry in entries {
            switch entry.resource {
            case .account(let spec): state.accounts.append(spec)
            case .eventType(let spec): state.eventTypes.append(spec)
            case .webhook(let spec, _): state.webhooks.append(spec)
            }
        }
        return state
    }

    /// Where each webhook's secret comes from.
    public var secretSources: [ResourceKey: SecretSource] {
        var sources: [ResourceKey: SecretSource] = [:]
        for entry in entries {
            if case .webhook(let spec, let source?) = entry.resource { sources[spec.key] = source }
        }
        return sources
    }

    /// The document that declares `key`.
    public func document(for key: ResourceKey) -> ManifestDocument? {
        documentsByKey[key]
    }

    /// The diagnostic for a problem with a declared resource, located in its document;
    /// problems of resources not declared here are located at the first document.
    public func diagnostic(for problem: ResourceProblem) -> ManifestDiagnostic {
        let fieldProblem = FieldProblem(problem.path, problem.message, severity: problem.severity)
        if let key = problem.key, let document = document(for: key) {
            return document.diagnostic(fieldProblem)
        }
        let file = entries.first?.document.file ?? "-"
        let where_ = problem.key.map { "\($0): " } ?? ""
        return ManifestDiagnostic(
            severity: problem.severity, file: file, position: SourcePosition(line: 1, column: 1),
            message: where_ + problem.message)
    }
}

extension ManifestDocument {
    /// `problem` located in this document.
    func diagnostic(_ problem: FieldProblem) -> ManifestDiagnostic {
        ManifestDiagnostic(
            severity: problem.severity, file: file, position: position(of: problem.path, key: problem.atKey),
            message: problem.message)
    }
}

import HookdCore
import Yams

/// Reads multi-document YAML into `ManifestDocument`s, checking the envelope every kind
/// shares (`apiVersion: hookd/v1`, a known `kind`, `metadata.name`) and reporting every
/// problem with its position rather than stopping at the first.
public enum ManifestParser {
    /// The only API version this hookd reads.
    public static let apiVersion = "hookd/v1"

    /// Parses `yaml` from `file`; returns the documents and the problems found. A YAML
    /// syntax error ends parsing of that file with one diagnostic at the error's position;
    /// a file over `bounds` is not parsed at all, and gets one diagnostic where it goes over.
    public static func parse(
        _ yaml: String, file: String, bounds: ManifestBounds = .standard
    ) -> (documents: [ManifestDocument], problems: [ManifestDiagnostic]) {
        if let overBounds = YAMLBoundsScan.check(yaml, file: file, bounds: bounds) {
            return ([], [overBounds])
        }
        var documents: [ManifestDocument] = []
        var problems: [ManifestDiagnostic] = []
        do {
            // The sequence stops at a syntax error and keeps it in `error` rather than throwing.
            // Scalars are resolved by `YAMLJSON` (YAML 1.2 core schema), so Yams' own YAML 1.1
            // resolver, a dozen regular expressions run on every mapping key, is not wanted.
            var nodes = try Yams.compose_all(yaml: yaml, Resolver.basic)
            while let node = nodes.next() {
                switch document(from: node, file: file) {
                case .success(let document): documents.append(document)
                case .failure(let diagnostics): problems += diagnostics.list
                }
            }
            if let error = nodes.error { throw error }
        } catch let error as YamlError {
            problems.append(diagnostic(for: error, file: file))
        } catch {
            problems.append(ManifestDiagnostic(file: file, position: SourcePosition(line: 1, column: 1), message: "\(error)"))
        }
        return (documents, problems)
    }

    private struct Diagnostics: Error {
        var list: [ManifestDiagnostic]
    }

    private static func document(from node: Node, file: String) -> Result<ManifestDocument, Diagnostics> {
        let start = SourcePosition(node.mark)
        func problem(_ at: Node?, _ message: String) -> ManifestDiagnostic {
            ManifestDiagnostic(file: file, position: at.map { SourcePosition($0.mark) } ?? start, message: message)
        }
        guard case .mapping(let mapping) = node else {
            return .failure(Diagnostics(list: [problem(node, "a manifest document must be a mapping with apiVersion, kind, metadata and spec")]))
        }
        var problems: [ManifestDiagnostic] = []
        let apiVersion = mapping.value(of: "apiVersion")?.scalar?.string
        if apiVersion == nil {
            problems.append(problem(node, "missing apiVersion (use \(Self.apiVersion))"))
        } else if apiVersion != Self.apiVersion {
            problems.append(problem(mapping.value(of: "apiVersion"), "unsupported apiVersion \"\(apiVersion!)\"; use \(Self.apiVersion)"))
        }
        let kindText = mapping.value(of: "kind")?.scalar?.string
        let kind = kindText.flatMap(ManifestKind.init(rawValue:))
        if kindText == nil {
            problems.append(problem(node, "missing kind (one of \(ManifestKind.allCases.map(\.rawValue).joined(separator: ", ")))"))
        } else if kind == nil {
            problems.append(problem(mapping.value(of: "kind"), "unknown kind \"\(kindText!)\"" + suggestion(for: kindText!)))
        }
        let metadata = mapping.value(of: "metadata")?.mapping
        let name = metadata?.value(of: "name")?.scalar?.string
        if metadata == nil {
            problems.append(problem(mapping.value(of: "metadata") ?? node, "missing metadata mapping with a name"))
        } else if name?.isEmpty ?? true {
            problems.append(problem(mapping.value(of: "metadata"), "missing metadata.name"))
        }
        guard problems.isEmpty, let apiVersion, let kind, let name else { return .failure(Diagnostics(list: problems)) }
        return .success(
            ManifestDocument(
                file: file, position: start, apiVersion: apiVersion, kind: kind, name: name,
                account: metadata?.value(of: "account")?.scalar?.string, node: node))
    }

    /// ` (did you mean "Webhook"?)` when a kind is close to a known one.
    static func suggestion(for text: String) -> String {
        Suggestions.closest(to: text, among: ManifestKind.allCases.map(\.rawValue)).map { " (did you mean \"\($0)\"?)" } ?? ""
    }

    private static func diagnostic(for error: YamlError, file: String) -> ManifestDiagnostic {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _), .composer(_, let problem, let mark, _):
            return ManifestDiagnostic(file: file, position: SourcePosition(mark), message: "YAML syntax error: \(problem)")
        default:
            return ManifestDiagnostic(file: file, position: SourcePosition(line: 1, column: 1), message: "YAML error: \(error)")
        }
    }
}

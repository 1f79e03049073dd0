import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// Positions stay exact in large sets: every diagnostic of hundreds of documents over several
/// files names the file, line and column it is about, in the order validate prints them.
struct ManifestPositionTests {
    static let catalog = """
        apiVersion: hookd/v1
        kind: Account
        metadata: { name: acc_1 }
        ---
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: customer.created }

        """

    /// The lines of webhook `index`: most are valid, some carry one problem each.
    static func webhook(_ index: Int) -> [String] {
        var metadata = "metadata: { name: wh-\(index), account: acc_1 }"
        var url = "  url: https://hooks.example.com/in/\(index)"
        var events = "  events: [customer.created]"
        switch index % 50 {
        case 10: events = "  events: [customer.created, \"customer.created\"]"
        case 20: url = "  url: ftp://hooks.example.com/in/\(index)"
        case 30: metadata = "metadata: { name: wh-\(index), account: acc_1, labels: { team: 2 } }"
        case 40: url = "  urll: https://hooks.example.com/in/\(index)"
        default: break
        }
        return ["# yaml-language-server: $schema=../schemas/manifest.schema.json", "apiVersion: hookd/v1", "kind: Webhook", metadata, "spec:", url, events]
    }

    /// `file:line:column` of `needle` (its `occurrence`th appearance) on `line` (1-based).
    static func at(_ file: String, _ lines: [String], _ line: Int, _ needle: String, occurrence: Int = 1) -> String {
        var text = Substring(lines[line - 1])
        var column = 1
        for _ in 1..<occurrence {
            let range = text.range(of: needle)!
            column += text.distance(from: text.startIndex, to: range.upperBound)
            text = text[range.upperBound...]
        }
        column += text.distance(from: text.startIndex, to: text.range(of: needle)!.lowerBound)
        return "\(file):\(line):\(column)"
    }

    @Test("every diagnostic of 600 documents over three files is at its exact file:line:column")
    func positionsInLargeSets() {
        var files: [(name: String, lines: [String])] = [("catalog.yaml", Self.catalog.components(separatedBy: "\n"))]
        // Two files of 300 webhooks; the second starts by declaring wh-0 again.
        var firstLines: [Int: (file: String, line: Int)] = [:]
        var expectedDecoding: [String] = []
        var expectedValidation: [String] = []
        for (file, range) in [("webhooks/a.yaml", 0..<300), ("webhooks/b.yaml", 300..<600)] {
            var lines: [String] = []
            let indices = file == "webhooks/b.yaml" ? [0] + Array(range) : Array(range)
            for index in indices {
                if !lines.isEmpty { lines.append("---") }
                let start = lines.count + 1
                lines += Self.webhook(index)
                let apiVersionLine = start + 1
                if firstLines[index] == nil {
                    firstLines[index] = (file, apiVersionLine)
                } else {
                    let first = firstLines[index]!
                    expectedDecoding.append(
                        Self.at(file, lines, apiVersionLine + 2, "wh-\(index)")
                            + ": duplicate Webhook acc_1/wh-\(index); first declared at \(first.file):\(first.line):1")
                    continue
                }
                switch index % 50 {
                case 10:
                    expectedValidation.append(
                        Self.at(file, lines, apiVersionLine + 5, "\"customer.created\"")
                            + ": \"customer.created\" is listed twice")
                case 20:
                    expectedValidation.append(
                        Self.at(file, lines, apiVersionLine + 4, "ftp:")
                            + ": scheme \"ftp\" is not supported; use https://")
                case 30:
                    expectedDecoding.append(
                        Self.at(file, lines, apiVersionLine + 2, "2 }")
                            + ": metadata.labels.team must be a string (quote it), got number")
                case 40:
                    expectedDecoding.append(
                        Self.at(file, lines, apiVersionLine + 4, "urll")
                            + ": unknown field \"urll\" in spec (did you mean \"url\"?)")
                    expectedDecoding.append(Self.at(file, lines, apiVersionLine + 4, "urll") + ": missing spec.url")
                default:
                    break
                }
            }
            files.append((file, lines))
        }
        let set = ManifestSet(
            files.map { ManifestSource(file: $0.name, directory: URL(fileURLWithPath: "/"), text: $0.lines.joined(separator: "\n")) })
        let (_, problems) = DesiredStateValidator.validate(
            set.declaredState, in: ValidationContext(policy: TargetPolicy(allowInsecureTargets: false), eventTypeProblems: EventTypeRules.problems))
        let printed = (set.diagnostics + problems.map(set.diagnostic(for:))).map(\.description)
        #expect(set.documentCount == 2 + 601)
        #expect(set.entries.count == 2 + 600 - 12)
        #expect(expectedDecoding.count == 1 + 12 + 24)
        #expect(printed == expectedDecoding + expectedValidation)
    }
}

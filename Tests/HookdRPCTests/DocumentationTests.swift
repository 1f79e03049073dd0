import Foundation
import HookdAPI
import HookdRPC
import Testing

/// The documentation holds for someone with only a clone: every relative link leads to a file
/// in the repository, the architecture document is linked and lists every API method.
struct DocumentationTests {
    /// The repository root.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Every Markdown file of the repository (build output and dependencies left out).
    static func markdownFiles() throws -> [URL] {
        let skipped: Set<String> = [".build", ".git", ".hookd", "node_modules"]
        var files: [URL] = []
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey])
        while let url = enumerator?.nextObject() as? URL {
            if skipped.contains(url.lastPathComponent) {
                enumerator?.skipDescendants()
            } else if url.pathExtension == "md" {
                files.append(url)
            }
        }
        return files
    }

    @Test("every relative link in the Markdown files leads to a file inside the repository")
    func relativeLinks() throws {
        let files = try Self.markdownFiles()
        #expect(files.count >= 6, "\(files.map(\.path))")
        let link = try NSRegularExpression(pattern: #"\]\(([^)#\s]+)(#[^)]*)?\)"#)
        let rootPath = Self.root.standardizedFileURL.path
        for file in files {
            let text = try String(contentsOf: file, encoding: .utf8)
            let matches = link.matches(in: text, range: NSRange(text.startIndex..., in: text))
            for match in matches {
                guard let range = Range(match.range(at: 1), in: text) else { continue }
                let target = String(text[range])
                if target.contains("://") || target.hasPrefix("mailto:") { continue }
                let resolved = URL(fileURLWithPath: target, relativeTo: file.deletingLastPathComponent()).standardizedFileURL
                #expect(resolved.path.hasPrefix(rootPath + "/"), "\(file.lastPathComponent) links outside the repository: \(target)")
                #expect(
                    FileManager.default.fileExists(atPath: resolved.path),
                    "\(file.lastPathComponent) links to a missing file: \(target)")
            }
            #expect(!text.contains("../shared/") && !text.contains("DESIGN"), "\(file.lastPathComponent) points outside the repository")
        }
    }

    @Test("README and CONTRIBUTING link docs/architecture.md, which names every API method")
    func architecture() throws {
        for name in ["README.md", "CONTRIBUTING.md"] {
            let text = try String(contentsOf: Self.root.appendingPathComponent(name), encoding: .utf8)
            #expect(text.contains("(docs/architecture.md)"), "\(name)")
        }
        let architecture = try String(
            contentsOf: Self.root.appendingPathComponent("docs/architecture.md"), encoding: .utf8)
        for method in APIMethods.all {
            #expect(architecture.contains("`\(method.name)`"), "\(method.name) is not in docs/architecture.md")
        }
    }
}

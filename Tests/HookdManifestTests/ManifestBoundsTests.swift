import Foundation
import HookdCore
import HookdManifest
import HookdSchema
import Testing

/// Hostile manifests are refused where they go over a bound, before anything is expanded.
struct ManifestBoundsTests {
    /// An EventType whose example is a "billion laughs": each of `levels` anchors repeats the
    /// one before ten times, so the last stands for 10^levels strings.
    static func laughs(levels: Int) -> String {
        var lines = [
            "apiVersion: hookd/v1", "kind: EventType", "metadata: { name: laughs.happened }", "spec:", "  example:",
            #"    l0: &l0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]"#,
        ]
        for level in 1..<levels {
            let previous = Array(repeating: "*l\(level - 1)", count: 10).joined(separator: ", ")
            lines.append("    l\(level): &l\(level) [\(previous)]")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    @Test("a 10-level billion laughs is refused at the alias that goes over, with file:line:column")
    func billionLaughs() throws {
        let (documents, problems) = ManifestParser.parse(Self.laughs(levels: 10), file: "laughs.yaml")
        #expect(documents.isEmpty)
        let problem = try #require(problems.first)
        #expect(problems.count == 1)
        #expect(problem.file == "laughs.yaml")
        // l1...l3 repeat 110 + 1,110 + 11,110 nodes; l3 holds 11,111, so in l4's list (line 10,
        // from column 14, 5 columns apiece) the eighth *l3 passes 100,000 repeated nodes.
        #expect(problem.position == SourcePosition(line: 10, column: 49))
        #expect(problem.message.contains("alias *l3 repeats 11111 nodes"))
        #expect(problem.message.contains("more than 100000"))
        #expect(problem.description.hasPrefix("laughs.yaml:10:49: manifest too large: "))
    }

    @Test("a manifest using a few aliases within the bounds still reads as the copies they stand for")
    func modestAliases() throws {
        let yaml = Self.laughs(levels: 3)
        let (documents, problems) = ManifestParser.parse(yaml, file: "small.yaml")
        #expect(problems.isEmpty)
        #expect(documents.count == 1)
    }

    static let small = ManifestBounds(
        maximumBytes: 400, maximumDocuments: 2, maximumDepth: 5, maximumNodes: 40, maximumAliasedNodes: 10)

    static let account = "apiVersion: hookd/v1\nkind: Account\nmetadata: { name: acc_1 }\n"

    @Test("more documents than the bound: refused at the first document over it")
    func documents() throws {
        let yaml = [Self.account, Self.account, Self.account].joined(separator: "---\n")
        let (documents, problems) = ManifestParser.parse(yaml, file: "many.yaml", bounds: Self.small)
        #expect(documents.isEmpty)
        #expect(problems.map(\.description) == ["many.yaml:8:1: manifest too large: more than 2 documents in one file"])
    }

    @Test("nesting deeper than the bound: refused at the first level over it")
    func depth() throws {
        let yaml = Self.account + "spec: [[[[[1]]]]]\n"
        let (_, problems) = ManifestParser.parse(yaml, file: "deep.yaml", bounds: Self.small)
        #expect(problems.map(\.description) == ["deep.yaml:4:11: manifest too large: nested more than 5 levels deep"])
    }

    @Test("an alias that makes a use site deeper than the bound is refused where it is used")
    func aliasDepth() throws {
        let yaml = Self.account + "spec: { a: &a [[[1]]], b: [[*a]] }\n"
        let (_, problems) = ManifestParser.parse(yaml, file: "deep.yaml", bounds: Self.small)
        #expect(problems.map(\.description) == ["deep.yaml:4:29: manifest too large: alias *a nests more than 5 levels deep where it is used"])
    }

    @Test("more nodes than the bound, or more bytes: refused")
    func nodesAndBytes() throws {
        let list = (1...40).map(String.init).joined(separator: ", ")
        let (_, nodes) = ManifestParser.parse(Self.account + "spec: [\(list)]\n", file: "wide.yaml", bounds: Self.small)
        #expect(nodes.count == 1)
        #expect(nodes.first?.message == "manifest too large: more than 40 nodes in one file (counting what aliases repeat)")
        let long = Self.account + "spec: { description: \"\(String(repeating: "x", count: 400))\" }\n"
        let (_, bytes) = ManifestParser.parse(long, file: "long.yaml", bounds: Self.small)
        #expect(bytes.first?.message.hasPrefix("the file has 4") == true)
        #expect(bytes.first?.message.hasSuffix("bytes, more than the 400 a manifest file may have") == true)
    }

    @Test("a file over the byte bound is refused before it is read, and so is stdin")
    func loading() throws {
        #expect(throws: ManifestLoadError.self) {
            try ManifestSources.load(["-"], maximumBytes: 10, readStandardInput: { count in
                #expect(count == 11)
                return Data(repeating: UInt8(ascii: "a"), count: count)
            })
        }
        let sources = try ManifestSources.load(["-"], maximumBytes: 10, readStandardInput: { _ in Data("a: 1\n".utf8) })
        #expect(sources.map(\.text) == ["a: 1\n"])
    }
}

/// Files a manifest names are read within bounds too.
struct ReferencedFileBoundsTests {
    static func eventType(schema reference: String) -> String {
        """
        apiVersion: hookd/v1
        kind: EventType
        metadata: { name: customer.created }
        spec:
          schema: { $ref: \(reference) }
        """
    }

    @Test("a $ref to /dev/zero is refused as not a regular file, not read forever", .timeLimit(.minutes(1)))
    func deviceSchema() throws {
        let set = ManifestSet([ManifestSource(file: "e.yaml", directory: URL(fileURLWithPath: "/"), text: Self.eventType(schema: "/dev/zero"))])
        #expect(set.diagnostics.map(\.message) == ["schema file /dev/zero is not a regular file"])
    }

    @Test("a $ref to a file over 16 MiB is refused without reading it")
    func hugeSchema() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hookd-ref-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("huge.json")
        _ = FileManager.default.createFile(atPath: file.path, contents: nil)
        let handle = try FileHandle(forWritingTo: file)
        try handle.truncate(atOffset: 17 << 20)
        try handle.close()
        let base = URL(fileURLWithPath: directory.path, isDirectory: true)
        let set = ManifestSet([ManifestSource(file: "e.yaml", directory: base, text: Self.eventType(schema: "huge.json"))])
        #expect(set.diagnostics.map(\.message) == ["schema file \(file.path) has 17825792 bytes, more than the 16777216 it may have"])
    }

    @Test("a secret fromFile that is a device is refused with the file's name")
    func deviceSecret() throws {
        let error = #expect(throws: SecretResolutionError.self) {
            try SecretSource.file("/dev/zero").resolve(environment: [:])
        }
        #expect(error?.message == "secret file /dev/zero is not a regular file")
    }
}

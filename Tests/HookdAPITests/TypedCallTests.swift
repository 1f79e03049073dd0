import Foundation
import HookdTesting
import Testing

/// The descriptors make a call with the wrong params or result a compile error: a snippet
/// type-checked against the built modules, with the flags SwiftPM gave this test target.
struct TypedCallTests {
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Type-checks `source` (which imports HookdAPI and HookdRPC) as SwiftPM would.
    static func typecheck(_ source: String) async throws -> CommandResult {
        let build = root.appendingPathComponent(".build")
        let plan = try String(contentsOf: build.appendingPathComponent("debug.yaml"), encoding: .utf8)
        let marker = #""-module-name","HookdAPITests""#
        let found = try #require(plan.range(of: marker), "no build plan for HookdAPITests in .build/debug.yaml")
        let line = plan[plan[..<found.lowerBound].lastIndex(of: "\n")!..<(plan[found.upperBound...].firstIndex(of: "\n") ?? plan.endIndex)]
        let moduleMaps = line.matches(of: /"(-fmodule-map-file=[^"]+)"/).flatMap { ["-Xcc", String($0.output.1)] }
        let scratch = try TemporaryDirectory(prefix: "hookd-typed")
        defer { scratch.remove() }
        let file = scratch.path + "/Snippet.swift"
        try source.write(toFile: file, atomically: true, encoding: .utf8)
        let modules = build.appendingPathComponent("debug/Modules").path
        return try await runCommand("/usr/bin/env", ["swiftc", "-typecheck", "-I", modules] + moduleMaps + [file])
    }

    static func snippet(_ call: String) -> String {
        """
        import HookdAPI
        import HookdRPC
        func call(_ client: RPCClient) async throws {
            \(call)
        }
        """
    }

    @Test("client.call(.eventsGet, IdParams) compiles; with another method's params or result it does not")
    func wrongTypesDoNotCompile() async throws {
        let right = try await Self.typecheck(Self.snippet(#"let _: EventDetail = try await client.call(.eventsGet, IdParams(id: "evt_1"))"#))
        #expect(right.exitCode == 0, "\(right)")
        let wrongParams = try await Self.typecheck(Self.snippet(#"_ = try await client.call(.eventsGet, WebhookRefParams(webhook: "crm"))"#))
        #expect(wrongParams.exitCode != 0)
        #expect(wrongParams.stderr.contains("cannot convert value of type 'WebhookRefParams' to expected argument type 'IdParams'"), "\(wrongParams)")
        let wrongResult = try await Self.typecheck(Self.snippet(#"let _: WebhookView = try await client.call(.eventsGet, IdParams(id: "evt_1"))"#))
        #expect(wrongResult.exitCode != 0, "\(wrongResult)")
    }
}

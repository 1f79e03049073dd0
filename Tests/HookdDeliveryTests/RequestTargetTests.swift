import Foundation
import Testing

@testable import HookdDelivery

/// What a webhook URL puts on the wire: where to connect, the request-target, the `Host` header.
struct RequestTargetTests {
    @Test("path and query are written as the URL spells them; no path is /", arguments: [
        ("https://api.example.com/hooks/in?v=2&x=%20y", "/hooks/in?v=2&x=%20y"),
        ("https://api.example.com", "/"),
        ("https://api.example.com?only=query", "/?only=query"),
        ("https://api.example.com/a%2Fb/c", "/a%2Fb/c"),
    ])
    func requestTarget(url: String, path: String) throws {
        let target = try #require(RequestTarget(URL(string: url)!))
        #expect(target.path == path)
    }

    @Test("the Host header names a port only when it is not the scheme's default")
    func hostHeader() throws {
        let cases: [(String, String, Int, Bool)] = [
            ("https://api.example.com/h", "api.example.com", 443, true),
            ("https://api.example.com:443/h", "api.example.com", 443, true),
            ("https://api.example.com:8443/h", "api.example.com:8443", 8443, true),
            ("http://api.example.com/h", "api.example.com", 80, false),
            ("http://[::1]:8080/h", "[::1]:8080", 8080, false),
        ]
        for (url, header, port, tls) in cases {
            let target = try #require(RequestTarget(URL(string: url)!))
            #expect(target.hostHeader == header, "\(url)")
            #expect(target.port == port, "\(url)")
            #expect(target.usesTLS == tls, "\(url)")
        }
        #expect(try #require(RequestTarget(URL(string: "http://[::1]:8080/h")!)).host == "::1")
    }
}

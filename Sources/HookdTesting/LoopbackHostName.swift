import Foundation

/// A host name other than `localhost` that this machine resolves to loopback, for tests of
/// the connect-time address check: the URL policy accepts such a name when a webhook is
/// saved (only `localhost` and literals are judged then) and must refuse it at connect time.
public enum LoopbackHostName {
    /// The first name in `/etc/hosts` whose every entry is an address in 127.0.0.0/8 or ::1,
    /// leaving out `localhost` and `*.localhost`; throws, saying what to add, when there is none,
    /// so a test that needs one fails instead of passing without it.
    public static func find(hostsFile: String = "/etc/hosts") throws -> String {
        let text = (try? String(contentsOfFile: hostsFile, encoding: .utf8)) ?? ""
        var order: [String] = []
        var allLoopback: [String: Bool] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
                .split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard fields.count >= 2 else { continue }
            let loopback = fields[0].hasPrefix("127.") || fields[0] == "::1"
            for name in fields.dropFirst().map({ $0.lowercased() }) {
                if allLoopback[name] == nil { order.append(name) }
                allLoopback[name] = (allLoopback[name] ?? true) && loopback
            }
        }
        let usable = order.first { name in
            allLoopback[name] == true && name != "localhost" && !name.hasSuffix(".localhost")
        }
        guard let usable else {
            throw LoopbackHostNameError(
                description: "no name other than localhost maps only to loopback in \(hostsFile); "
                    + "add a line such as `127.0.0.1 hookd-loopback.test` for the connect-time policy tests")
        }
        return usable
    }
}

/// No usable loopback name on this machine.
public struct LoopbackHostNameError: Error, CustomStringConvertible {
    public var description: String
}

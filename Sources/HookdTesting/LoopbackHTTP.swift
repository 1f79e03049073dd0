import Foundation

/// One HTTP request to a loopback server, made by Python's `urllib` (so a test can send
/// exactly the headers and body it wants, tampered ones included).
public enum LoopbackHTTP {
    /// What came back.
    public struct Response: Sendable {
        public var status: Int
        public var body: String
    }

    private static let client = """
        import json, sys, urllib.request, urllib.error
        spec = json.load(open(sys.argv[1]))
        body = open(sys.argv[2], "rb").read() if spec["method"] != "GET" else None
        request = urllib.request.Request(spec["url"], data=body, method=spec["method"], headers=spec["headers"])
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                status, text = response.status, response.read()
        except urllib.error.HTTPError as error:
            status, text = error.code, error.read()
        print(json.dumps({"status": status, "body": text.decode("utf-8", "replace")}))
        """

    /// Sends `method url` with `headers` and `body`; any status comes back as a response.
    public static func request(
        _ method: String = "GET", _ url: String, headers: [String: String] = [:], body: Data = Data()
    ) async throws -> Response {
        let scratch = try TemporaryDirectory(prefix: "hookd-http")
        defer { scratch.remove() }
        let spec: [String: Any] = ["method": method, "url": url, "headers": headers]
        try JSONSerialization.data(withJSONObject: spec).write(to: URL(fileURLWithPath: scratch.path + "/spec.json"))
        try body.write(to: URL(fileURLWithPath: scratch.path + "/body"))
        try Data(client.utf8).write(to: URL(fileURLWithPath: scratch.path + "/client.py"))
        let result = try await runCommand(
            "/usr/bin/env", ["python3", scratch.path + "/client.py", scratch.path + "/spec.json", scratch.path + "/body"])
        guard result.exitCode == 0,
            let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any],
            let status = object["status"] as? Int, let text = object["body"] as? String
        else {
            throw ProgramError("\(method) \(url) failed: \(result)")
        }
        return Response(status: status, body: text)
    }
}

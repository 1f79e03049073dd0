import Foundation

/// A throwaway certificate authority and one server certificate it signed, made with the
/// `openssl` command line tool in a temporary folder: for testing https deliveries against
/// a real TLS receiver, with the daemon told to trust the CA (`--trust-ca`).
public struct TestCertificateAuthority: Sendable {
    /// The CA certificate (PEM), to trust.
    public let caCertificatePath: String
    /// The server certificate (PEM), valid for `serverNames`.
    public let serverCertificatePath: String
    /// The server certificate's private key (PEM).
    public let serverKeyPath: String
    /// The DNS names in the server certificate's subjectAltName.
    public let serverNames: [String]
    private let folder: TemporaryDirectory

    /// Makes a P-256 CA and a server certificate for `serverNames`, both valid for two days.
    public static func make(serverNames: [String]) async throws -> TestCertificateAuthority {
        let folder = try TemporaryDirectory(prefix: "hookd-ca")
        let path = { (name: String) in folder.path + "/" + name }
        let extensions = [
            "subjectAltName=" + serverNames.map { "DNS:\($0)" }.joined(separator: ","),
            "basicConstraints=critical,CA:FALSE", "keyUsage=critical,digitalSignature", "extendedKeyUsage=serverAuth",
        ]
        try extensions.joined(separator: "\n").write(toFile: path("server.ext"), atomically: true, encoding: .utf8)
        let key = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
        try await openssl(
            ["req", "-x509"] + key
                + ["-keyout", path("ca.key"), "-out", path("ca.pem"), "-days", "2", "-subj", "/CN=hookd test CA"])
        try await openssl(
            ["req"] + key
                + ["-keyout", path("server.key"), "-out", path("server.csr"), "-subj", "/CN=\(serverNames[0])"])
        try await openssl([
            "x509", "-req", "-in", path("server.csr"), "-CA", path("ca.pem"), "-CAkey", path("ca.key"),
            "-CAcreateserial", "-out", path("server.pem"), "-days", "2", "-extfile", path("server.ext"),
        ])
        return TestCertificateAuthority(
            caCertificatePath: path("ca.pem"), serverCertificatePath: path("server.pem"),
            serverKeyPath: path("server.key"), serverNames: serverNames, folder: folder)
    }

    /// Removes the files.
    public func remove() {
        folder.remove()
    }

    private static func openssl(_ arguments: [String]) async throws {
        guard let executable = ["/usr/bin/openssl", "/usr/local/bin/openssl", "/opt/homebrew/bin/openssl"]
            .first(where: FileManager.default.isExecutableFile(atPath:))
        else { throw CertificateError(description: "the openssl command line tool is not installed") }
        let result = try await runCommand(executable, arguments)
        guard result.exitCode == 0 else {
            let command = arguments.prefix(2).joined(separator: " ")
            throw CertificateError(description: "openssl \(command) failed: \(result)")
        }
    }
}

/// Why the test certificates could not be made.
public struct CertificateError: Error, CustomStringConvertible {
    public var description: String
}

import NIOSSL

/// A CA file given to trust (`--trust-ca`) that could not be used.
public struct TrustedCAError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file as named.
    public var path: String
    /// What went wrong reading it.
    public var problem: String

    public init(path: String, problem: String) {
        self.path = path
        self.problem = problem
    }

    /// `--trust-ca /etc/hookd/ca.pem: no PEM certificate in the file`.
    public var description: String { "--trust-ca \(path): \(problem)" }

    /// Every certificate in the PEM files, in order; each file must hold at least one.
    static func certificates(in paths: [String]) throws(TrustedCAError) -> [NIOSSLCertificate] {
        var certificates: [NIOSSLCertificate] = []
        for path in paths {
            let loaded: [NIOSSLCertificate]
            do {
                loaded = try NIOSSLCertificate.fromPEMFile(path)
            } catch {
                throw TrustedCAError(path: path, problem: "cannot read PEM certificates (\(error))")
            }
            guard !loaded.isEmpty else { throw TrustedCAError(path: path, problem: "no PEM certificate in the file") }
            certificates += loaded
        }
        return certificates
    }
}

import Foundation
import HookdCore

/// Where a webhook manifest says its secret comes from. Manifests never hold the secret
/// itself: `hookctl` reads it when it needs it (diff, apply), never `validate`.
public enum SecretSource: Sendable, Equatable, Codable, CustomStringConvertible {
    /// `secret: { fromEnv: NAME }`.
    case environment(String)
    /// `secret: { fromFile: PATH }`, the path made absolute against the manifest's folder.
    case file(String)

    /// Reads the secret; the error says which variable or file failed and why.
    public func resolve(environment: [String: String]) throws(SecretResolutionError) -> WebhookSecret {
        let text: String
        switch self {
        case .environment(let name):
            guard let value = environment[name], !value.isEmpty else {
                throw SecretResolutionError(message: "environment variable \(name) is not set")
            }
            text = value
        case .file(let path):
            let data: Data
            do {
                // A secret is some tens of bytes; 64 KiB leaves room for any file that holds one.
                data = try ReferencedFile.read(path, maximumBytes: 64 * 1024)
            } catch {
                throw SecretResolutionError(message: "secret file \(path) \(error.description)")
            }
            text = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return try WebhookSecret(text)
        } catch {
            throw SecretResolutionError(message: "\(self) does not hold a valid secret: \(error.message)")
        }
    }

    public var description: String {
        switch self {
        case .environment(let name): "environment variable \(name)"
        case .file(let path): "secret file \(path)"
        }
    }
}

/// Why a secret could not be read.
public struct SecretResolutionError: Error, Sendable, Equatable {
    public var message: String
}

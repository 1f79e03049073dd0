import Foundation

/// The text of one manifest file.
public struct ManifestSource: Sendable, Equatable {
    /// The path as the user gave it or as found under a directory (`-` for stdin).
    public var file: String
    /// The folder relative `$ref` and `fromFile` paths in it are read from.
    public var directory: URL
    public var text: String

    public init(file: String, directory: URL, text: String) {
        self.file = file
        self.directory = directory
        self.text = text
    }
}

/// Why the manifests could not be read at all.
public struct ManifestLoadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String
}

/// Finds the manifest files `-f` names: files as given, directories searched recursively
/// for `*.yaml` and `*.yml` (in path order, so plans are stable), `-` for stdin.
public enum ManifestSources {
    /// Reads the manifests `paths` name; a file over `maximumBytes` is refused before it is
    /// read, and stdin is read no further than that.
    public static func load(
        _ paths: [String], maximumBytes: Int = ManifestBounds.standard.maximumBytes,
        readStandardInput: (_ upTo: Int) -> Data = { (try? FileHandle.standardInput.read(upToCount: $0)) ?? Data() }
    ) throws(ManifestLoadError) -> [ManifestSource] {
        guard !paths.isEmpty else { throw ManifestLoadError(description: "no manifests given; use -f FILE|DIR|-") }
        let manager = FileManager.default
        let workingDirectory = URL(fileURLWithPath: manager.currentDirectoryPath, isDirectory: true)
        var sources: [ManifestSource] = []
        var seen: Set<String> = []
        for path in paths {
            if path == "-" {
                let data = readStandardInput(maximumBytes + 1)
                guard data.count <= maximumBytes else { throw tooLarge("-", maximumBytes: maximumBytes) }
                let text = String(decoding: data, as: UTF8.self)
                sources.append(ManifestSource(file: "-", directory: workingDirectory, text: text))
                continue
            }
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw ManifestLoadError(description: "\(path): no such file or directory")
            }
            let files = isDirectory.boolValue ? try manifestFiles(in: path) : [path]
            if isDirectory.boolValue && files.isEmpty {
                throw ManifestLoadError(description: "\(path): no *.yaml or *.yml files in this directory")
            }
            for file in files {
                let url = URL(fileURLWithPath: file, relativeTo: workingDirectory).standardizedFileURL
                guard seen.insert(url.path).inserted else { continue }
                let size = (try? manager.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
                guard size <= maximumBytes else { throw tooLarge(file, maximumBytes: maximumBytes) }
                guard let data = manager.contents(atPath: url.path) else {
                    throw ManifestLoadError(description: "\(file): cannot be read")
                }
                guard let text = String(data: data, encoding: .utf8) else {
                    throw ManifestLoadError(description: "\(file): is not UTF-8 text")
                }
                sources.append(ManifestSource(file: file, directory: url.deletingLastPathComponent(), text: text))
            }
        }
        return sources
    }

    private static func tooLarge(_ file: String, maximumBytes: Int) -> ManifestLoadError {
        ManifestLoadError(description: "\(file): more than the \(maximumBytes) bytes a manifest file may have")
    }

    private static func manifestFiles(in directory: String) throws(ManifestLoadError) -> [String] {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else {
            throw ManifestLoadError(description: "\(directory): cannot be read")
        }
        var files: [String] = []
        while let relative = enumerator.nextObject() as? String {
            let lowered = relative.lowercased()
            guard lowered.hasSuffix(".yaml") || lowered.hasSuffix(".yml") else { continue }
            let path = (directory as NSString).appendingPathComponent(relative)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files.append(path)
            }
        }
        return files.sorted()
    }
}

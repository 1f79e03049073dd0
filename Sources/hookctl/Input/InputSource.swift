import Foundation

/// Where a JSON argument's text comes from: inline, a file, or standard input.
enum InputSource: Sendable, Equatable {
    case inline(String)
    case file(String)
    case standardInput

    /// How `--data` reads its value: `-` is stdin, `@PATH` a file, anything else inline.
    init(dataArgument value: String) {
        if value == "-" {
            self = .standardInput
        } else if value.hasPrefix("@") {
            self = .file(String(value.dropFirst()))
        } else {
            self = .inline(value)
        }
    }

    /// How a `FILE` argument reads its value: `-` is stdin, anything else a path.
    init(fileArgument value: String) {
        self = value == "-" ? .standardInput : .file(value)
    }

    /// What the operator wrote, for messages.
    var label: String {
        switch self {
        case .inline: "the inline value"
        case .file(let path): path
        case .standardInput: "standard input"
        }
    }

    /// The bytes, or a `CLIError` naming the file and why it could not be read.
    func read(option: String) throws(CLIError) -> Data {
        switch self {
        case .inline(let text):
            return Data(text.utf8)
        case .standardInput:
            return FileHandle.standardInput.readDataToEndOfFile()
        case .file(let path):
            guard !path.isEmpty else { throw CLIError("\(option): give a file after @, e.g. @event.json") }
            do {
                // A file handle, not `Data(contentsOf:)`, so `<(command)` and named pipes work.
                let handle = try FileHandle(forReadingFrom: URL(fileURLWithPath: path))
                defer { try? handle.close() }
                return try handle.readToEnd() ?? Data()
            } catch {
                throw CLIError("\(option): cannot read \(path): \(Self.reason(error))")
            }
        }
    }

    /// The operating system's words for a failed read (`No such file or directory`).
    private static func reason(_ error: any Error) -> String {
        let nsError = error as NSError
        if let underlying = nsError.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain,
            let code = POSIXErrorCode(rawValue: Int32(underlying.code))
        {
            return String(cString: strerror(code.rawValue))
        }
        if nsError.domain == NSCocoaErrorDomain {
            switch nsError.code {
            case NSFileReadNoSuchFileError: return "no such file"
            case NSFileReadNoPermissionError: return "permission denied"
            default: break
            }
        }
        return nsError.localizedDescription
    }
}

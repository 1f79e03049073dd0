import Foundation
import HookdCore

/// Times and durations as tables and detail blocks show them.
enum TimeText {
    /// `3m ago`, `in 45s`, `just now`: for table cells.
    static func relative(_ date: Date, now: Date = Date()) -> String {
        let seconds = Int((now.timeIntervalSince(date)).rounded())
        if abs(seconds) < 1 { return "just now" }
        let span = compact(seconds: abs(seconds))
        return seconds > 0 ? "\(span) ago" : "in \(span)"
    }

    /// `relative(date)` or `-` when there is no date.
    static func relative(_ date: Date?, now: Date = Date()) -> String {
        date.map { relative($0, now: now) } ?? "-"
    }

    /// `2026-11-29T02:45:12.123Z (3m ago)`: exact and easy to read at once, for detail blocks.
    static func full(_ date: Date, now: Date = Date()) -> String {
        "\(Timestamp.format(date)) (\(relative(date, now: now)))"
    }

    /// The two largest units of a span: `45s`, `4m30s`, `2h15m`, `3d4h`.
    static func compact(seconds: Int) -> String {
        let units: [(String, Int)] = [("d", 86_400), ("h", 3600), ("m", 60), ("s", 1)]
        var rest = seconds
        var parts: [String] = []
        for (suffix, size) in units where rest >= size || (suffix == "s" && parts.isEmpty) {
            parts.append("\(rest / size)\(suffix)")
            rest %= size
            if parts.count == 2 { break }
        }
        // Drop a zero second unit: `2h0m` reads better as `2h`.
        if parts.count == 2, parts[1].hasPrefix("0") { parts.removeLast() }
        return parts.joined()
    }

    /// `850ms`, `1.25s`, `12.0s`.
    static func duration(milliseconds: Int64) -> String {
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        let seconds = Double(milliseconds) / 1000
        return seconds < 10 ? String(format: "%.2fs", seconds) : String(format: "%.1fs", seconds)
    }

    /// `14:03:07`: the UTC time of day, for lines printed as things happen.
    static func clock(_ date: Date) -> String {
        String(Timestamp.format(date).dropFirst(11).prefix(8))
    }
}

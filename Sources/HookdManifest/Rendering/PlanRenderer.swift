import Foundation
import HookdCore

/// Prints a plan for people: `+` create, `~` update with each field old → new, `-` delete,
/// then the summary line. Secrets appear only as `(sensitive)`; a resource made by hand
/// that the apply would take over says so on its first line.
public enum PlanRenderer {
    public static func render(_ plan: ConfigurationPlan) -> String {
        guard !plan.isEmpty else {
            return "No changes. The live state matches the manifests.\n"
        }
        var lines: [String] = []
        for change in plan.changes {
            lines.append(
                "\(change.action.symbol) \(change.key)" + (change.adopt == true ? " (made by hand: apply takes it over)" : ""))
            if let drift = change.drift {
                lines.append("    ! drift: \(drift)")
            }
            for field in change.fields {
                if let structured = structuredLines(field, action: change.action) {
                    lines.append("    \(field.field):")
                    lines += structured.map { $0.rendered(indent: 4) }
                } else {
                    lines.append("    \(field.field): \(describe(field, action: change.action))")
                }
            }
        }
        lines.append("")
        lines.append(summaryLine(plan.summary))
        return lines.joined(separator: "\n") + "\n"
    }

    /// `Plan: 1 to add, 2 to change, 0 to delete.`
    public static func summaryLine(_ summary: PlanSummary) -> String {
        "Plan: \(summary.add) to add, \(summary.change) to change, \(summary.delete) to delete."
    }

    /// Values longer than this on one line are shown as indented YAML.
    static let inlineLimit = 60

    /// A structured value as indented YAML lines: a created one whole, a changed one as the
    /// difference (only what changed); `nil` for scalars and short values, which stay inline.
    private static func structuredLines(_ field: FieldChange, action: ChangeAction) -> [StructuredDiff.Line]? {
        guard field.sensitive != true, field.added == nil, field.removed == nil else { return nil }
        // JSON null is "unset" here, as in `text` (`nil` would read as JSONValue.null).
        let old = field.old.flatMap { $0 == .null ? Optional<JSONValue>.none : $0 }
        let new = field.new.flatMap { $0 == .null ? Optional<JSONValue>.none : $0 }
        guard [old, new].contains(where: { $0.map(isStructured) ?? false }) else { return nil }
        let bothObjects = old?.objectValue != nil && new?.objectValue != nil
        guard bothObjects || text(old).count + text(new).count > inlineLimit else { return nil }
        switch (old, new) {
        case (nil, let added?): return StructuredDiff.block(added, mark: action == .create ? " " : "+")
        case (let removed?, nil): return StructuredDiff.block(removed, mark: "-")
        case (let removed?, let added?): return StructuredDiff.lines(from: removed, to: added)
        case (nil, nil): return nil
        }
    }

    private static func isStructured(_ value: JSONValue) -> Bool {
        switch value {
        case .object, .array: true
        default: false
        }
    }

    private static func describe(_ field: FieldChange, action: ChangeAction) -> String {
        if field.sensitive == true { return "(sensitive)" }
        if field.added != nil || field.removed != nil {
            let added = (field.added ?? []).map { "+ \($0)" }
            let removed = (field.removed ?? []).map { "- \($0)" }
            return (added + removed).joined(separator: ", ")
        }
        if action == .create { return text(field.new) }
        return "\(text(field.old)) → \(text(field.new))"
    }

    /// A value as compact JSON; unset as `(none)`.
    static func text(_ value: JSONValue?) -> String {
        guard let value, value != .null else { return "(none)" }
        var writer = CanonicalJSONWriter()
        guard (try? writer.write(value)) != nil else { return "?" }
        return String(decoding: writer.bytes, as: UTF8.self)
    }
}

import Foundation
import Core

/// A `pattern` rule from `.lintrc`: a regular expression over chosen indicator
/// fields that must not (`forbid`) or must (`require`) match.
struct PatternRuleCheck: Check {
    let spec: CustomRuleSpec
    let fields: [IndicatorField]
    let mode: PatternMode
    let pattern: String
    let regex: CompiledRegex

    init(spec: CustomRuleSpec, fields: [IndicatorField], regex pattern: String, mode: PatternMode) throws {
        self.spec = spec; self.fields = fields; self.mode = mode; self.pattern = pattern
        self.regex = try CompiledRegex(pattern)
    }

    var descriptor: CheckDescriptor {
        CustomRules.descriptor(spec, rationale: "自定义模式规则：\(fields.map(\.title).joined(separator: "、"))\(mode == .forbid ? "不得" : "必须")匹配正则 /\(pattern)/（在规范化后的文本上匹配：全角转半角、空白合并）。")
    }

    func run(_ context: CheckContext) -> [Finding] {
        var findings: [Finding] = []
        for (_, form, formName) in CustomRules.coveredForms(spec, context.report) {
            guard let table = form.indicators else { continue }
            for row in table.rows {
                for field in fields {
                    // A target table has no 实际完成值 or note column: nothing to require there.
                    if !table.hasActual && (field == .actual || field == .note) { continue }
                    let (text, location) = value(field, of: row, in: table)
                    let matched = regex.matches(TextNormalizer.normalize(text))
                    guard matched == (mode == .forbid) else { continue }
                    let shown = TextNormalizer.normalize(text).isEmpty ? "（空）" : TextNormalizer.normalize(text)
                    let values: [String: String] = ["rule": spec.id, "form": formName, "field": field.title, "value": shown,
                                                    "indicator": row.name.normalized, "pattern": pattern]
                    let fallback = mode == .forbid
                        ? "\(formName)：指标「\(row.name.normalized)」的\(field.title)「\(shown)」匹配了禁止的模式 /\(pattern)/"
                        : "\(formName)：指标「\(row.name.normalized)」的\(field.title)「\(shown)」不符合要求的模式 /\(pattern)/"
                    findings.append(Finding(spec.message.map { CustomRuleSpec.render($0, values) } ?? fallback, at: location,
                                            related: location == row.location ? [] : [RelatedLocation(location: row.location, message: "指标「\(row.name.normalized)」")],
                                            actual: shown, subject: "\(formName)/\(row.level2)/\(row.name.normalized)/\(field.rawValue)"))
                }
            }
        }
        return findings
    }

    private func value(_ field: IndicatorField, of row: IndicatorRow, in table: IndicatorTable) -> (String, SourceLocation) {
        func v(_ value: Value?) -> (String, SourceLocation) { (value?.text ?? "", value?.location ?? row.location) }
        switch field {
        case .group:
            guard let g = row.group, g < table.groups.count else { return ("", row.location) }
            return (table.groups[g].name, table.groups[g].location)
        case .level2: return (row.level2, row.location)
        case .indicator: return v(row.name)
        case .target: return v(row.target)
        case .actual: return v(row.actual)
        case .note: return v(row.note)
        }
    }
}

/// A compiled regular expression that checks may share across threads:
/// NSRegularExpression is immutable and documented thread-safe, but not marked Sendable.
final class CompiledRegex: @unchecked Sendable {
    let regex: NSRegularExpression

    init(_ pattern: String) throws { regex = try NSRegularExpression(pattern: pattern) }

    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }
}

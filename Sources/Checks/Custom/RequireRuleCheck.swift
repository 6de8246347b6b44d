import Foundation
import Core

/// A `require` rule from `.lintrc`: each covered form must exist, have an
/// indicator matching a pattern (optionally with a numeric target), or print a column.
struct RequireRuleCheck: Check {
    let spec: CustomRuleSpec
    let requirement: Requirement
    let indicator: CompiledRegex?

    init(spec: CustomRuleSpec, requirement: Requirement) throws {
        self.spec = spec; self.requirement = requirement
        self.indicator = try requirement.indicator.map(CompiledRegex.init)
    }

    var descriptor: CheckDescriptor { CustomRules.descriptor(spec, rationale: "自定义必备项规则：\(what)。") }

    private var formWord: String {
        spec.forms.isEmpty ? "表格" : spec.forms.map(CustomRules.formKindName).joined(separator: "或")
    }

    private var what: String {
        var parts: [String] = []
        if requirement.form { parts.append("报告须含有\(formWord)") }
        if let i = requirement.indicator {
            parts.append("每张\(formWord)须有匹配 /\(i)/ 的指标" + (requirement.numericTarget ? "，且年度指标值为数值" : ""))
        }
        if let c = requirement.column { parts.append("每张\(formWord)须有「\(c)」列") }
        return parts.joined(separator: "；")
    }

    func run(_ context: CheckContext) -> [Finding] {
        let report = context.report
        guard spec.applies(to: report.path) else { return [] }
        var findings: [Finding] = []
        let covered = CustomRules.coveredForms(spec, report)
        func finding(_ fallback: String, _ whatText: String, at location: SourceLocation, form: String, subject: String) -> Finding {
            let values = ["rule": spec.id, "form": form, "what": whatText]
            return Finding(spec.message.map { CustomRuleSpec.render($0, values) } ?? fallback, at: location, subject: subject)
        }
        if requirement.form && covered.isEmpty {
            var at = report.document.startLocation
            at.column = nil
            findings.append(finding("报告中没有\(formWord)", formWord, at: at, form: "", subject: "form"))
        }
        for (fi, form, formName) in covered {
            if let regex = indicator, let table = form.indicators {
                let rows = table.rows.filter { regex.matches(TextNormalizer.normalize($0.level2)) || regex.matches($0.name.normalized) }
                if rows.isEmpty {
                    let w = "匹配 /\(requirement.indicator!)/ 的指标"
                    findings.append(finding("「\(formName)」没有\(w)", w, at: table.location, form: formName, subject: "\(formName)/indicator"))
                } else if requirement.numericTarget, !rows.contains(where: { Self.isNumeric($0.target) }) {
                    let row = rows[0]
                    let w = "指标「\(row.name.normalized)」的数值目标"
                    findings.append(finding("「\(formName)」的指标「\(row.name.normalized)」年度指标值「\(Describe.shown(row.target))」不是数值目标",
                                            w, at: row.target?.location ?? row.location, form: formName, subject: "\(formName)/numeric-target"))
                }
            }
            if let column = requirement.column, !Self.hasColumn(column, form: fi, in: report) {
                let w = "「\(column)」列"
                findings.append(finding("「\(formName)」没有\(w)", w, at: form.location, form: formName, subject: "\(formName)/column/\(column)"))
            }
        }
        return findings
    }

    static func isNumeric(_ v: Value?) -> Bool {
        guard let v else { return false }
        return v.number != nil || v.quantity != nil
    }

    /// True when a cell of the form's part of the document holds the column's text.
    static func hasColumn(_ column: String, form fi: Int, in report: Report) -> Bool {
        let wanted = TextNormalizer.compact(column)
        return report.cellTexts(ofForm: fi).contains { $0.contains { $0.contains(wanted) } }
    }
}

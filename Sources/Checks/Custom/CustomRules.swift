import Foundation
import Core

/// Turns the `customRules` of a config into checks that run beside the built-in ones.
public enum CustomRules {
    /// One check per rule. The specs were validated when the config was read, so
    /// a failure here (a regex the loader accepted) is an internal error.
    public static func checks(_ specs: [CustomRuleSpec]) throws -> [any Check] {
        try specs.map { spec -> any Check in
            switch spec.kind {
            case .sum(let identity, let columns): return SumRuleCheck(spec: spec, identity: identity, columns: columns)
            case .pattern(let fields, let regex, let mode): return try PatternRuleCheck(spec: spec, fields: fields, regex: regex, mode: mode)
            case .require(let r): return try RequireRuleCheck(spec: spec, requirement: r)
            }
        }
    }

    static func descriptor(_ spec: CustomRuleSpec, rationale: String) -> CheckDescriptor {
        let scope = (spec.paths.isEmpty ? "" : "仅用于 \(spec.paths.joined(separator: "、"))。")
            + (spec.forms.isEmpty ? "" : "仅检查\(spec.forms.map(formKindName).joined(separator: "、"))。")
        return CheckDescriptor(id: spec.id, title: spec.title, rationale: rationale + scope + "（在配置文件中定义的 \(spec.typeName) 规则）",
                               defaultSeverity: spec.severity, examples: [])
    }

    /// The forms of the report a rule looks at, with their display names; none when the file is out of the rule's scope.
    static func coveredForms(_ spec: CustomRuleSpec, _ report: Report) -> [(index: Int, form: Form, name: String)] {
        guard spec.applies(to: report.path) else { return [] }
        let names = Describe.formNames(report)
        return report.forms.enumerated().filter { spec.covers($0.element.kind) }.map { ($0.offset, $0.element, names[$0.offset]) }
    }

    static func formKindName(_ k: FormKind) -> String {
        switch k {
        case .overall: return "部门整体支出绩效自评表"
        case .project: return "项目支出绩效自评表"
        case .baseData: return "绩效评价基础数据表"
        case .targets: return "绩效目标表"
        case .budget: return "预算公开表"
        case .other: return "其他表格"
        }
    }
}

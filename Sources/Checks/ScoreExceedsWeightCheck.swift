import Foundation
import Core

/// A score below 0 or above its weight, or a score printed as something else.
public struct ScoreExceedsWeightCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "score-exceeds-weight",
        title: "得分超出分值或不是分数",
        rationale: """
        每个得分都应在 0 与其分值之间：三级指标行、一级指标（各行得分之和 ≤ 标题分值）、总分，以及年度资金总额行。\
        得分栏里打印的不是分数（如 "100%"）时同样报告：表格把执行率填进了得分栏，总分无法核对。
        """,
        defaultSeverity: .error,
        examples: [
            CheckExample("资金得分打印为百分比", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 2551.6 | 2922.7 | 2922.7 | 10 | 100% | 100% |
            """, triggersAt: [3]),
            CheckExample("三级指标得分高于分值", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 数量指标 | 新增企业数 | ≥10家 | 12家 | 4 | 5 | |
            | | 质量指标 | 验收合格率 | 100% | 100% | 6 | 5 | 一项未按期验收 |
            """, triggersAt: [3]),
            CheckExample("总分得分高于总分分值", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（90分） | 数量指标 | 新增企业数 | ≥10家 | 12家 | 90 | 90 | |
            | 总分 | 100 | 101 |
            """, triggersAt: [4]),
            CheckExample("负分", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 数量指标 | 新增企业数 | ≥10家 | 2家 | 10 | -1 | 企业申报不足 |
            """, triggersAt: [3]),
            CheckExample("得分等于分值", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 数量指标 | 新增企业数 | ≥10家 | 12家 | 10 | 10 | |
            | 总分 | 100 | 96.4 |
            """),
            CheckExample("资金得分为数字且不超过分值", """
            2024年度部门整体支出绩效评价表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 73,360.55 | 108,535.97 | 104,092.39 | 10 | 95.91% | 9.59 |
            """),
            CheckExample("模板占位的得分不是错误的分数", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 效益指标（5分） | 生态效益指标 | 节能降耗 | 有效 | 有效降低 | 5 | 5 | |
            | | 社会成本指标 | / | | | / | / | |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            let name = names[index]
            if let f = form.funding {
                out += check(score: f.score, weight: f.weight, what: "年度资金总额得分", subject: "\(name)/年度资金总额", form: name)
            }
            guard let t = form.indicators, t.hasScore else { continue }
            for row in t.rows {
                out += check(score: row.score, weight: row.weight, what: "“\(row.name.compact)”得分", subject: "\(name)/\(row.level2)/\(row.name.compact)", form: name)
            }
            for (g, group) in t.groups.enumerated() {
                guard let heading = group.weight, let hw = heading.number else { continue }
                let scores = t.rows.filter { $0.group == g }.compactMap { $0.score?.number }
                guard !scores.isEmpty else { continue }
                let sum = scores.reduce(Decimal(0)) { $0 + $1.magnitude }
                if sum > hw.magnitude {
                    out.append(Finding("\(name)：\(group.name)各指标得分之和 \(sum.plain) 超过标题分值 \(hw.text) 分", at: heading.location,
                                       expected: "≤ \(hw.text)", actual: sum.plain, subject: "\(name)/\(group.name)/得分"))
                }
            }
            if let total = t.total {
                out += check(score: total.score, weight: total.weight, what: "总分得分", subject: "\(name)/总分", form: name)
            }
        }
        return out
    }

    private func check(score: Value?, weight: Value?, what: String, subject: String, form: String) -> [Finding] {
        guard let score, !score.isPlaceholder else { return [] }
        guard let s = score.number, !s.isPercent else {
            return [Finding("\(form)：\(what)打印为 “\(score.normalized)”，不是分数（分值 \(Describe.shown(weight))）", at: score.location,
                            related: weight.map { [RelatedLocation(location: $0.location, message: "分值 \($0.normalized)")] } ?? [],
                            expected: "0 至 \(Describe.shown(weight)) 之间的分数", actual: score.normalized, subject: "\(subject)/得分格式")]
        }
        if s.value < 0 {
            return [Finding("\(form)：\(what) \(s.text) 小于 0", at: score.location, expected: "≥ 0", actual: s.text, subject: "\(subject)/负分")]
        }
        if let w = weight?.number, !w.isPercent, s.value > w.value {
            return [Finding("\(form)：\(what) \(s.text) 超过分值 \(w.text)", at: score.location,
                            related: [RelatedLocation(location: weight!.location, message: "分值 \(w.text)")],
                            expected: "≤ \(w.text)", actual: s.text, subject: "\(subject)/超分")]
        }
        return []
    }
}

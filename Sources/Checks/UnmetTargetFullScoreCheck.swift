import Foundation
import Core

/// An indicator whose numeric actual misses its numeric target but still gets the full weight.
public struct UnmetTargetFullScoreCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "unmet-target-full-score",
        title: "未完成年度指标值却得满分",
        rationale: """
        年度指标值和实际完成值都是单个数值时，按指标值的比较符（≥、≤、>、<、以上、以下、不低于、不超过、不少于、不高于、达到）\
        比较实际完成值；实际完成值按其打印精度取区间，整个区间都不满足指标值才算未完成。未完成却得分等于分值（满分）时报告：\
        偏差原因分析只能解释扣分，不能代替扣分。\
        只在单位相同或可换算时比较（"场"与"场次"、"万元"与"亿元"）；一侧没有单位时，只有另一侧是不带万/亿的计数单位（家、个、场…）\
        才比较，百分比、金额和带万/亿的单位缺失时交给 unit-mismatch。\
        指标值没有比较符（"150"）或是 "=" 时按方向推断：计数和比率按“不低于”；金额按指标名称，费用、成本、支出类按“不超过”，\
        投资、产值、营收类按“不低于”，其余不推断；名称含事故、投诉、下降、控制等反向词或单位是时间的不推断，不报告。\
        定性指标（合规、及时、有效、是否…）、区间（90%-100%）和实际完成值带比较符（"大于100人"）的行不比较。\
        扣分而无偏差说明由 missing-deviation-note 报告，本检查不重复报告“已完成却扣分”。\
        默认为警告：各地计分细则不同，个别细则允许接近目标时给满分。
        """,
        defaultSeverity: .warning,
        examples: [
            CheckExample("≥3场次 只完成 1场，仍得满分", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（40分） | 数量指标 | 开展企业服务工作人员培训 | ≥3场次 | 1场 | 20 | 20 | 活动周期到2025年底 |
            """, triggersAt: [3]),
            CheckExample("无比较符的数量指标按“不低于”理解", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（8分） | 数量指标 | 新增单项冠军企业 | 20 | 31 | 4 | 4 | |
            | | | 新增专精特新小巨人企业 | 150 | 123 | 4 | 4 | |
            """, triggersAt: [4]),
            CheckExample("成本超出 “≤” 指标值", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 成本指标 | 运营服务费用 | ≤5万元 | 5.2万元 | 20 | 20 | |
            """, triggersAt: [3]),
            CheckExample("百分比按打印精度仍低于目标", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 满意度指标（10分） | 服务对象满意度指标 | 群众满意度 | 不低于95% | 94.99% | 10 | 10 | |
            """, triggersAt: [3]),
            CheckExample("未完成且已扣分", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 数量指标 | 新增碳减排标杆企业数量 | ≥10家 | 7家 | 1 | 0.5 | 部分企业应用困难 |
            """),
            CheckExample("完成目标（单位写法不同、万元对亿元）", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（30分） | 数量指标 | 物业保障周期 | =12月 | 12个月 | 10 | 10 | |
            | | | 开展专家评审场次 | ≥2场 | 3场次 | 10 | 10 | |
            | | | 产业链总规模 | ≥5000亿元 | 8100亿元 | 10 | 10 | |
            """),
            CheckExample("定性指标、区间和单位不明的行不比较", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（30分） | 质量指标 | 资金使用合规性 | 合规 | 基本合规 | 10 | 10 | |
            | | | 验收合格率 | 90%-100% | 85% | 10 | 10 | |
            | | | 制造业增加值占GDP比重 | ≥32% | 30 | 10 | 10 | |
            """),
            CheckExample("控制类指标无比较符时不推断方向", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（2分） | 质量指标 | 安全事故起数 | 2起 | 0起 | 2 | 2 | |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            guard let t = form.indicators, t.hasActual, t.hasScore else { continue }
            let quantities = context.report.quantities(ofForm: index)
            for (k, row) in t.rows.enumerated() {
                if let f = finding(row, quantities[k], form: names[index], rounding: context.settings.rounding) { out.append(f) }
            }
        }
        return out
    }

    private func finding(_ row: IndicatorRow, _ quantities: IndicatorQuantities?, form: String, rounding: Rounding) -> Finding? {
        guard let scoreValue = row.score, let score = scoreValue.number, let weightValue = row.weight, let weight = weightValue.number,
              !score.isPercent, !weight.isPercent, weight.value > 0, score.value >= weight.value,
              let q = quantities, q.actual.comparator == nil,
              let (threshold, actual) = q.comparable(rounding),
              let (direction, inferred) = TargetDirection.of(q, name: row.name.compact) else { return nil }
        guard direction.isMissed(by: actual, threshold: threshold) else { return nil }
        let target = row.target!, actualValue = row.actual!
        let name = row.name.compact
        var message = "\(form)：“\(name)”实际完成值 \(actualValue.compact) 不满足年度指标值 \(target.compact)，却得满分 \(score.text)（分值 \(weight.text)）"
        if inferred { message += "；指标值未写方向，按“\(direction.word)”理解" }
        if !row.note.isBlank { message += "；偏差原因分析不能代替扣分" }
        return Finding(message, at: row.name.location,
                       related: [RelatedLocation(location: target.location, message: "年度指标值 \(target.compact)"),
                                 RelatedLocation(location: actualValue.location, message: "实际完成值 \(actualValue.compact)"),
                                 RelatedLocation(location: scoreValue.location, message: "得分 \(score.text) / 分值 \(weight.text)")],
                       expected: "得分低于分值 \(weight.text)", actual: score.text,
                       subject: "\(form)/\(row.level2)/\(name)/未达标满分")
    }
}

/// Which way a target points, as printed or as inferred from the indicator's name.
enum TargetDirection {
    case atLeast, above, atMost, below

    /// What a target without a comparator is read as, in a message.
    var word: String {
        switch self {
        case .atLeast: return "不低于"
        case .above: return "高于"
        case .atMost: return "不超过"
        case .below: return "低于"
        }
    }

    /// Names of costs and spending: a money target for them is a ceiling.
    private static let costWords = ["费", "成本", "支出", "开支", "控制"]
    /// Names of output measured in money: a money target for them is a floor.
    private static let outputWords = ["投资", "产值", "营收", "收入", "规模", "增加值", "销售", "税", "融资"]
    /// Names of things that should go down or stay under a cap; without a comparator the
    /// direction is a guess, so no direction is inferred.
    private static let reverseWords = ["事故", "投诉", "差错", "违规", "违纪", "下降", "降低", "减少", "控制", "超支", "成本", "费", "支出",
                                       "能耗", "排放", "时间", "时长", "天数", "周期", "期限", "发生", "失误", "隐患"]

    /// The target's direction and whether it was inferred; nil when it cannot be told.
    static func of(_ q: IndicatorQuantities, name: String) -> (TargetDirection, inferred: Bool)? {
        switch q.target.comparator {
        case .atLeast?: return (.atLeast, false)
        case .greater?: return (.above, false)
        case .atMost?: return (.atMost, false)
        case .less?: return (.below, false)
        case .equal?, nil: break
        }
        // "=" and a bare number: reached means met, so only the side that counts as a miss matters.
        let unit = q.targetUnit ?? q.actualUnit
        if unit?.kind == .money {
            if costWords.contains(where: name.containsText) { return (.atMost, true) }
            if outputWords.contains(where: name.containsText) { return (.atLeast, true) }
            return nil
        }
        if unit?.kind == .time || reverseWords.contains(where: name.containsText) { return nil }
        return (.atLeast, true)
    }

    /// True when no value the printed actual may stand for satisfies the target.
    func isMissed(by actual: Interval, threshold t: Decimal) -> Bool {
        switch self {
        case .atLeast: return actual.hi < t
        case .above: return actual.hi <= t
        case .atMost: return actual.lo > t
        case .below: return actual.lo >= t
        }
    }
}

import Foundation
import Core

/// 执行率 must equal 全年执行数 / 全年预算数 at its printed precision, and the
/// funding 得分 must follow from it under the scoring policy.
public struct ExecutionRateCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "execution-rate",
        title: "执行率与预算执行数不符",
        rationale: """
        年度资金总额行的执行率 = 全年执行数 ÷ 全年预算数，按打印精度比较；打印 "100%" 时执行数必须等于预算数。\
        执行数大于预算数是警告。得分按 .lintrc 的 scoring.policy 核对：proportional（默认）时 \
        得分 = min(执行率, 100%) × 分值，不符为警告；tiers 时按档位；none 时不核对得分。\
        得分与按金额算出的执行率相符、只有打印的执行率错时，只报执行率。\
        全年预算数、全年执行数或执行率印成带数字却读不出的值（"1e5%"、400 位数字、夹零宽字符）或"见附表"时，警告无法核对。\
        配置了 scoring.caps（如 [[0.8, 89], [0.7, 79], [0.6, 69], [0.5, 59]]）时，执行率低于某档的表，总分不得超过该档上限。
        """,
        defaultSeverity: .error,
        options: [],
        examples: [
            CheckExample("执行率与执行数/预算数不符", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 73,360.55 | 108,535.97 | 104,092.39 | 10 | 96.91% | 9.59 |
            """, triggersAt: [3]),
            CheckExample("打印 100% 但执行数不等于预算数", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 433.32 | 418.85 | 410.85 | 10 | 100% | 10 |
            """, triggersAt: [3]),
            CheckExample("得分不等于执行率 × 分值（按比例计分）", """
            2024年度部门整体支出绩效评价表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 73,360.55 | 108,535.97 | 104,092.39 | 10 | 95.91% | 9.00 |
            """, triggersAt: [3]),
            CheckExample("执行数大于预算数", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 100 | 100 | 120 | 10 | 120% | 10 |
            """, triggersAt: [3]),
            CheckExample("执行率、得分都相符", """
            2024年度部门整体支出绩效评价表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 73,360.55 | 108,535.97 | 104,092.39 | 10 | 95.91% | 9.59 |
            """),
            CheckExample("100% 且执行数等于预算数（按打印精度）", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            """),
            CheckExample("得分四舍五入到两位小数", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let s = context.settings
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            guard let f = form.funding else { continue }
            let name = names[index]
            let budget = f.budget?.number, executed = f.executed?.number
            let rate = f.rate?.number.flatMap { $0.isPercent ? $0 : nil }
            var computed: Interval?
            if let budget, let executed {
                computed = executed.interval(s.rounding) / budget.interval(s.rounding)
            }
            if let rateValue = f.rate, let rate, let computed, let budget, let executed {
                // Platforms differ in how they cut the rate (96.457% prints as 96.45% on some),
                // so under the default rounding a truncated last digit is accepted too.
                var printed = rate.interval(s.rounding)
                if s.rounding == .round { printed = Interval(lo: printed.lo, hi: rate.interval(.truncate).hi) }
                printed = printed.widened(by: s.absoluteTolerance / 100)
                if !printed.overlaps(computed) {
                    let exact = executed.magnitude / budget.magnitude
                    let message = rate.value == 100
                        ? "\(name)：执行率打印为 100%，但全年执行数 \(executed.text) ≠ 全年预算数 \(budget.text)（实际 \(exact.percentText)）"
                        : "\(name)：执行率 \(rate.text) 与 全年执行数 \(executed.text) ÷ 全年预算数 \(budget.text) = \(exact.percentText) 不符"
                    out.append(Finding(message, at: rateValue.location,
                                       related: [RelatedLocation(location: f.executed!.location, message: "全年执行数 \(executed.text)"),
                                                 RelatedLocation(location: f.budget!.location, message: "全年预算数 \(budget.text)")],
                                       expected: exact.percentText, actual: rate.text, subject: "\(name)/年度资金总额/执行率"))
                }
            }
            if let budget, let executed, let ev = f.executed,
               executed.interval(s.rounding).lo > budget.interval(s.rounding).hi + s.absoluteTolerance {
                out.append(Finding("\(name)：全年执行数 \(executed.text) 大于全年预算数 \(budget.text)", at: ev.location, severity: .warning,
                                   related: [RelatedLocation(location: f.budget!.location, message: "全年预算数 \(budget.text)")],
                                   expected: "≤ \(budget.text)", actual: executed.text, subject: "\(name)/年度资金总额/超预算"))
            }
            for (value, label) in [(f.budget, "全年预算数"), (f.executed, "全年执行数"), (f.rate, "执行率")] {
                if let finding = unreadable(value, label, name: name) { out.append(finding) }
            }
            if let finding = scoreFinding(f, name: name, computed: computed, rate: rate, settings: s) { out.append(finding) }
            if let finding = capFinding(form, f, name: name, computed: computed, rate: rate, settings: s) { out.append(finding) }
        }
        return out
    }

    /// A value the rate is checked with that is printed but is no number ("见附表", "1e5%", an
    /// amount of 400 digits, a digit joined to a zero-width character): the check cannot be
    /// made, and saying so is better than skipping it in silence.
    private func unreadable(_ value: Value?, _ label: String, name: String) -> Finding? {
        guard let value, !value.isPlaceholder, value.number == nil else { return nil }
        let text = value.text.trimmingCharacters(in: .whitespacesAndNewlines)
        // Only a value that tries to be one (digits, or a pointer to another table): a cell of
        // words without a digit ("执行率分值") is a header read into a misplaced column, which
        // says nothing about the form.
        guard text.contains(where: { $0.isASCII && $0.isNumber }) || text.contains("见") || text.contains("附表") else { return nil }
        let shown = text.count > 24 ? "\(text.prefix(24))…（共 \(text.count) 个字符）" : text
        return Finding("\(name)：\(label)打印为 “\(shown)”，不是可以读取的数值，依赖它的核对未能进行",
                       at: value.location, severity: .warning, actual: shown, subject: "\(name)/年度资金总额/\(label)/无法读取")
    }

    /// 总分 against the caps by execution rate (scoring.caps), e.g. below 80% at most 89.
    private func capFinding(_ form: Form, _ f: FundingBlock, name: String, computed: Interval?, rate: PrintedNumber?,
                            settings s: LintSettings) -> Finding? {
        guard !s.scoreCaps.isEmpty, let totalValue = form.indicators?.total?.score, let total = totalValue.number, !total.isPercent else { return nil }
        // Capped only when the rate is surely below the line: its whole interval lies under it.
        guard let r = rate?.interval(s.rounding) ?? computed else { return nil }
        let applicable = s.scoreCaps.filter { r.hi < $0.belowRate }
        guard let cap = applicable.min(by: { $0.maxTotal < $1.maxTotal }) else { return nil }
        guard total.interval(s.rounding).lo > cap.maxTotal + s.absoluteTolerance else { return nil }
        let rateText = rate?.text ?? r.mid.percentText
        return Finding("\(name)：执行率 \(rateText) 低于 \(cap.belowRate.percentText)，按计分规则总分不得超过 \(cap.maxTotal.plain)，表中总分为 \(total.text)",
                       at: totalValue.location,
                       related: [RelatedLocation(location: f.rate?.location ?? f.executed?.location ?? f.location, message: "执行率 \(rateText)")],
                       expected: "≤ \(cap.maxTotal.plain)", actual: total.text, subject: "\(name)/总分/执行率封顶")
    }

    /// 得分 against the scoring policy; a warning, since local policies differ.
    private func scoreFinding(_ f: FundingBlock, name: String, computed: Interval?, rate: PrintedNumber?, settings s: LintSettings) -> Finding? {
        guard let scoreValue = f.score, let score = scoreValue.number, !score.isPercent,
              let weight = f.weight?.number else { return nil }
        // The platforms score from the printed rate; without one, from the amounts.
        guard let rateInterval = rate?.interval(s.rounding) ?? computed else { return nil }
        // The score a rate earns under the policy, or nil when the policy says nothing.
        func earned(_ r: Interval) -> Interval? {
            switch s.scoring {
            case .none: return nil
            case .proportional: return r.capped(at: 1) * weight.interval(.exact)
            case .tiers(let tiers): return tiers.first(where: { r.mid >= $0.minRate }).map { Interval(exactly: $0.score) }
            }
        }
        guard let expected = earned(rateInterval) else { return nil }
        let formula: String
        switch s.scoring {
        case .none: return nil
        case .proportional: formula = "执行率 \(rate?.text ?? rateInterval.mid.percentText) × 分值 \(weight.text)"
        case .tiers(let tiers):
            let mid = rateInterval.mid
            guard let tier = tiers.first(where: { mid >= $0.minRate }) else { return nil }
            formula = "执行率 \(rate?.text ?? mid.percentText) 所在档位（≥\(tier.minRate.percentText)）"
        }
        let printed = score.interval(s.rounding).widened(by: s.absoluteTolerance)
        guard !printed.overlaps(expected) else { return nil }
        // A score worked out from the amounts is right even where the printed rate is not: that rate
        // is the finding (reported above), and the score would be a second, false one.
        if rate != nil, let computed, let fromAmounts = earned(computed), printed.overlaps(fromAmounts) { return nil }
        let places = max(score.decimals, 2)
        let expectedText = expected.mid.formatted(places: places)
        return Finding("\(name)：资金得分 \(score.text) 与\(formula) = \(expectedText) 不符（计分规则：\(s.scoring.name)）",
                       at: scoreValue.location, severity: .warning,
                       related: [RelatedLocation(location: (f.rate ?? f.executed ?? scoreValue).location, message: "执行率 \(Describe.shown(f.rate))")],
                       expected: expectedText, actual: score.text, subject: "\(name)/年度资金总额/得分")
    }
}

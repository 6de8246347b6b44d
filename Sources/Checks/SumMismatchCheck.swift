import Foundation
import Core

/// A total differs from the sum of its items beyond the printed precision.
public struct SumMismatchCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "sum-mismatch",
        title: "合计与分项之和不符",
        rationale: """
        表内合计必须等于其分项之和：按收入性质分各项 = 全年预算数；基本支出 + 项目支出 = 全年执行数；\
        项目表中 当年财政拨款 + 上年结转资金 + 其他资金 = 年度资金总额（逐列）；台账中上级科目 = 下级科目之和\
        （"其中"列举可能不全，只要求 Σ ≤ 上级）；各一级指标下三级指标分值之和 = 一级指标标题分值；\
        全部指标分值 + 资金分值 = 总分分值；全部得分 + 资金得分 = 总分得分。\
        金额按打印精度比较（区间算法，同 XBRL Calculations 1.1）：2917.75 + 4.94 = 2922.69 与打印的 "2922.7" 相符。
        """,
        defaultSeverity: .error,
        options: [],
        examples: [
            CheckExample("项目资金来源之和与年度资金总额不符（年初预算数列）", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            | | 其中：当年财政拨款 | 175.98 | 82.12 | 72.12 | | | |
            | | 上年结转资金 | 0 | 0 | 0 | | | |
            | | 其他资金 | 252.78 | 252.78 | 6.8 | | | |
            """, triggersAt: [4]),
            CheckExample("按收入性质分各项之和与全年预算数不符", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 2551.6 | 2922.7 | 2922.7 | 10 | 100% | 10 |
            | | 按收入性质分： | 按支出性质分： |
            | | 其中：一般公共预算：2917.75 | 其中：基本支出：2148.72 |
            | | 其他资金：14.94 | 项目支出：773.97 |
            """, triggersAt: [5]),
            CheckExample("一级指标下分值之和与标题分值不符", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 数量指标 | 新增企业数 | ≥10家 | 12家 | 10 | 10 | |
            | | 质量指标 | 验收合格率 | 100% | 100% | 15 | 15 | |
            """, triggersAt: [3]),
            CheckExample("台账：三公经费与分项之和不符", """
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 三公经费 | 64.45 | 59.43 | 59.33 |
            |    1、公务用车购置和维护经费 | 56.67 | 42.97 | 42.97 |
            |    2、出国经费 | | 8.56 | 8.56 |
            |    3、公务接待 | 7.78 | 7.8 | 7.8 |
            """, triggersAt: [3]),
            CheckExample("按打印精度相符：2917.75 + 4.94 = 2922.69 ≈ 2922.7", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 2551.6 | 2922.7 | 2922.7 | 10 | 100% | 10 |
            | | 按收入性质分： | 按支出性质分： |
            | | 其中：一般公共预算：2917.75 | 其中：基本支出：2148.72 |
            | | 其他资金：4.94 | 项目支出：773.97 |
            """),
            CheckExample("其中列举可以不全：Σ 其中 ≤ 上级", """
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 公用经费 | 750.34 | 711.36 | 711.36 |
            |     其中：办公经费 | 43.43 | 35.5 | 35.5 |
            |           水费、电费、差旅费 | 93.84 | 93.37 | 93.37 |
            """),
            CheckExample("科目编码台账相符（301 = Σ 301xx）", """
            2024年一般公共预算基本支出情况表
            | 经济科目编码 | 经济科目名称 | 总计 | 人员类 | 公用经费 |
            | | 合计 | 1,210.28 | 1,210.28 | |
            | 301 | 工资福利支出 | 1,210.28 | 1,210.28 | |
            | 30101 | 基本工资 | 805.28 | 805.28 | |
            | 30102 | 津贴补贴 | 405.00 | 405.00 | |
            """),
            CheckExample("增减百分比列不相加；功能分类台账其余各列相符", """
            2026年一般公共预算支出表
            | 功能分类科目编码 | 功能分类科目名称 | 2026年预算数 | 比上年增减(%) |
            | 201 | 一般公共服务支出 | 300.00 | -60.86% |
            | 20140 | 信访事务 | 300.00 | -60.86% |
            | 2014001 | 行政运行 | 100.00 | 4.88% |
            | 2014002 | 一般行政管理事务 | 200.00 | 1009.71% |
            """),
            CheckExample("功能分类台账：类/款/项分列，上级 ≠ 下级之和", """
            2026年度支出预算总表
            | 科目编码 | | | 科目名称 | 合计 | 基本支出 | 项目支出 |
            | 204 | | | 公共安全支出 | 7927.40 | 6556.70 | 1370.70 |
            | 204 | 02 | | 公安 | 7927.40 | 6556.70 | 1370.70 |
            | 204 | 02 | 01 | 行政运行 | 6556.70 | 6556.70 | |
            | 204 | 02 | 99 | 其他公安支出 | 1051.46 | | 1051.46 |
            """, triggersAt: [4, 4]),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let report = context.report
        let names = Describe.formNames(report)
        for (index, form) in report.forms.enumerated() {
            let name = names[index]
            if let f = form.funding { out += funding(f, name, context.settings) }
            for ledger in form.ledgers { out += self.ledger(ledger, name, context.settings) }
            if let t = form.indicators { out += indicators(t, funding: form.funding, name, context.settings) }
        }
        return out
    }

    /// Compares a printed total with its printed items; nil when they agree or when
    /// nothing is comparable (no total, no printed item, an item that is not a number).
    private func disagreement(total: Value?, items: [Value?], relation: SumComparison.Relation = .equal,
                              _ s: LintSettings) -> (total: PrintedNumber, comparison: SumComparison)? {
        guard let t = total?.number, items.contains(where: { $0?.number != nil }) else { return nil }
        let nums = items.map { $0.amountOrZero }
        guard nums.allSatisfy({ $0 != nil }) else { return nil }
        let cmp = SumComparison(total: t, items: nums.compactMap { $0 }, relation: relation, settings: s)
        return cmp.agrees ? nil : (t, cmp)
    }

    // MARK: funding

    private func funding(_ f: FundingBlock, _ form: String, _ s: LintSettings) -> [Finding] {
        var out: [Finding] = []
        func itemsSum(_ items: [LabeledValue], total: Value?, totalName: String, what: String) {
            guard let total, let (t, cmp) = disagreement(total: total, items: items.map(\.value), s) else { return }
            let parts = items.map { "\($0.label) \(Describe.shown($0.value))" }.joined(separator: " + ")
            // Reported where the breakdown starts, the place a reader checks; the total is related.
            let first = items[0].value?.location ?? items[0].location
            out.append(Finding("\(form)：\(what)各项之和 \(parts) = \(cmp.computedText)，与\(totalName) \(t.text) 不符（已按打印精度比较）",
                               at: first,
                               related: [RelatedLocation(location: total.location, message: "\(totalName) \(t.text)")]
                                   + items.map { RelatedLocation(location: $0.value?.location ?? $0.location, message: "\($0.label) \(Describe.shown($0.value))") },
                               expected: cmp.computedText, actual: t.text, subject: "\(form)/年度资金总额/\(totalName)/\(what)"))
        }
        itemsSum(f.incomeItems, total: f.budget, totalName: "全年预算数", what: "按收入性质分")
        itemsSum(f.expenditureItems, total: f.executed, totalName: "全年执行数", what: "按支出性质分")
        if !f.sources.isEmpty {
            for column in FundingColumn.allCases {
                let values = f.sources.map { $0.value(column) }
                // Sources that do not name all three may leave one out: their sum may only not exceed the total.
                let partial = f.sourcesPartial == true
                guard let total = f.value(column),
                      let (t, cmp) = disagreement(total: total, items: values, relation: partial ? .atMost : .equal, s) else { continue }
                let parts = zip(f.sources, values).map { "\($0.label) \(Describe.shown($1))" }.joined(separator: " + ")
                let verdict = partial ? "超过年度资金总额 \(t.text)（资金来源未列全，只要求不超过总额）" : "与年度资金总额 \(t.text) 不符（已按打印精度比较）"
                // A 绩效目标表 prints one unnamed amount: it is named as printed, not as a 年初预算数.
                let columnName = f.columnTitle(column)
                out.append(Finding("\(form)：\(columnName)列 \(parts) = \(cmp.computedText)，\(verdict)",
                                   at: values[0]?.location ?? f.sources[0].location,
                                   related: [RelatedLocation(location: total.location, message: "年度资金总额（\(columnName)） \(t.text)")] + zip(f.sources, values).map { RelatedLocation(location: $1?.location ?? $0.location, message: "\($0.label) \(Describe.shown($1))") },
                                   expected: cmp.computedText, actual: t.text, subject: "\(form)/年度资金总额/\(column.rawValue)/资金来源"))
            }
        }
        return out
    }

    // MARK: ledgers

    private func ledger(_ l: LedgerTable, _ form: String, _ s: LintSettings) -> [Finding] {
        var out: [Finding] = []
        var children: [Int: [Int]] = [:]
        for (i, r) in l.rows.enumerated() {
            if let p = r.parent { children[p, default: []].append(i) }
        }
        let topLevel = l.rows.indices.filter { l.rows[$0].parent == nil && !l.rows[$0].isTotal }
        for (i, row) in l.rows.enumerated() {
            let kids: [Int]
            if row.isTotal { kids = topLevel } else { kids = children[i] ?? [] }
            guard !kids.isEmpty else { continue }
            let partial = !row.isTotal && kids.contains { l.rows[$0].partial }
            for (c, column) in l.columns.enumerated() where c < row.values.count {
                let values = kids.map { c < l.rows[$0].values.count ? l.rows[$0].values[c] : nil }
                // Rates and changes ("比上年增减(%)") do not add up; only amounts do.
                if row.values[c]?.number?.isPercent == true || values.contains(where: { $0?.number?.isPercent == true }) { continue }
                guard let total = row.values[c],
                      let (t, cmp) = disagreement(total: total, items: values, relation: partial ? .atMost : .equal, s) else { continue }
                let label = row.code.map { "\($0) \(row.label)" } ?? row.label
                let columnName = column.isEmpty ? "第\(c + 1)列" : column
                let message = partial
                    ? "\(form)：\(label)（\(columnName)）的“其中”各项之和 \(cmp.computedText) 超过 \(label) \(t.text)"
                    : "\(form)：\(label)（\(columnName)）\(t.text) 与下级各项之和 \(cmp.computedText) 不符（已按打印精度比较）"
                out.append(Finding(message, at: total.location,
                                   related: zip(kids, values).map { k, v in RelatedLocation(location: v?.location ?? l.rows[k].location, message: "\(l.rows[k].label) \(Describe.shown(v))") },
                                   expected: cmp.computedText, actual: t.text, subject: "\(form)/\(l.title)/\(label)/\(columnName)"))
            }
        }
        return out
    }

    // MARK: indicator weights and scores

    private func indicators(_ t: IndicatorTable, funding: FundingBlock?, _ form: String, _ s: LintSettings) -> [Finding] {
        var out: [Finding] = []
        for (g, group) in t.groups.enumerated() {
            guard let heading = group.weight, let hw = heading.number else { continue }
            let rows = t.rows.filter { $0.group == g }
            // A row without a weight cell was not read whole (a cell stream that lost its blanks):
            // no sum over it can be trusted. A blank or placeholder weight counts as 0.
            guard !rows.isEmpty, rows.allSatisfy({ $0.weight != nil }) else { continue }
            let weights = rows.map { $0.weight.amountOrZero }
            guard weights.allSatisfy({ $0 != nil }) else { continue }
            let cmp = SumComparison(total: hw, items: weights.compactMap { $0 }, settings: s, itemsExact: true, totalExact: true)
            guard !cmp.agrees else { continue }
            out.append(Finding("\(form)：\(group.name)各三级指标分值之和 \(cmp.computedText) 与标题分值 \(hw.text) 分不符",
                               at: heading.location,
                               related: rows.map { RelatedLocation(location: $0.weight?.location ?? $0.location, message: "\($0.name.compact) 分值 \(Describe.shown($0.weight))") },
                               expected: cmp.computedText, actual: hw.text, subject: "\(form)/\(group.name)/分值"))
        }
        guard let total = t.total else { return out }
        func totalCheck(_ printed: Value?, rowValues: [Value?], fundingValue: Value?, what: String) {
            // A score printed as "100%" is reported by score-exceeds-weight; no sum can use it.
            guard let printed, let tv = printed.number, let fundingValue, let fv = fundingValue.number, !fv.isPercent, !tv.isPercent else { return }
            guard rowValues.allSatisfy({ $0 != nil }) else { return }
            let nums = rowValues.map { $0.amountOrZero }
            guard nums.allSatisfy({ $0 != nil && !$0!.isPercent }) else { return }
            let cmp = SumComparison(total: tv, items: nums.compactMap { $0 } + [fv], settings: s, itemsExact: true)
            guard !cmp.agrees else { return }
            out.append(Finding("\(form)：各指标\(what)之和加资金\(what) \(fv.text) = \(cmp.computedText)，与总分\(what) \(tv.text) 不符",
                               at: printed.location, related: [RelatedLocation(location: fundingValue.location, message: "年度资金总额\(what) \(fv.text)")],
                               expected: cmp.computedText, actual: tv.text, subject: "\(form)/总分/\(what)"))
        }
        totalCheck(total.weight, rowValues: t.rows.map(\.weight), fundingValue: funding?.weight, what: "分值")
        if t.hasScore {
            totalCheck(total.score, rowValues: t.rows.map(\.score), fundingValue: funding?.score, what: "得分")
        }
        return out
    }
}

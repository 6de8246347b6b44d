import Foundation
import Core

/// A number the narrative states about the report differs from the form it describes.
public struct NarrativeMismatchCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "narrative-mismatch",
        title: "报告正文数字与表格不符",
        rationale: """
        报告正文复述的数字必须与所附自评表一致：综合得分/总分、预算执行(率)得分、执行率、\
        一级指标得分与分值（“产出指标得分 50 分”“产出指标（50分）”“该指标设置 15 分，自评得分 15 分”，\
        后者按其上方标题所指的一级或二级指标核对）、全年预算数、年初预算数、实际支出/执行数（万元）。\
        只读取以这些短语锚定的数字；句中（或所在标题）点明基本支出、项目支出、三公经费等部分时，\
        不与整张表的合计比较。正文属于紧随其后的整体或项目自评表（同一报告段落内已出现过表格、\
        或标题所指类型不符时不比较）。按打印精度比较，与表中整数并列的整数视为精确值；\
        百分数只与百分数比较（执行率 96.45% 不是得分 9.64）。\
        默认为 error：锚定短语与目标表都无歧义时，两个数字必有一个是错的。
        """,
        defaultSeverity: .error,
        options: [],
        examples: [
            CheckExample("正文综合得分、预算执行得分与自评表不符", """
            2024年度某单位整体支出绩效自评报告
            经分析计算，整体支出自评综合得分为 99.98 分，其中预算执行得分为 9.98 分。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（90分） | 数量指标 | 调研企业数量 | ≥300次 | 400次 | 90 | 90 | |
            | 总分 | | | | | 100 | 99.64 | |
            """, triggersAt: [2]),
            CheckExample("正文一级指标得分超过表中标题分值", """
            2024年度某局整体支出绩效自评报告
            部门整体支出自评综合得分为100分，其中产出指标类得分为50分。
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（40分） | 数量指标 | 新增规模工业企业家数 | 100家 | 120家 | 40 | 40 | |
            | 效益指标（50分） | 社会效益指标 | 促进就业 | 有效促进 | 新增就业 | 50 | 50 | |
            | 总分 | | | | | 100 | 100 | |
            """, triggersAt: [2]),
            CheckExample("正文执行率、全年预算数与资金表不符", """
            2024年度某单位整体支出绩效自评报告
            全年预算数 7342.16 万元，实际支出 7064.68 万元，执行率为 96.54%。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            """, triggersAt: [2]),
            CheckExample("标题下“该指标设置 N 分”与该二级指标分值之和不符", """
            2024年度某单位整体支出绩效自评报告
            1.数量指标绩效情况
            本项指标主要考核开展活动数量。该指标设置 15 分，自评得分 15 分。
            2024年度单位整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 数量指标 | 调研企业数量 | ≥300次 | 400次 | 10 | 10 | |
            | 总分 | | | | | 10 | 10 | |
            """, triggersAt: [3]),
            CheckExample("正文数字与表格一致（整数 100 与 100 相符，执行率 96.45% 与得分 9.64 不混比）", """
            2024年度某单位整体支出绩效自评报告
            整体支出自评综合得分为 100 分，全年预算数 7324.16 万元，执行率为 96.45%，自评得分 9.64 分。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（90分） | 数量指标 | 调研企业数量 | ≥300次 | 400次 | 90 | 90 | |
            | 总分 | | | | | 100 | 100 | |
            """),
            CheckExample("句中点明基本支出或项目支出：不与整张表的合计比较", """
            2024年度某单位整体支出绩效自评报告
            2024 年基本支出年初预算 5983.4 万元，全年预算 6082.4 万元，全年支出执行率 99.94%。
            2024 年项目支出年初预算为 1181.76 万元，全年预算 1241.76 万元，支出执行率 79.39%。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            """),
            CheckExample("没有可核对数字的句子、出现在表格之后的正文", """
            2024年度某单位整体支出绩效自评报告
            预算执行情况良好，各项指标得分较高，综合评价为优。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            表后说明：上年全年预算 8000 万元，执行率为 90%。
            """),
            CheckExample("“总分 100 分”是满分不是得分；上年或其他年度的数字不与本年表格比较", """
            2024年度某单位整体支出绩效自评报告
            评价总分为 100 分，2023 年全年预算 8000 万元，上年度执行率为 90%。
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（90分） | 数量指标 | 调研企业数量 | ≥300次 | 400次 | 90 | 90 | |
            | 总分 | | | | | 100 | 99.64 | |
            """),
            CheckExample("项目报告的数字与其后项目表一致", """
            行政运行经费
            绩效自评报告
            2024年预算收入418.85万元，其中年初预算433.32万元，实际支出418.85万元，预算执行率达100%。
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 433.32 | 418.85 | 418.85 | 10 | 100% | 10 |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        let report = context.report
        guard !report.forms.isEmpty else { return [] }
        let names = Describe.formNames(report)
        let years = report.forms.map { yearIn($0.title) }
        var out: [Finding] = []
        for claim in report.narrative.claims {
            guard let t = claim.target, applies(claim, to: report.forms[t].kind), claim.isAbout(year: years[t]),
                  let figure = figure(for: claim.kind, form: t, in: report) else { continue }
            let name = names[t]
            let agrees: Bool?
            switch figure.value {
            case .printed(let n): agrees = PrintedAgreement.agrees(claim.number, n, exact: figure.exact, context.settings)
            case .sum(let items):
                agrees = claim.number.isPercent ? nil
                    : SumComparison(total: claim.number, items: items, settings: context.settings, itemsExact: true).agrees
            }
            guard agrees == false else { continue }
            let stated = claim.number.isPercent ? claim.number.text : "\(claim.number.text) \(claim.unit)"
            out.append(Finding("报告正文“\(claim.phrase)”所述\(claim.kind.title) \(stated)，与\(name)\(figure.what) \(figure.text)（\(figure.location.placeName)）不符",
                               at: claim.location,
                               related: [RelatedLocation(location: figure.location, message: "\(name)\(figure.what) \(figure.text)")],
                               expected: figure.text, actual: claim.number.text,
                               subject: "\(name)/正文/\(claim.kind.title)"))
        }
        return out
    }

    /// A sentence about 基本支出 or 三公经费 is not about the form's totals; a project's report may
    /// call its own amounts 项目支出, the unit's report may not.
    private func applies(_ claim: NarrativeClaim, to kind: FormKind) -> Bool {
        switch claim.subject {
        case .unspecified: return true
        case .wholeUnit: return kind == .overall
        case .projectSpending: return kind == .project
        case .basicSpending, .threePublic, .other: return false
        }
    }

    private struct Figure {
        enum Number { case printed(PrintedNumber), sum([PrintedNumber]) }
        var value: Number
        /// The number as the table gives it (a sum is printed at its items' precision).
        var text: String
        var what: String
        var location: SourceLocation
        /// Weights are exact entries on both sides.
        var exact = false
    }

    private func figure(for kind: ClaimKind, form index: Int, in report: Report) -> Figure? {
        let form = report.forms[index]
        func printed(_ v: Value?, _ what: String, exact: Bool = false) -> Figure? {
            guard let v, let n = v.number else { return nil }
            return Figure(value: .printed(n), text: n.text, what: what, location: v.location, exact: exact)
        }
        switch kind {
        case .totalScore: return printed(report.spans[index].total?.score, "总分得分")
        case .fundingScore: return printed(form.funding?.score, "预算执行得分")
        case .fundingWeight: return printed(form.funding?.weight, "预算执行分值", exact: true)
        case .rate: return printed(form.funding?.rate, "执行率")
        case .budget: return printed(form.funding?.budget, "全年预算数")
        case .initialBudget: return printed(form.funding?.initialBudget, "年初预算数")
        case .executed: return printed(form.funding?.executed, "全年执行数")
        case .indicatorWeight(let name), .indicatorScore(let name):
            guard let table = form.indicators else { return nil }
            let isScore: Bool
            if case .indicatorScore = kind { isScore = true } else { isScore = false }
            let key = TextNormalizer.compact(name)
            if let g = table.groups.firstIndex(where: { TextNormalizer.compact($0.name) == key }) {
                let group = table.groups[g]
                if !isScore { return printed(group.weight, "\(group.name)分值", exact: true) }
                // The heading's weight is named too: a stated score above it cannot be right.
                let heading = group.weight.map { "（\(Describe.shown($0))分）" } ?? ""
                return sum(table.rows.filter { $0.group == g }, "\(group.name)\(heading)各指标得分合计", at: group.location)
            }
            let rows = table.rows.filter { TextNormalizer.compact($0.level2) == key }
            guard let first = rows.first else { return nil }
            return isScore ? sum(rows, "\(name)各指标得分合计", at: first.location)
                           : sum(rows, "\(name)各指标分值合计", at: first.location, weights: true)
        }
    }

    /// Σ of printed scores (or weights) of rows; nil unless every row prints a plain number.
    private func sum(_ rows: [IndicatorRow], _ what: String, at location: SourceLocation, weights: Bool = false) -> Figure? {
        let numbers = rows.map { (weights ? $0.weight : $0.score)?.number }
        guard !rows.isEmpty, numbers.allSatisfy({ $0 != nil && !$0!.isPercent }) else { return nil }
        let items = numbers.compactMap { $0 }
        let places = items.map(\.decimals).max() ?? 0
        let total = items.reduce(Decimal(0)) { $0 + $1.value }
        return Figure(value: .sum(items), text: total.formatted(places: places), what: what, location: location)
    }
}

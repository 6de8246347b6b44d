import Foundation
import Core

/// The same quantity is printed differently in the 基础数据表 and elsewhere in the same report.
public struct CrossTableMismatchCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "cross-table-mismatch",
        title: "基础数据表与自评表、报告正文数字不符",
        rationale: """
        基础数据表是由自评表和决算汇总出的数字，同一数量在报告内只能有一个值。只比较“同一数量”：\
        ① 项目支出的本年决算数 = 整体自评表“按支出性质分”的项目支出（执行数）= 正文所述项目支出实际支出；\
        ② 项目支出的本年预算数 = 正文所述项目支出全年预算（正文同时给出年初预算时，与其一致也接受，\
        因各地对“预算数”的填法不同；正文没有全年预算时不比较，因为年初预算与全年预算因预算调整本就可以不同）；\
        ③ 项目支出下的明细项目按名称对应“项目支出名称”相同的项目自评表：本年预算数 = 其全年预算数\
        （或年初预算数），本年决算数 = 其全年执行数；④ 三公经费的本年预算数 = 正文所述三公经费年初预算\
        （三公经费预算是年初下达的控制数，正文若另给全年预算也接受）。\
        报告中整体自评表或基础数据表不止一张、项目名称不唯一时不比较。按打印精度比较。\
        问题报告在基础数据表的单元格上（汇总表是由其他表得出的），另一处数字列为相关位置。
        """,
        defaultSeverity: .error,
        options: [],
        examples: [
            CheckExample("基础数据表项目支出预算数与正文全年预算不符", """
            2024年度某单位整体支出绩效自评报告
            2024 年项目支出年初预算为 1181.76 万元，全年预算 1241.76 万元，全年实际支出 985.78 万元。
            2024年度单位整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 项目支出： | 1149.2 | 1343.35 | 985.78 |
            | 1、运行维护经费 | 727 | 906.86 | 906.86 |
            2024年度单位整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            """, triggersAt: [5]),
            CheckExample("三公经费预算数与正文年初预算不符", """
            2024年度某局整体支出绩效自评报告
            2024年市财政批复“三公”经费年初预算数为49万元。
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 三公经费 | 33.21 | 43.41 | 43.41 |
            |    1、公务用车购置和维护经费 | 30.45 | 36.36 | 36.36 |
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            """, triggersAt: [5]),
            CheckExample("明细项目预算数与同名项目自评表不符", """
            2024年度单位整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 项目支出： | 1149.2 | 1343.35 | 985.78 |
            | 1、业务工作经费 | 0 | 436.49 | 78.92 |
            2024年度项目支出绩效自评表
            | 项目支出名称 | 业务工作经费 |
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            """, triggersAt: [4]),
            CheckExample("项目支出决算数与整体自评表按支出性质分不符", """
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 项目支出 | 229.94 | 301.5 | 310.5 |
            | 1、综合专项 | 129.94 | 251.5 | 251.5 |
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            | | 按收入性质分： | 按支出性质分： |
            | | 其中：一般公共预算：1554.21 | 其中：基本支出：1253.47 |
            | | 其他资金：0.76 | 项目支出：301.5 |
            """, triggersAt: [3]),
            CheckExample("年初预算与全年预算不同是预算调整，正文没有全年预算时不比较", """
            2024年度某局整体支出绩效自评报告
            2024年市财政批复的项目支出年初预算为49.3万元，本年结转及年中调整追加252.2万元，本年实际支出301.5万元。
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 项目支出 | 229.94 | 301.5 | 301.5 |
            | 1、综合专项 | 129.94 | 251.5 | 251.5 |
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            """),
            CheckExample("明细项目与同名项目表一致（预算数按全年预算数）", """
            2024年度单位整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 项目支出： | 1149.2 | 906.86 | 906.86 |
            | 1、运行维护经费 | 727 | 906.86 | 906.86 |
            2024年度项目支出绩效自评表
            | 项目支出名称 | 运行维护经费 |
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 846.86 | 906.86 | 906.86 | 10 | 100% | 10 |
            """),
            CheckExample("三公经费预算数与正文年初预算一致；基本支出的数字不参与", """
            2024年度某局整体支出绩效自评报告
            “三公”经费年初预算数为49万元；基本支出年初预算为1135.07万元。
            2024年度部门整体支出绩效评价基础数据表
            | 经费控制情况（万元） | 2023年决算数 | 2024年预算数 | 2024年决算数 |
            | 三公经费 | 33.21 | 49 | 43.41 |
            |    1、公务用车购置和维护经费 | 30.45 | 39 | 36.36 |
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1184.37 | 1554.97 | 1554.97 | 10 | 100% | 10 |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        let report = context.report
        let baseForms = report.forms.indices.filter { report.forms[$0].kind == .baseData }
        // Several base-data tables or overall forms: a bundle of units, which one is whose is unknown.
        guard baseForms.count == 1 else { return [] }
        let overall = report.forms.indices.filter { report.forms[$0].kind == .overall }
        let overallIndex = overall.count == 1 ? overall[0] : nil
        // Only the unit's own report speaks about the unit's 项目支出 and 三公经费.
        let claims = report.narrative.claims.filter { $0.target != nil && $0.target == overallIndex }
        let names = Describe.formNames(report)
        let projects = projectForms(report)
        var out: [Finding] = []
        let baseName = names[baseForms[0]]
        for ledger in report.forms[baseForms[0]].ledgers {
            guard let columns = BaseDataColumns(ledger.columns) else { continue }
            var ctx = Comparer(settings: context.settings, baseName: baseName, columns: columns)
            for (r, row) in ledger.rows.enumerated() {
                let label = TextNormalizer.label(row.label)
                if label == "项目支出" {
                    ctx.projectSpending(row, claims: claims, overall: overallIndex.map { (report.forms[$0], names[$0]) })
                    for d in descendants(of: r, in: ledger) {
                        ctx.projectItem(ledger.rows[d], projects: projects, names: names, report: report)
                    }
                } else if label == "三公经费" {
                    ctx.threePublic(row, claims: claims)
                }
            }
            out += ctx.findings
        }
        return out
    }

    /// Project forms by the compact name printed in them, only names that occur once.
    private func projectForms(_ report: Report) -> [String: Int] {
        var byName: [String: [Int]] = [:]
        for (i, form) in report.forms.enumerated() where form.kind == .project {
            if let name = report.spans[i].projectName { byName[TextNormalizer.label(name.text), default: []].append(i) }
        }
        return byName.compactMapValues { $0.count == 1 ? $0[0] : nil }
    }

    private func descendants(of index: Int, in ledger: LedgerTable) -> [Int] {
        var inside: Set<Int> = [index]
        var out: [Int] = []
        for (i, row) in ledger.rows.enumerated() where i > index {
            guard let p = row.parent, inside.contains(p) else { continue }
            inside.insert(i); out.append(i)
        }
        return out
    }
}

/// The 本年预算数 and 本年决算数 columns of a base-data ledger. PDF text may split a header
/// cell at the year ("2024" | "年预算数"), so year-only names are joined with the next one.
struct BaseDataColumns {
    var budget: Int
    var actual: Int
    var budgetName: String
    var actualName: String

    init?(_ raw: [String]) {
        var names: [String] = []
        var i = 0
        while i < raw.count {
            let c = TextNormalizer.compact(raw[i])
            if !c.isEmpty, c.allSatisfy(\.isASCII), c.allSatisfy(\.isNumber), i + 1 < raw.count, TextNormalizer.compact(raw[i + 1]).hasPrefix("年") {
                names.append(c + TextNormalizer.compact(raw[i + 1])); i += 2
            } else {
                names.append(c); i += 1
            }
        }
        func year(_ s: String) -> Int { Int(s.prefix { $0.isASCII && $0.isNumber }) ?? 0 }
        let budgets = names.indices.filter { names[$0].hasSuffix("预算数") }
        let actuals = names.indices.filter { names[$0].hasSuffix("决算数") }
        guard let b = budgets.max(by: { year(names[$0]) < year(names[$1]) }),
              let a = actuals.max(by: { year(names[$0]) < year(names[$1]) }),
              year(names[a]) == year(names[b]) else { return nil }
        budget = b; actual = a; budgetName = names[b]; actualName = names[a]
    }
}

/// Compares the cells of one base-data ledger and collects the findings.
private struct Comparer {
    let settings: LintSettings
    let baseName: String
    let columns: BaseDataColumns
    var findings: [Finding] = []

    init(settings: LintSettings, baseName: String, columns: BaseDataColumns) {
        self.settings = settings; self.baseName = baseName; self.columns = columns
    }

    private func cell(_ row: LedgerRow, _ c: Int) -> (Value, PrintedNumber)? {
        guard c < row.values.count, let v = row.values[c], let n = v.number, !n.isPercent else { return nil }
        return (v, n)
    }

    /// The other statements of the quantity, each with where it sits and how to name it.
    private struct Other {
        var number: PrintedNumber
        var location: SourceLocation
        var what: String
        var unit = ""
        var shown: String { "\(what) \(number.text)\(unit)（\(location.placeName)）" }
    }

    /// Reports `row`'s cell when it agrees with none of `others` (several when the same quantity
    /// may legitimately be either, as 全年 or 年初 预算数); the first is the one quoted first.
    private mutating func compare(_ row: LedgerRow, column c: Int, with others: [Other], subject: String) {
        guard let (value, n) = cell(row, c), let first = others.first else { return }
        let agreesWithSome = others.contains { SumComparison(total: n, items: [$0.number], settings: settings).agrees }
        guard !agreesWithSome else { return }
        let label = TextNormalizer.label(row.label)
        let columnName = c == columns.budget ? columns.budgetName : columns.actualName
        var message = "\(baseName)：\(label)（\(columnName)）\(n.text) 与\(first.shown)不符"
        if others.count > 1 {
            message += "，与" + others.dropFirst().map(\.shown).joined(separator: "、") + "也不符"
        }
        findings.append(Finding(message, at: value.location,
                                related: others.map { RelatedLocation(location: $0.location, message: "\($0.what) \($0.number.text)") },
                                expected: first.number.text, actual: n.text, subject: "\(baseName)/\(label)/\(columnName)/\(subject)"))
    }

    private func claimed(_ claims: [NarrativeClaim], _ subject: ClaimSubject, _ kind: ClaimKind, _ what: String) -> [Other] {
        claims.filter { $0.subject == subject && $0.kind == kind && $0.isAbout(year: yearIn(columns.budgetName)) }.prefix(1)
            .map { Other(number: $0.number, location: $0.location, what: "报告正文所述\(what)", unit: " 万元") }
    }

    mutating func projectSpending(_ row: LedgerRow, claims: [NarrativeClaim], overall: (Form, String)?) {
        let full = claimed(claims, .projectSpending, .budget, "项目支出全年预算")
        if !full.isEmpty {
            compare(row, column: columns.budget, with: full + claimed(claims, .projectSpending, .initialBudget, "项目支出年初预算"), subject: "正文预算")
        }
        compare(row, column: columns.actual, with: claimed(claims, .projectSpending, .executed, "项目支出实际支出"), subject: "正文支出")
        if let (form, name) = overall, let item = form.funding?.expenditureItems.first(where: { TextNormalizer.label($0.label) == "项目支出" }),
           let v = item.value, let n = v.number {
            compare(row, column: columns.actual, with: [Other(number: n, location: v.location, what: "\(name)按支出性质分的项目支出")], subject: "自评表支出")
        }
    }

    mutating func projectItem(_ row: LedgerRow, projects: [String: Int], names: [String], report: Report) {
        guard let f = projects[TextNormalizer.label(row.label)], let funding = report.forms[f].funding else { return }
        let name = names[f]
        func other(_ v: Value?, _ column: String) -> [Other] {
            guard let v, let n = v.number, !n.isPercent else { return [] }
            return [Other(number: n, location: v.location, what: "\(name)“\(TextNormalizer.label(row.label))”\(column)")]
        }
        let budgets = other(funding.budget, "全年预算数") + other(funding.initialBudget, "年初预算数")
        compare(row, column: columns.budget, with: budgets, subject: "项目表预算")
        compare(row, column: columns.actual, with: other(funding.executed, "全年执行数"), subject: "项目表执行")
    }

    mutating func threePublic(_ row: LedgerRow, claims: [NarrativeClaim]) {
        let stated = claimed(claims, .threePublic, .initialBudget, "三公经费年初预算") + claimed(claims, .threePublic, .budget, "三公经费全年预算")
        compare(row, column: columns.budget, with: stated, subject: "正文三公预算")
    }
}

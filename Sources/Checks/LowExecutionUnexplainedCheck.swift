import Foundation
import Core

/// A 执行率 below the threshold that neither the narrative nor the form explains.
public struct LowExecutionUnexplainedCheck: Check {
    public init() {}

    /// The threshold when `threshold` is not configured: 90%.
    static let defaultThreshold = Decimal(string: "0.9")!

    public let descriptor = CheckDescriptor(
        id: "low-execution-unexplained",
        title: "执行率偏低且未说明原因",
        rationale: """
        年度资金总额行的执行率（打印的百分比；未打印时按全年执行数 ÷ 全年预算数计算）低于阈值（默认 90%）时，\
        报告必须说明原因。算作说明的是一句话（以 。；！？ 分句）同时含有：\
        资金执行的词（执行率、执行进度、支出进度、预算执行、结转、结余、余款、尾款、支付、拨付、付款、未执行、未支出、未使用）\
        和原因的词（原因、由于、因为、因（“因公”除外）、导致、致使、造成、尚未、未能、暂未、待（“接待”“有待”“期待”除外）、延期、延迟、推迟、滞后、\
        跨年、下年度、次年、受…影响、合同约定、按合同、按进度）。这句话在本表之内（表格单元格、偏差原因分析栏）即可；\
        在报告叙述中时，项目表还须提到该项目的名称（“项目支出名称”栏）或这个执行率数值，部门整体表不要求。\
        只写 "年末结余 255.98 万元" 而不说为什么，不算说明。
        """,
        defaultSeverity: .warning,
        options: [CheckOption(key: "threshold", defaultValue: "90%",
                              help: "执行率低于此值时要求说明原因；可写 \"90%\"、\"90\" 或 \"0.9\"")],
        examples: [
            CheckExample("执行率 23.57%，全文无说明", """
            2024年度项目支出绩效自评表
            | 项目支出名称 | 业务工作经费 | | | | | | |
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            业务工作经费年末结余255.98万元。
            """, triggersAt: [4]),
            CheckExample("说明的是另一个项目", """
            2024年度项目支出绩效自评表
            | 项目支出名称 | 业务工作经费 | | | | | | |
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            运行维护经费因合同尚未验收，部分资金结转下年支付。
            """, triggersAt: [4]),
            CheckExample("未打印执行率，按执行数 ÷ 预算数计算", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1000 | 1000 | 800 | 10 | | 8 |
            """, triggersAt: [3]),
            CheckExample("“有待加强”不是原因", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1000 | 1000 | 800 | 10 | 80% | 8 |
            存在的问题：预算执行管理有待进一步加强。
            """, triggersAt: [3]),
            CheckExample("叙述说明了该项目执行率低的原因", """
            2024年度项目支出绩效自评表
            | 项目支出名称 | 业务工作经费 | | | | | | |
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 428.73 | 334.9 | 78.92 | 10 | 23.57% | 2.36 |
            业务工作经费执行率偏低，主要原因是部分活动延期至2025年举办，资金结转下年使用。
            """),
            CheckExample("表内偏差原因栏说明了付款进度", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 9.58 | 9.58 | 4.79 | 10 | 50% | 5 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 成本指标 | 问题交办系统年运行维护费用 | ≤9.58万元 | 4.79万元 | 20 | 20 | 已按合同约定支付首付款项，余款待2025年9月合同到期后支付 |
            """),
            CheckExample("执行率不低于阈值", """
            2024年度部门整体支出绩效评价表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 73,360.55 | 108,535.97 | 104,092.39 | 10 | 95.91% | 9.59 |
            """),
            CheckExample("只写结余金额不算说明；阈值以上不检查", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 6912.38 | 7324.16 | 7064.68 | 10 | 96.45% | 9.64 |
            年末结余259.48万元。
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        let threshold = Self.threshold(context.options["threshold"])
        let report = context.report
        let names = Describe.formNames(report)
        var narrative: [String]?
        var out: [Finding] = []
        let limit = (threshold * 100).plain + "%"
        for (index, form) in report.forms.enumerated() {
            guard let f = form.funding, let (rate, rateText, computed) = Self.rate(f), rate < threshold else { continue }
            let scope = FormScope(report, index)
            let project = form.kind == .overall ? nil : scope.projectName(funding: f)
            if scope.texts(of: form).flatMap(ExecutionExplanation.split).contains(where: ExecutionExplanation.explains) { continue }
            if narrative == nil { narrative = ExecutionExplanation.sentences(report) }
            let mentions = [project, computed ? nil : rateText.replacingOccurrences(of: "%", with: "")].compactMap { $0 }
            let explained = narrative!.contains { s in
                ExecutionExplanation.explains(s) && (form.kind == .overall || mentions.contains(where: s.contains))
            }
            if explained { continue }
            let item = project.map { "“\($0)”" } ?? ""
            let how = computed ? "（未打印，按全年执行数 \(Describe.shown(f.executed)) ÷ 全年预算数 \(Describe.shown(f.budget)) 计算）"
                               : "（全年执行数 \(Describe.shown(f.executed)) ÷ 全年预算数 \(Describe.shown(f.budget))）"
            var related: [RelatedLocation] = []
            if let e = f.executed { related.append(RelatedLocation(location: e.location, message: "全年执行数 \(e.compact)")) }
            if let b = f.budget { related.append(RelatedLocation(location: b.location, message: "全年预算数 \(b.compact)")) }
            out.append(Finding("\(names[index])\(item)：执行率 \(rateText)\(how)低于 \(limit)，报告叙述和本表均未说明执行率偏低的原因",
                               at: (computed ? nil : f.rate)?.location ?? f.location, related: related,
                               expected: "说明执行率低于 \(limit) 的原因", actual: rateText,
                               subject: "\(names[index])/\(project ?? "")/执行率偏低"))
        }
        return out
    }

    /// The configured threshold as a fraction: "90%", "90" and "0.9" are all 0.9.
    /// A value that is not a number falls back to the default.
    static func threshold(_ option: String?) -> Decimal {
        guard let option, let n = PrintedNumber.parse(option), n.value >= 0 else { return defaultThreshold }
        if n.isPercent { return n.magnitude }
        return n.value <= 1 ? n.value : n.value / 100
    }

    /// The printed 执行率 as a fraction with its text, or the one computed from the amounts.
    private static func rate(_ f: FundingBlock) -> (Decimal, String, computed: Bool)? {
        if let r = f.rate?.number, r.isPercent { return (r.magnitude, r.text, false) }
        guard let b = f.budget?.number, let e = f.executed?.number, b.value > 0, !b.isPercent, !e.isPercent else { return nil }
        let q = e.value / b.value
        return (q, q.percentText, true)
    }
}

/// The part of a report that belongs to one form: the tables between its title and
/// the next form's title, and on PDF text the lines there.
private struct FormScope {
    let report: Report
    let form: Form
    /// The first line / table of the next form, as the bound of this one.
    let nextLine: Int?
    let nextTable: Int?

    init(_ report: Report, _ index: Int) {
        self.report = report
        form = report.forms[index]
        let next = report.forms.dropFirst(index + 1).first
        nextLine = next?.location.line
        nextTable = next?.location.table
    }

    private func contains(_ loc: SourceLocation) -> Bool {
        if let line = loc.line, let start = form.location.line {
            return line >= start && line < (nextLine ?? Int.max)
        }
        if let table = loc.table, let start = form.location.table ?? form.funding?.location.table {
            return table >= start && table < (nextTable ?? Int.max)
        }
        return false
    }

    /// Every text of the form: cells of its tables, its paragraphs, its indicator notes.
    func texts(of form: Form) -> [String] {
        var out: [String] = form.indicators?.rows.compactMap { $0.note?.compact } ?? []
        for block in report.document.blocks {
            switch block {
            case .table(let t):
                for row in t.rows where contains(row.location) { out += row.cells.map(\.compact) }
            case .paragraph(let p):
                // Only PDF text prints table rows as paragraphs; elsewhere a paragraph after
                // the table is narrative and must name the project to count.
                if report.document.format == "pdf-text" && contains(p.location) { out.append(TextNormalizer.compact(p.text)) }
            }
        }
        return out
    }

    /// The 项目支出名称 of a project form: the cell after the label in the funding table,
    /// or a "项目支出名称 X" line between the form's title and its funding row.
    func projectName(funding: FundingBlock) -> String? {
        let labels = ["项目支出名称", "项目名称"]
        var found: String?
        for block in report.document.blocks {
            switch block {
            case .table(let t):
                for row in t.rows where contains(row.location) {
                    guard let i = row.cells.firstIndex(where: { labels.contains($0.compact) }) else { continue }
                    if let name = row.cells[(i + 1)...].map(\.compact).first(where: { !$0.isEmpty }) { found = found ?? name }
                }
            case .paragraph(let p):
                let c = TextNormalizer.compact(p.text)
                guard contains(p.location), let label = labels.first(where: c.hasPrefix) else { continue }
                let name = c.dropFirst(label.count).drop { $0 == "：" || $0 == ":" }
                if !name.isEmpty { found = found ?? String(name) }
            }
            if found != nil { break }
        }
        return found.flatMap { $0.count >= 2 ? $0 : nil }
    }
}

/// What counts as an explanation of a low 执行率: one sentence naming both the
/// spending (执行率, 结转, 支付 …) and a cause (由于, 尚未, 待 …).
enum ExecutionExplanation {
    private static let spending = try! NSRegularExpression(pattern: "执行率|执行进度|支出进度|预算执行|资金执行|结转|结余|余款|尾款|支付|拨付|付款|未执行|未支出|未使用")
    private static let cause = try! NSRegularExpression(pattern: "原因|由于|因为|因(?!公)|导致|致使|造成|尚未|未能|暂未|(?<![接有期对])待|延期|延迟|推迟|滞后|跨年|下一?年度?|次年|受.{0,12}影响|合同约定|按合同|按进度")

    static func explains(_ sentence: String) -> Bool {
        let r = NSRange(sentence.startIndex..., in: sentence)
        return spending.firstMatch(in: sentence, range: r) != nil && cause.firstMatch(in: sentence, range: r) != nil
    }

    /// The narrative as sentences. PDF text wraps sentences across lines, so its
    /// paragraphs are re-joined first; elsewhere a paragraph end also ends a sentence.
    static func sentences(_ report: Report) -> [String] {
        let joiner = report.document.format == "pdf-text" ? "" : "\n"
        let text = report.narrative.map { TextNormalizer.compact($0.text) }.joined(separator: joiner)
        return split(text)
    }

    static func split(_ text: String) -> [String] {
        text.split(whereSeparator: { "。；;！？!?\n".contains($0) }).map(String.init)
    }
}

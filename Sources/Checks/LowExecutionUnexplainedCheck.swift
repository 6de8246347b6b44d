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
        跨年、下年度、次年、受…影响、合同约定、按合同、按进度、未付、未支付、未结算、质保金、低于预算、节约）。这句话在本表之内（表格单元格、偏差原因分析栏）即可；\
        在报告叙述中时，项目表还须提到该项目的名称（“项目支出名称”栏）或这个执行率数值，部门整体表不要求；\
        名称可以在这句话里，也可以在它所属的编号条目（“1.某专项项目综述：……”）前面几句里，\
        但这句话自己点了另一个项目的名称时只算那个项目的说明。\
        只写 "年末结余 255.98 万元" 而不说为什么，不算说明。
        """,
        defaultSeverity: .warning,
        options: [CheckOption(key: "threshold", defaultValue: "90%",
                              help: "执行率低于此值时要求说明原因；可写 \"90%\"、\"90\" 或 \"0.9\"", kind: .share)],
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
            CheckExample("指标行的偏差原因说明尾款未付、中标价低于预算", """
            2024年度项目支出绩效自评表
            | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 50 | 50 | 42.5 | 10 | 85% | 8.5 |
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 数量指标 | 改造工程资金 | 50万元 | 42.5万元 | 20 | 17 | 工程已完工，剩余5%尾款未付，且中标价低于预算金额 |
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
        // Pass 1: the low rates the form itself does not explain. The index is built
        // on the first low rate only: most reports have none.
        var pending: [(index: Int, funding: FundingBlock, rate: String, computed: Bool, project: String?, mentions: [String])] = []
        for (index, form) in report.forms.enumerated() {
            guard let f = form.funding, let (rate, rateText, computed) = Self.rate(f), rate < threshold else { continue }
            let project = form.kind == .overall ? nil : report.spans[index].projectName.map(\.compact).flatMap { $0.count >= 2 ? $0 : nil }
            let notes = form.indicators?.rows.compactMap { $0.note?.compact } ?? []
            if (notes + report.ownTexts(ofForm: index)).flatMap(ExecutionExplanation.split).contains(where: ExecutionExplanation.explains) { continue }
            // An overall form is about the whole department: any reason in the narrative counts.
            let mentions = form.kind == .overall ? [""] : [project, computed ? nil : rateText].compactMap { $0 }
            pending.append((index, f, rateText, computed, project, mentions))
        }
        guard !pending.isEmpty else { return [] }
        // Pass 2: the narrative's reasons, searched once for every name and rate they may mention.
        let projects = report.spans.compactMap { $0.projectName?.compact }.filter { $0.count >= 2 }
        let reasons = ExecutionExplanation.reasonsInContext(report, projects: projects)
        let mentioned = reasons.isEmpty ? [] : Substrings.occurring(Set(pending.flatMap(\.mentions)), in: reasons)
        var out: [Finding] = []
        let limit = (threshold * 100).plain + "%"
        for p in pending where !p.mentions.contains(where: mentioned.contains) {
            let f = p.funding, name = names[p.index]
            let item = p.project.map { "“\($0)”" } ?? ""
            let how = p.computed ? "（未打印，按全年执行数 \(Describe.shown(f.executed)) ÷ 全年预算数 \(Describe.shown(f.budget)) 计算）"
                                 : "（全年执行数 \(Describe.shown(f.executed)) ÷ 全年预算数 \(Describe.shown(f.budget))）"
            var related: [RelatedLocation] = []
            if let e = f.executed { related.append(RelatedLocation(location: e.location, message: "全年执行数 \(e.compact)")) }
            if let b = f.budget { related.append(RelatedLocation(location: b.location, message: "全年预算数 \(b.compact)")) }
            out.append(Finding("\(name)\(item)：执行率 \(p.rate)\(how)低于 \(limit)，报告叙述和本表均未说明执行率偏低的原因",
                               at: (p.computed ? nil : f.rate)?.location ?? f.location, related: related,
                               expected: "说明执行率低于 \(limit) 的原因", actual: p.rate,
                               subject: "\(name)/\(p.project ?? "")/执行率偏低"))
        }
        return out
    }

    /// The configured threshold as a fraction: "90%", "90" and "0.9" are all 0.9.
    /// A value that is not a number falls back to the default.
    static func threshold(_ option: String?) -> Decimal {
        option.flatMap(CheckOption.share) ?? defaultThreshold
    }

    /// The printed 执行率 as a fraction with its text, or the one computed from the amounts.
    private static func rate(_ f: FundingBlock) -> (Decimal, String, computed: Bool)? {
        if let r = f.rate?.number, r.isPercent { return (r.magnitude, r.text, false) }
        guard let b = f.budget?.number, let e = f.executed?.number, b.value > 0, !b.isPercent, !e.isPercent else { return nil }
        let q = e.value / b.value
        return (q, q.percentText, true)
    }
}

/// Substring search for many needles at once, linear in the text for each needle length,
/// so hundreds of project names against hundreds of sentences stay cheap.
enum Substrings {
    /// Needles longer than this are not searched: no project name is that long.
    static let maxLength = 64

    /// The needles that occur in at least one of the texts. The empty needle occurs in any text.
    static func occurring(_ needles: Set<String>, in texts: [String]) -> Set<String> {
        var found: Set<String> = needles.contains("") && !texts.isEmpty ? [""] : []
        let byLength = Dictionary(grouping: needles.filter { !$0.isEmpty && $0.count <= maxLength }, by: \.count).mapValues(Set.init)
        for text in texts {
            let chars = Array(text)
            for (length, group) in byLength where length <= chars.count {
                for start in 0...(chars.count - length) {
                    let window = String(chars[start..<(start + length)])
                    if group.contains(window) { found.insert(window) }
                }
            }
        }
        return found
    }
}

/// What counts as an explanation of a low 执行率: one sentence naming both the
/// spending (执行率, 结转, 支付 …) and a cause (由于, 尚未, 待 …).
enum ExecutionExplanation {
    private static let spending = try! NSRegularExpression(pattern: "执行率|执行进度|支出进度|预算执行|资金执行|结转|结余|余款|尾款|支付|拨付|付款|未执行|未支出|未使用")
    private static let cause = try! NSRegularExpression(pattern: "原因|由于|因为|因(?!公)|导致|致使|造成|尚未|未能|暂未|(?<![接有期对])待|延期|延迟|推迟|滞后|跨年|下一?年度?|次年|受.{0,12}影响|合同约定|按合同|按进度|未付|未支付|未结算|质保金|低于预算|节约")

    /// The first scalar of every `spending` alternative: a sentence with none of them cannot
    /// match, and most sentences of a form are ruled out before either regex runs.
    private static let spendingInitials: Set<Unicode.Scalar> = Set("执支预资结余尾拨付未".unicodeScalars)

    static func explains(_ sentence: String) -> Bool {
        guard sentence.unicodeScalars.contains(where: spendingInitials.contains) else { return false }
        let r = NSRange(sentence.startIndex..., in: sentence)
        return spending.firstMatch(in: sentence, range: r) != nil && cause.firstMatch(in: sentence, range: r) != nil
    }

    /// The narrative's sentences as the recogniser read them, without whitespace.
    static func sentences(_ report: Report) -> [String] {
        report.narrative.sentences.map(\.compactBody)
    }

    /// Each narrative sentence that gives a reason, led by the sentences before it in the same
    /// item: "1.某专项项目综述：…完成预算的 77.1%。…存在的问题及原因：预算执行率较低，主要是…"
    /// names the project in the item's first sentence and the reason three sentences later.
    /// The look-back stops at the item's numbered start and at a section change; a reason
    /// that names a project itself is about that project only. Twelve sentences: a 综述 lists
    /// its achievements as clauses cut at "；" (nine of them before the reason in the
    /// 国家信访局 2024 决算), and the numbered start ends the look-back anyway.
    static func reasonsInContext(_ report: Report, projects: [String], lookBack: Int = 12) -> [String] {
        let narrative = report.narrative
        let all = narrative.sentences
        let bodies = all.map(\.compactBody)
        let sections = all.map { narrative.context(of: $0).section }
        var out: [String] = []
        for (i, body) in bodies.enumerated() where explains(body) {
            var text = body
            if projects.contains(where: { body.contains($0) }) { out.append(text); continue }
            var k = i - 1
            while k >= 0, i - k <= lookBack, sections[k] == sections[i] {
                text = bodies[k] + text
                if TextPatterns.hasNumberPrefix(bodies[k]) || bodies[k].hasPrefix("（") { break }
                k -= 1
            }
            out.append(text)
        }
        return out
    }

    /// A form's own text cut into sentences.
    static func split(_ text: String) -> [String] {
        SentenceSplitter.split(text).map { SentenceSplitter.trimmingTerminator(String($0.text)) }
    }
}

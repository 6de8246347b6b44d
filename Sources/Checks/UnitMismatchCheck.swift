import Foundation
import Core

/// A number printed in a different unit from the one it is compared with: an actual
/// that drops or changes its target's unit, and a 元 amount that is really 万元.
public struct UnitMismatchCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "unit-mismatch",
        title: "数值单位缺失或不一致",
        rationale: """
        指标行的年度指标值和实际完成值是同一个量，单位必须一致。报告两种情况：\
        一侧打印了单位、另一侧改成了另一类单位（"≥1000家" 对 "1200人"，"≥90%" 对 "95分"）；\
        一侧是百分比、金额或带万/亿的单位，另一侧是没有单位的数（"≥32%" 对 "37.4"，"≤50万元" 对 "8.23"），\
        读者无法知道这个数是不是同一量级。没有万/亿的计数单位（家、个、场…）缺失不报告，三级指标名称末尾\
        已注明单位（"验收合格率（%）"）时也不报告；"人" 与 "人次"、"个" 与 "家" 这类相近的单位不算改变。\
        叙述中同一句（以 。；分句）以万元计的金额之间，"较…减少/增加 X元" 的 X 恰好等于两个万元金额之差或之和时，\
        X 的单位应为万元（"预算10万元，实际支出1.12万元，较预算减少8.88元"）；人均、每…、单价等按元计的标准不检查。\
        得分栏打印为百分比由 score-exceeds-weight 报告，本检查不重复。
        """,
        defaultSeverity: .warning,
        examples: [
            CheckExample("实际完成值漏写 %", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 效益指标（6分） | 经济效益指标 | 制造业增加值占GDP比重 | ≥32% | 37.4 | 6 | 6 | |
            """, triggersAt: [3]),
            CheckExample("“家” 变成了 “人”", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 数量指标 | 新增规模以上工业企业数量 | ≥1000家 | 1200人 | 1 | 1 | |
            """, triggersAt: [3]),
            CheckExample("年度指标值漏写 %（第二行）", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 满意度指标（20分） | 服务对象满意度指标 | 服务对象满意度 | ≥90% | 92% | 10 | 10 | |
            | | | 企业满意度 | ≥85 | 90% | 10 | 10 | |
            """, triggersAt: [4]),
            CheckExample("万元中的 “元” 差额", """
            2024年度部门整体支出绩效自评报告
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 成本指标 | 三公经费支出 | ≤44万元 | 43.41万元 | 10 | 10 | |
            2024年公务接待费预算10万元，实际支出1.12万元，较预算减少8.88元；公务用车运行维护费预算21万元，实际支出11.37万元，较预算减少9.63万元。
            """, triggersAt: [4]),
            CheckExample("单位写法不同但相同、计数单位省略", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（30分） | 数量指标 | 开展专家评审场次 | ≥2场 | 3场次 | 10 | 10 | |
            | | | 可供正常使用的会议室数量 | ≥4个 | 4 | 10 | 10 | |
            | | | 物业保障周期 | =12月 | 12个月 | 10 | 10 | |
            """),
            CheckExample("名称注明单位、定性指标", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 质量指标 | 验收合格率（%） | 100 | 100% | 10 | 10 | |
            | | | 资金使用合规性 | 合规 | 合规 | 10 | 10 | |
            """),
            CheckExample("按元计的标准和与万元无关的元金额", """
            2024年度部门整体支出绩效自评报告
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（10分） | 成本指标 | 三公经费支出 | ≤44万元 | 43.41万元 | 10 | 10 | |
            发放离退休慰问金31.62万元，慰问标准为每人500元，较上年增加100元。
            办公费预算10万元，实际支出9.5万元，较预算减少5000元。
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            guard let t = form.indicators, t.hasActual else { continue }
            let quantities = context.report.quantities(ofForm: index)
            for (k, row) in t.rows.enumerated() {
                if let f = indicatorFinding(row, quantities[k], form: names[index]) { out.append(f) }
            }
        }
        let narrative = context.report.narrative
        for sentence in narrative.sentences {
            out += YuanAmongWanYuan.findings(in: sentence, of: narrative)
        }
        return out
    }

    private func indicatorFinding(_ row: IndicatorRow, _ quantities: IndicatorQuantities?, form: String) -> Finding? {
        guard let q = quantities, let target = row.target, let actual = row.actual else { return nil }
        let name = row.name.compact
        let tu = MeasureUnit.parse(q.target.unit), au = MeasureUnit.parse(q.actual.unit)
        let subject = "\(form)/\(row.level2)/\(name)/单位"
        switch (tu, au) {
        case let (t?, a?) where t.isChange(from: a):
            return Finding("\(form)：“\(name)”的实际完成值 \(actual.compact) 的单位 “\(a.printed)” 与年度指标值 \(target.compact) 的单位 “\(t.printed)” 不是同一类量，无法比较",
                           at: actual.location, related: [RelatedLocation(location: target.location, message: "年度指标值 \(target.compact)")],
                           expected: "单位 \(t.printed)", actual: a.printed, subject: subject)
        case let (t?, nil) where t.needsToBePrinted && q.declaredUnit == nil:
            return Finding("\(form)：“\(name)”的实际完成值 \(actual.compact) 没有单位，年度指标值 \(target.compact) 的单位是 “\(t.printed)”",
                           at: actual.location, related: [RelatedLocation(location: target.location, message: "年度指标值 \(target.compact)")],
                           expected: "\(q.actual.number.text)\(t.printed)", actual: actual.compact, subject: subject)
        case let (nil, a?) where a.needsToBePrinted && q.declaredUnit == nil:
            return Finding("\(form)：“\(name)”的年度指标值 \(target.compact) 没有单位，实际完成值 \(actual.compact) 的单位是 “\(a.printed)”",
                           at: target.location, related: [RelatedLocation(location: actual.location, message: "实际完成值 \(actual.compact)")],
                           expected: "单位 \(a.printed)", actual: target.compact, subject: subject)
        default:
            return nil
        }
    }
}

/// "较预算减少8.88元" in a sentence whose other amounts are 万元, where 8.88 is the
/// difference (or sum) of two of those 万元 amounts: the 元 should have been 万元.
enum YuanAmongWanYuan {
    private static let amount = try! NSRegularExpression(pattern: #"(?<![0-9.,])([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)\s*(亿元|万元|千元|元)"#)
    /// A comparison with a base ("较预算减少", "比上年增加") before the amount in its clause.
    private static let comparison = try! NSRegularExpression(pattern: #"(较|比|同比|环比).{0,15}(减少|增加|节约|节省|下降|上升|增长|超支|超出|结余|多|少)了?$"#)
    /// Per-head or unit-price wording: those amounts are legitimately in 元.
    private static let perUnit = ["人均", "每", "标准", "单价", "均价", "/"]
    private static let clauseEnds: Set<Character> = ["，", ",", "、", "：", ":", "（", "("]

    private struct Amount {
        var number: PrintedNumber
        var unit: String
        /// Character offsets in the sentence.
        var start: Int
        var end: Int
        var text: String
    }

    static func findings(in sentence: NarrativeSentence, of narrative: Narrative) -> [Finding] {
        // Most sentences name no 万元 amount: ruled out on the slice before any copy.
        guard sentence.slice.unicodeScalars.contains("万") else { return [] }
        let text = sentence.text
        guard text.contains("元"), text.contains("万元") else { return [] }
        let chars = Array(text)
        var out: [Finding] = []
        // The sentence without its terminator. A real sentence is a few hundred characters; a
        // longer run is not prose worth the quadratic pair search.
        let body = 0..<SentenceSplitter.trimmingTerminator(text).count
        guard body.count <= 2000 else { return [] }
        let amounts = self.amounts(in: String(chars[body]), offset: body.lowerBound)
        let wan = amounts.filter { $0.unit == "万元" }
        guard wan.count >= 2 else { return out }
        for x in amounts where x.unit == "元" {
            let clauseStart = (body.lowerBound..<x.start).last { clauseEnds.contains(chars[$0]) }.map { $0 + 1 } ?? body.lowerBound
            let clause = String(chars[clauseStart..<x.start])
            let after = x.end < chars.count ? String(chars[x.end]) : ""
            guard comparison.firstMatch(in: clause, range: NSRange(clause.startIndex..., in: clause)) != nil,
                  !perUnit.contains(where: { clause.contains($0) || after == $0 }) else { continue }
            let near = wan.sorted { abs($0.start - x.start) < abs($1.start - x.start) }.prefix(12)
            guard let (a, b, op) = pair(Array(near), explaining: x) else { continue }
            let shown = "\(a.text)\(op)\(b.text)"
            out.append(Finding("叙述：“\(clause)\(x.text)”的单位疑为“万元”误作“元”：同句金额以万元计，\(shown) = \(x.number.text)万元，与 \(x.number.text)元 差一万倍",
                               at: narrative.location(of: sentence, at: x.start),
                               related: [RelatedLocation(location: narrative.location(of: sentence, at: a.start), message: a.text),
                                         RelatedLocation(location: narrative.location(of: sentence, at: b.start), message: b.text)],
                               expected: "\(x.number.text)万元", actual: x.text,
                               subject: "叙述/\(clause)\(x.text)"))
        }
        return out
    }

    /// Two 万元 amounts whose difference or sum equals the 元 amount read as 万元 (and not as 元).
    private static func pair(_ wan: [Amount], explaining x: Amount) -> (Amount, Amount, String)? {
        let asWan = x.number.interval(.round)
        let asYuan = Interval(lo: asWan.lo / 10_000, hi: asWan.hi / 10_000)
        for (i, a) in wan.enumerated() {
            for b in wan[(i + 1)...] {
                let ia = a.number.interval(.round), ib = b.number.interval(.round)
                let (big, small, bigI, smallI) = a.number.value >= b.number.value ? (a, b, ia, ib) : (b, a, ib, ia)
                let difference = bigI - smallI
                if difference.overlaps(asWan) && !difference.overlaps(asYuan) { return (big, small, " − ") }
                let sum = ia + ib
                if sum.overlaps(asWan) && !sum.overlaps(asYuan) { return (a, b, " + ") }
            }
        }
        return nil
    }

    private static func amounts(in sentence: String, offset: Int) -> [Amount] {
        let ns = NSRange(sentence.startIndex..., in: sentence)
        return amount.matches(in: sentence, range: ns).compactMap { m in
            guard let whole = Range(m.range, in: sentence), let n = Range(m.range(at: 1), in: sentence), let u = Range(m.range(at: 2), in: sentence),
                  let number = PrintedNumber.parse(String(sentence[n])) else { return nil }
            let start = offset + sentence.distance(from: sentence.startIndex, to: whole.lowerBound)
            let end = offset + sentence.distance(from: sentence.startIndex, to: whole.upperBound)
            return Amount(number: number, unit: String(sentence[u]), start: start, end: end, text: String(sentence[whole]))
        }
    }
}

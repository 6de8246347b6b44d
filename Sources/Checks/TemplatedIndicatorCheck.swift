import Core

/// Indicators left as template placeholders, actuals that only repeat the
/// target, and targets phrased as questions.
public struct TemplatedIndicatorCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "templated-indicator",
        title: "模板化或空洞的绩效指标",
        rationale: """
        指标行的三级指标、年度指标值、实际完成值都是占位符（"/"、"\\"、"无"、"——" 或空白）时，这一行没有内容：\
        仍带分值或得分时是错误，否则是警告。实际完成值只是重复年度指标值（定性的 "合规"/"合规"，或带比较符的 "≥90%"/"≥90%"）\
        没有说明完成了什么；年度指标值写成问句（"是否提升"）也无法衡量。后两种是警告。
        """,
        defaultSeverity: .error,
        examples: [
            CheckExample("占位行仍带分值", """
            2024年项目支出绩效目标表
            | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值内容 | 评（扣）分标准 | 度量单位 | 分值 |
            | 效益指标 | 社会效益指标 | 无 | 无 | 无 | 无 | 无 | 6.00 |
            """, triggersAt: [3]),
            CheckExample("“/” 占位行（无分值，警告）", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 效益指标（5分） | 经济效益指标 | 产值增长 | ≥5% | 7% | 5 | 5 | |
            | | 生态效益指标 | / | | | / | | |
            """, triggersAt: [4]),
            CheckExample("实际完成值重复年度指标值", """
            2024年度部门整体支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（5分） | 质量指标 | 资金使用合规性 | 合规 | 合规 | 5 | 5 | |
            """, triggersAt: [3]),
            CheckExample("实际完成值照抄 “≥90%”", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 满意度指标（10分） | 服务对象满意度指标 | 满意度 | ≥90% | ≥90% | 10 | 10 | |
            """, triggersAt: [3]),
            CheckExample("年度指标值是问句", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 效益指标（10分） | 社会效益指标 | 服务水平 | 是否提升 | 有所提升 | 10 | 10 | |
            """, triggersAt: [3]),
            CheckExample("实际完成值为 “/” 却得分", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 数量指标 | 全省新增规模以上工业企业数量 | ≥1000家 | / | 1 | 1 | |
            """, triggersAt: [3]),
            CheckExample("实际完成值给出了测量结果", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 满意度指标（10分） | 服务对象满意度指标 | 群众满意程度 | ≥90% | 94.99% | 10 | 10 | |
            """),
            CheckExample("数值目标达成时相同数值不算照抄", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 时效指标 | 政务信息公开及时性 | 100% | 100% | 1 | 1 | |
            """),
            CheckExample("整行空白的模板槽位不报告", """
            2024年项目支出绩效目标表
            | 一级指标 | 二级指标 | 三级指标 | 指标值 | 指标值内容 | 评（扣）分标准 | 度量单位 | 分值 |
            | 效益指标 | 生态效益指标 | | | | | | |
            | 满意度指标 | 服务对象满意度指标 | 服务对象满意度 | 95 | 满意度 | 按比例 | % | 10 |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            guard let t = form.indicators else { continue }
            let name = names[index]
            for row in t.rows {
                if let f = placeholderRow(row, t, name) { out.append(f); continue }
                if let f = missingActual(row, t, name) { out.append(f); continue }
                if let f = restatedActual(row, name) { out.append(f) }
                if let f = questionTarget(row, name) { out.append(f) }
            }
        }
        return out
    }

    private func placeholderRow(_ row: IndicatorRow, _ t: IndicatorTable, _ form: String) -> Finding? {
        var fields = [row.name, row.target].compactMap { $0 }
        if t.hasActual { fields.append(row.actual ?? Value(text: "", location: row.location)) }
        guard fields.allSatisfy(\.isPlaceholder) else { return nil }
        // A wholly blank row is an unused template slot, not a filled-in placeholder.
        guard fields.contains(where: { !$0.isEmpty }) else { return nil }
        let marks = ([row.name, row.target, row.actual, row.weight, row.score].compactMap { $0 }).filter { !$0.isEmpty }
        let carries = [row.weight, row.score].contains { $0?.number.map { $0.value != 0 } ?? false }
        let shown = marks.map { $0.normalized }.joined(separator: " ")
        let where_ = row.level2.isEmpty ? "" : "（\(row.level2)）"
        if carries {
            let w = row.weight?.number.map { "分值 \($0.text)" } ?? row.score?.number.map { "得分 \($0.text)" } ?? ""
            return Finding("\(form)：指标行\(where_)只有模板占位 “\(shown)”，却仍带\(w)", at: row.location,
                           expected: "填写三级指标、指标值和完成值，或删除该行", actual: shown, subject: "\(form)/\(row.level2)/占位/\(shown)")
        }
        return Finding("\(form)：指标行\(where_)只有模板占位 “\(shown)”，没有任何内容", at: row.location, severity: .warning,
                       expected: "填写三级指标、指标值和完成值，或删除该行", actual: shown, subject: "\(form)/\(row.level2)/占位/\(shown)")
    }

    /// A named indicator that is scored although its 实际完成值 is empty or a placeholder.
    private func missingActual(_ row: IndicatorRow, _ t: IndicatorTable, _ form: String) -> Finding? {
        guard t.hasActual, t.hasScore, !row.name.isPlaceholder, row.actual.isBlank,
              let score = row.score?.number, !score.isPercent else { return nil }
        let shown = row.actual.map { $0.isEmpty ? "空白" : "“\($0.normalized)”" } ?? "空白"
        return Finding("\(form)：“\(row.name.compact)”的实际完成值为\(shown)，却得分 \(score.text)", at: row.actual?.location ?? row.location,
                       severity: score.value > 0 ? nil : .warning,
                       related: [RelatedLocation(location: row.score!.location, message: "得分 \(score.text)")],
                       expected: "实际完成的数量或情况", actual: row.actual?.normalized ?? "", subject: "\(form)/\(row.level2)/\(row.name.compact)/无完成值")
    }

    private func restatedActual(_ row: IndicatorRow, _ form: String) -> Finding? {
        guard let target = row.target, let actual = row.actual, !target.isPlaceholder, !actual.isPlaceholder else { return nil }
        let same = target.compact == actual.compact
        let quantity = actual.quantity
        // "两家" written in Chinese numerals is a count, not a qualitative claim.
        let chineseCount = Self.isChineseCount(actual.compact)
        let qualitative = quantity == nil && !chineseCount && !actual.compact.contains(where: { $0.isASCII && $0.isNumber })
        if same && (qualitative || quantity?.comparator != nil) {
            return Finding("\(form)：“\(row.name.compact)”的实际完成值 “\(actual.normalized)” 只是重复年度指标值，没有说明实际完成情况",
                           at: actual.location, severity: .warning,
                           related: [RelatedLocation(location: target.location, message: "年度指标值 \(target.normalized)")],
                           expected: "实际完成的数量或情况", actual: actual.normalized, subject: "\(form)/\(row.level2)/\(row.name.compact)/照抄")
        }
        if let q = quantity, q.comparator != nil {
            return Finding("\(form)：“\(row.name.compact)”的实际完成值 “\(actual.normalized)” 是目标式的区间，不是实际测得的值",
                           at: actual.location, severity: .warning,
                           related: [RelatedLocation(location: target.location, message: "年度指标值 \(target.normalized)")],
                           expected: "实际测得的数值", actual: actual.normalized, subject: "\(form)/\(row.level2)/\(row.name.compact)/区间")
        }
        return nil
    }

    /// The pattern `^[零一二两三四五六七八九十百千万]+[个家项次场人条户台套件所]?$` as a scalar scan
    /// (ICU's `$` also matches before one final line terminator).
    static func isChineseCount(_ t: String) -> Bool {
        let numerals = "零一二两三四五六七八九十百千万".unicodeScalars, counters = "个家项次场人条户台套件所".unicodeScalars
        let view = t.unicodeScalars
        let u = Array(view[..<TextPatterns.dollarEnd(view)])
        var i = 0
        while i < u.count && numerals.contains(u[i]) { i += 1 }
        guard i > 0 else { return false }
        if i < u.count && counters.contains(u[i]) { i += 1 }
        return i == u.count
    }

    private func questionTarget(_ row: IndicatorRow, _ form: String) -> Finding? {
        guard let target = row.target, target.compact.containsText("是否") else { return nil }
        return Finding("\(form)：“\(row.name.compact)”的年度指标值 “\(target.normalized)” 是问句，无法衡量", at: target.location, severity: .warning,
                       expected: "可衡量的指标值", actual: target.normalized, subject: "\(form)/\(row.level2)/\(row.name.compact)/问句")
    }
}

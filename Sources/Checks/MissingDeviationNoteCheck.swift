import Core

/// An indicator scored below its weight must say why.
public struct MissingDeviationNoteCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "missing-deviation-note",
        title: "扣分指标缺少偏差原因分析",
        rationale: """
        得分低于分值的三级指标，必须在“偏差原因分析及改进措施”栏说明扣分原因和改进措施；空白或 "/"、"无" 等占位都不算说明。
        """,
        defaultSeverity: .warning,
        examples: [
            CheckExample("扣分但偏差原因为空", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 数量指标 | 新增碳减排标杆企业数量 | ≥10家 | 7家 | 1 | 0.5 | |
            """, triggersAt: [3]),
            CheckExample("扣分但偏差原因只写“无”", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（4分） | 数量指标 | 技改投资增长率 | ≥5% | 3.6% | 4 | 1.2 | 无 |
            """, triggersAt: [3]),
            CheckExample("扣分但偏差原因为 “/”（第二行）", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（8分） | 数量指标 | 新增小巨人企业数 | ≥40家 | 116家 | 4 | 4 | |
            | | | 新增国家级小巨人企业数 | ≥15家 | 7家 | 4 | 2 | / |
            """, triggersAt: [4]),
            CheckExample("扣分并写明原因", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（1分） | 数量指标 | 新增碳减排标杆企业数量 | ≥10家 | 7家 | 1 | 0.5 | 部分企业碳减排技术应用困难 |
            """),
            CheckExample("满分无需说明", """
            2024年度部门整体支出绩效评价表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（2分） | 数量指标 | 5G基站建设数量 | ≥1.5万个 | 3.2万个 | 2 | 2 | |
            """),
            CheckExample("没有得分栏的目标表不检查", """
            2024年项目支出绩效目标表
            | 一级指标 | 二级指标 | 三级指标 | 指标值 | 度量单位 |
            | 产出指标 | 数量指标 | 党建活动次数 | 4 | 次 |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        var out: [Finding] = []
        let names = Describe.formNames(context.report)
        for (index, form) in context.report.forms.enumerated() {
            guard let t = form.indicators, t.hasScore else { continue }
            let name = names[index]
            for row in t.rows {
                guard let s = row.score?.number, let w = row.weight?.number, !s.isPercent, !w.isPercent, s.value < w.value else { continue }
                guard row.note.isBlank else { continue }
                out.append(Finding("\(name)：“\(row.name.compact)”得分 \(s.text) 低于分值 \(w.text)，但偏差原因分析及改进措施为\(row.note?.isEmpty ?? true ? "空" : "占位“\(row.note!.normalized)”")",
                                   at: row.note?.location ?? row.score!.location,
                                   related: [RelatedLocation(location: row.score!.location, message: "得分 \(s.text) / 分值 \(w.text)")],
                                   expected: "扣分原因与改进措施", actual: Describe.shown(row.note), subject: "\(name)/\(row.level2)/\(row.name.compact)"))
            }
        }
        return out
    }
}

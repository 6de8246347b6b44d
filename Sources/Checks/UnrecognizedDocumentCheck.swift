import Foundation
import Core

/// A report file in which no form was recognised. Nothing in it was checked, so saying nothing
/// would let a user believe it passed.
public struct UnrecognizedDocumentCheck: Check {
    public init() {}

    public let descriptor = CheckDescriptor(
        id: "unrecognized-document",
        title: "未识别出任何表格，文件未被检查",
        rationale: """
        文件能读取，但其中没有识别出任何资金表、指标表或台账表，所以没有任何检查运行过；\
        不报告就等于让它“通过”。消息说明文件按什么版式读取、找到几个表格、看到的表头（前一两行），\
        以便判断是表头用词不同、版式不支持，还是文件本来就不是绩效报告。\
        可用 `auditlint dump 文件` 查看读取出的内容；表头用词不同时，可在 .lintrc 的 vocabulary 中补充同义词；\
        确实不是报告的文件可用 exclude 排除，或把本规则设为 "off"。
        """,
        defaultSeverity: .error,
        examples: [
            CheckExample("只有叙述，没有表格", """
            2024年度部门整体支出绩效自评报告
            本单位全年预算执行良好，各项绩效目标基本完成。
            """, triggersAt: [1]),
            CheckExample("表头用词无法识别", """
            | Level 1 | Level 2 | Indicator | Target | Actual | Weight | Score |
            | Output | Quantity | Trainings held | >=3 | 4 | 20 | 20 |
            """, triggersAt: [1]),
            CheckExample("与绩效无关的表格", """
            会议签到表
            | 姓名 | 单位 | 联系电话 |
            | 张三 | 办公室 | 12345678 |
            """, triggersAt: [1]),
            CheckExample("资金表被识别", """
            2024年度部门整体支出绩效自评表
            | 年度预算申请（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
            | | 年度资金总额 | 1000 | 1000 | 1000 | 10 | 100% | 10 |
            """),
            CheckExample("指标表被识别", """
            2024年度项目支出绩效自评表
            | 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施 |
            | 产出指标（20分） | 数量指标 | 开展培训次数 | ≥3场 | 4场 | 20 | 20 | |
            """),
            CheckExample("台账表被识别", """
            2024年一般公共预算基本支出情况表
            | 经济科目编码 | 经济科目名称 | 总计 | 人员类 | 公用经费 |
            | | 合计 | 1,210.28 | 1,210.28 | |
            | 301 | 工资福利支出 | 1,210.28 | 1,210.28 | |
            """),
        ])

    public func run(_ context: CheckContext) -> [Finding] {
        let report = context.report
        guard report.forms.isEmpty else { return [] }
        let outline = report.outline
        var seen = "按 \(outline.format) 版式读取，找到 \(outline.tables) 个表格、\(outline.paragraphs) 个段落"
        if outline.headerRows.isEmpty {
            seen += "，没有表头"
        } else {
            seen += "，表头为 " + outline.headerRows.map { "“\($0)”" }.joined(separator: "、")
        }
        return [Finding("未识别出任何资金表、指标表或台账表，文件未被检查：\(seen)。可用 `auditlint dump \(report.path)` 查看读取结果；"
                        + "表头用词不同时，可在 .lintrc 的 vocabulary 中补充同义词",
                        at: outline.location, expected: "至少一张可识别的表格", actual: "\(outline.tables) 个表格",
                        subject: "未识别/\(outline.format)")]
    }
}

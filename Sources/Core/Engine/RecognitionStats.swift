/// How much of a file was recognised: its forms by kind, indicator rows, ledger rows and
/// narrative sentences. Summed over a run, it shows that a folder was really read.
public struct RecognitionStats: Sendable, Equatable {
    /// Forms per kind.
    public var forms: [FormKind: Int] = [:]
    /// Indicator (三级指标) rows of every form.
    public var indicatorRows = 0
    /// Rows of every ledger table.
    public var ledgerRows = 0

    public init() {}

    public init(_ report: Report) {
        for form in report.forms {
            forms[form.kind, default: 0] += 1
            indicatorRows += form.indicators?.rows.count ?? 0
            ledgerRows += form.ledgers.reduce(0) { $0 + $1.rows.count }
        }
    }

    /// Every form, whatever its kind.
    public var formCount: Int { forms.values.reduce(0, +) }

    /// Adds another file's counts.
    public mutating func add(_ other: RecognitionStats) {
        for (k, n) in other.forms { forms[k, default: 0] += n }
        indicatorRows += other.indicatorRows
        ledgerRows += other.ledgerRows
    }

    /// The kinds in a fixed order, for output.
    public static let kindOrder: [FormKind] = [.overall, .project, .baseData, .targets, .budget, .other]
}

extension FormKind {
    /// The kind's zh-CN name, for summaries.
    public var displayName: String {
        switch self {
        case .overall: return "整体支出表"
        case .project: return "项目支出表"
        case .baseData: return "基础数据表"
        case .targets: return "绩效目标表"
        case .budget: return "预算公开表"
        case .other: return "其他表"
        }
    }
}

/// A printed value of a recognised form, with its place in the source.
/// Values keep their text; checks parse them with `number` or `quantity`,
/// so a hand-written JSON model needs nothing but text and a location.
public struct Value: Codable, Hashable, Sendable {
    public var text: String { didSet { parsed = Parsed(text) } }
    public var location: SourceLocation
    /// Checks ask for `number`, `compact` and `isPlaceholder` of the same value again
    /// and again; parsing once when the text is set made them cheap.
    private var parsed: Parsed

    private struct Parsed: Sendable {
        var compact: String
        var number: PrintedNumber?

        init(_ text: String) {
            compact = TextNormalizer.compact(text)
            number = text.utf8.count <= 64 ? PrintedNumber.parse(compacted: compact) : nil
        }
    }

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
        self.parsed = Parsed(text)
    }

    public init(_ cell: Cell) { self.init(text: cell.text, location: cell.location) }

    /// The number, when the text is only a number ("73,360.55", "95.91%").
    public var number: PrintedNumber? { parsed.number }
    /// The text as a target or measured quantity ("≥1000家", "1585家").
    public var quantity: Quantity? { text.utf8.count <= 96 ? Quantity.parse(compacted: parsed.compact) : nil }
    /// Normalised text.
    public var normalized: String { TextNormalizer.normalize(text) }
    /// Text without whitespace.
    public var compact: String { parsed.compact }
    /// True when empty or a template placeholder ("/", "\\", "无", "——").
    public var isPlaceholder: Bool { parsed.compact.isEmpty || Placeholder.tokens.contains(parsed.compact) }
    /// True when empty after trimming.
    public var isEmpty: Bool { parsed.compact.isEmpty }

    // The model format stays {text, location}: everything parsed follows from the text.
    private enum CodingKeys: String, CodingKey { case text, location }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text), location: try c.decode(SourceLocation.self, forKey: .location))
    }

    public static func == (a: Value, b: Value) -> Bool { a.text == b.text && a.location == b.location }
    public func hash(into h: inout Hasher) { h.combine(text); h.combine(location) }
}

/// A label and its amount, as in "其中：一般公共预算：85,198.38".
public struct LabeledValue: Codable, Hashable, Sendable {
    public var label: String
    public var value: Value?
    public var location: SourceLocation

    public init(label: String, value: Value?, location: SourceLocation) {
        self.label = label
        self.value = value
        self.location = location
    }
}

/// One source-of-funds row of a project form (当年财政拨款, 上年结转资金, 其他资金),
/// with its amounts in the funding columns.
public struct FundingSourceRow: Codable, Hashable, Sendable {
    public var label: String
    public var location: SourceLocation
    public var initialBudget: Value?
    public var budget: Value?
    public var executed: Value?

    public init(label: String, location: SourceLocation, initialBudget: Value? = nil, budget: Value? = nil, executed: Value? = nil) {
        self.label = label; self.location = location
        self.initialBudget = initialBudget; self.budget = budget; self.executed = executed
    }

    /// The amount in one funding column.
    public func value(_ c: FundingColumn) -> Value? {
        switch c {
        case .initialBudget: return initialBudget
        case .budget: return budget
        case .executed: return executed
        }
    }
}

/// The three amount columns of the 年度资金总额 row.
public enum FundingColumn: String, Codable, Sendable, CaseIterable {
    case initialBudget, budget, executed

    /// The column's name as the forms print it.
    public var title: String {
        switch self {
        case .initialBudget: return "年初预算数"
        case .budget: return "全年预算数"
        case .executed: return "全年执行数"
        }
    }
}

/// The funding block: the 年度资金总额 row and its breakdowns.
public struct FundingBlock: Codable, Hashable, Sendable {
    /// The 年度资金总额 row.
    public var location: SourceLocation
    public var initialBudget: Value?
    public var budget: Value?
    public var executed: Value?
    /// 分值 of the funding row (usually 10).
    public var weight: Value?
    /// 执行率 as printed.
    public var rate: Value?
    /// 得分 as printed.
    public var score: Value?
    /// 按收入性质分 items (一般公共预算, 政府性基金拨款, …), which add up to 全年预算数.
    public var incomeItems: [LabeledValue]
    /// 按支出性质分 items (基本支出, 项目支出), which add up to 全年执行数.
    public var expenditureItems: [LabeledValue]
    /// Project forms: 当年财政拨款 / 上年结转资金 / 其他资金 rows.
    public var sources: [FundingSourceRow]
    /// True when the source rows may not list every source (one of 当年财政拨款, 上年结转资金,
    /// 其他资金 is missing): their sum is then only bounded by the total. Nil when complete.
    public var sourcesPartial: Bool?
    /// True when the total prints a single amount and no header named its column (a 绩效目标表's
    /// "年度资金总额：2,706.79", with no 年初预算数/全年预算数/全年执行数 header): it was read into the
    /// first funding column, but it is the total itself, not a 年初预算数. Nil otherwise.
    public var columnsUnnamed: Bool?

    public init(location: SourceLocation, initialBudget: Value? = nil, budget: Value? = nil, executed: Value? = nil,
                weight: Value? = nil, rate: Value? = nil, score: Value? = nil,
                incomeItems: [LabeledValue] = [], expenditureItems: [LabeledValue] = [], sources: [FundingSourceRow] = []) {
        self.location = location
        self.initialBudget = initialBudget; self.budget = budget; self.executed = executed
        self.weight = weight; self.rate = rate; self.score = score
        self.incomeItems = incomeItems; self.expenditureItems = expenditureItems; self.sources = sources
    }

    /// The total in one funding column.
    public func value(_ c: FundingColumn) -> Value? {
        switch c {
        case .initialBudget: return initialBudget
        case .budget: return budget
        case .executed: return executed
        }
    }

    /// The name of a funding column as this form prints it: the standard name, or "金额" for the
    /// single unnamed amount of `columnsUnnamed`.
    public func columnTitle(_ c: FundingColumn) -> String {
        columnsUnnamed == true ? "金额" : c.title
    }
}

/// A 一级指标 heading with the weight it carries ("产出指标（50分）").
public struct IndicatorGroup: Codable, Hashable, Sendable {
    /// The heading name without the weight ("产出指标").
    public var name: String
    /// The weight printed in the heading ("50"), if any.
    public var weight: Value?
    public var location: SourceLocation

    public init(name: String, weight: Value?, location: SourceLocation) {
        self.name = name
        self.weight = weight
        self.location = location
    }
}

/// One indicator (三级指标) row.
public struct IndicatorRow: Codable, Hashable, Sendable {
    /// Index into `IndicatorTable.groups` of the 一级指标 this row belongs to.
    public var group: Int?
    /// 二级指标 (carried down from merged cells).
    public var level2: String
    /// 三级指标: the indicator's name.
    public var name: Value
    /// 年度指标值.
    public var target: Value?
    /// 实际完成值.
    public var actual: Value?
    /// 分值.
    public var weight: Value?
    /// 得分.
    public var score: Value?
    /// 偏差原因分析及改进措施.
    public var note: Value?
    public var location: SourceLocation

    public init(group: Int?, level2: String, name: Value, target: Value? = nil, actual: Value? = nil,
                weight: Value? = nil, score: Value? = nil, note: Value? = nil, location: SourceLocation) {
        self.group = group; self.level2 = level2; self.name = name; self.target = target; self.actual = actual
        self.weight = weight; self.score = score; self.note = note; self.location = location
    }
}

/// The 总分 row: total weight and total score.
public struct TotalRow: Codable, Hashable, Sendable {
    public var weight: Value?
    public var score: Value?
    public var location: SourceLocation

    public init(weight: Value?, score: Value?, location: SourceLocation) {
        self.weight = weight
        self.score = score
        self.location = location
    }
}

/// The indicator table of a self-evaluation or target form.
public struct IndicatorTable: Codable, Hashable, Sendable {
    public var location: SourceLocation
    /// False for target tables (绩效目标表) that have no 实际完成值 column.
    public var hasActual: Bool
    /// False for target tables that have no 得分 column.
    public var hasScore: Bool
    public var groups: [IndicatorGroup]
    public var rows: [IndicatorRow]
    public var total: TotalRow?

    public init(location: SourceLocation, hasActual: Bool, hasScore: Bool, groups: [IndicatorGroup] = [],
                rows: [IndicatorRow] = [], total: TotalRow? = nil) {
        self.location = location; self.hasActual = hasActual; self.hasScore = hasScore
        self.groups = groups; self.rows = rows; self.total = total
    }
}

/// One line of a ledger (基础数据表, budget tables): a label, an optional
/// account code, and amounts aligned with the table's amount columns.
public struct LedgerRow: Codable, Hashable, Sendable {
    public var label: String
    /// 科目编码 ("301", "30101", "2150501"), when printed.
    public var code: String?
    public var location: SourceLocation
    /// Amounts, one per `LedgerTable.columns` entry; nil where the cell is absent.
    public var values: [Value?]
    /// Index of the parent row in `LedgerTable.rows`.
    public var parent: Int?
    /// True when this row belongs to a "其中" list, which may be partial (Σ ≤ parent).
    public var partial: Bool
    /// True for 合计 / 总计 rows, whose children are the top-level rows.
    public var isTotal: Bool

    public init(label: String, code: String? = nil, location: SourceLocation, values: [Value?],
                parent: Int? = nil, partial: Bool = false, isTotal: Bool = false) {
        self.label = label; self.code = code; self.location = location; self.values = values
        self.parent = parent; self.partial = partial; self.isTotal = isTotal
    }
}

/// A table of labelled amounts with a parent/child structure.
public struct LedgerTable: Codable, Hashable, Sendable {
    public var title: String
    public var location: SourceLocation
    /// Names of the amount columns ("2023年决算数", "2024年预算数", …).
    public var columns: [String]
    public var rows: [LedgerRow]
    /// The unit the table states for its amounts ("元", "万元"), when it states one.
    public var unit: String?
    /// Which half of a two-sided table (收支总表, 财政拨款收支总表) this ledger is: such a table is
    /// one form holding one ledger per half, 收入 first, then 支出. Nil for one-sided tables.
    public var side: LedgerSide?

    public init(title: String, location: SourceLocation, columns: [String], rows: [LedgerRow]) {
        self.title = title; self.location = location; self.columns = columns; self.rows = rows
    }
}

/// The half of a two-sided budget table a ledger holds.
public enum LedgerSide: String, Codable, Sendable {
    /// The 收入 half (收入项目 and their amounts).
    case income
    /// The 支出 half (支出项目 by 功能分类, or by 用途, and their amounts).
    case expenditure
}

/// What kind of form a part of a report is.
public enum FormKind: String, Codable, Sendable {
    /// 部门整体支出绩效自评表 / 评价表.
    case overall
    /// 项目支出绩效自评表.
    case project
    /// 绩效评价基础数据表.
    case baseData
    /// 绩效目标表 (targets without actuals or scores).
    case targets
    /// Budget disclosure tables (收支总表, 基本支出表, 三公经费表 …).
    case budget
    /// Anything else with recognisable tables.
    case other
}

/// One form of a report with its recognised parts.
public struct Form: Codable, Hashable, Sendable {
    public var kind: FormKind
    public var title: String
    public var location: SourceLocation
    public var funding: FundingBlock?
    public var indicators: IndicatorTable?
    public var ledgers: [LedgerTable]

    public init(kind: FormKind, title: String, location: SourceLocation, funding: FundingBlock? = nil,
                indicators: IndicatorTable? = nil, ledgers: [LedgerTable] = []) {
        self.kind = kind; self.title = title; self.location = location
        self.funding = funding; self.indicators = indicators; self.ledgers = ledgers
    }
}

/// The recognised model of one report: the document as read, its typed forms, where each form
/// lies, and the narrative read into sentences and the numbers they state. Checks read only this.
/// This is what `auditlint dump` prints and what a JSON model input holds.
public struct Report: Sendable {
    /// The model format's version; bumped when the shape changes incompatibly.
    public static let schema = "auditlint-model/1"

    public var schema: String
    public let document: Document
    public let forms: [Form]
    /// Where each form lies in the document, parallel to `forms`.
    public let spans: [FormSpan]
    /// The narrative's sentences and claims.
    public let narrative: Narrative
    /// `IndicatorQuantities` of every indicator row of every form (nil where target or actual is
    /// not a quantity), parsed once for every check that compares them.
    let quantities: [[IndicatorQuantities?]]
    /// Every paragraph with its place in reading order.
    let placedParagraphs: [PlacedParagraph]

    /// The report of `document` with `forms`; the rest follows from the two (`Recognizer.complete`).
    public init(document: Document, forms: [Form]) {
        self = Recognizer().complete(document, forms: forms)
    }

    init(document: Document, forms: [Form], spans: [FormSpan], narrative: Narrative,
         quantities: [[IndicatorQuantities?]], placedParagraphs: [PlacedParagraph]) {
        self.schema = Report.schema
        self.document = document
        self.forms = forms
        self.spans = spans
        self.narrative = narrative
        self.quantities = quantities
        self.placedParagraphs = placedParagraphs
    }

    /// The report's path.
    public var path: String { document.path }
    /// Narrative paragraphs.
    public var paragraphs: [Paragraph] { document.paragraphs }

    /// `IndicatorQuantities` of every indicator row of form `index`.
    public func quantities(ofForm index: Int) -> [IndicatorQuantities?] { quantities[index] }
}

extension Report: Equatable {
    /// Reports are equal when their documents and forms are: everything else follows from them.
    public static func == (a: Report, b: Report) -> Bool {
        a.schema == b.schema && a.document == b.document && a.forms == b.forms
    }
}

extension Report: Codable {
    private enum CodingKeys: String, CodingKey { case schema, document, forms, spans, narrative }

    /// Reads `schema`, `document` and `forms`; the spans and the narrative a model file shows are
    /// derived from those two and recomputed, so a model written before they existed reads the same.
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let schema = try c.decode(String.self, forKey: .schema)
        self.init(document: try c.decode(Document.self, forKey: .document), forms: try c.decode([Form].self, forKey: .forms))
        self.schema = schema
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(schema, forKey: .schema)
        try c.encode(document, forKey: .document)
        try c.encode(forms, forKey: .forms)
        try c.encode(spans, forKey: .spans)
        try c.encode(narrative, forKey: .narrative)
    }
}

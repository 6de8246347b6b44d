/// Every field and form title that forms print, with the names templates give it.
///
/// This is data: the collectors ask which term a header cell or row label names, and
/// never compare header words themselves. A province's template that says 权重 for
/// 分值 or 调整后预算数 for 全年预算数 is read by adding a synonym here (or in
/// `.lintrc` under `vocabulary`), not by a new branch in a collector.
///
/// A synonym is matched against the header text after `HeaderKey.normalize` (spaces,
/// widths, list prefixes, "其中：", trailing colons and unit brackets such as "（万元）"
/// removed). `*` at its start or end matches any text there ("*得分" is any text ending
/// in 得分; "*执行率*" any text containing 执行率); a synonym starting with `!` excludes
/// the texts it matches from the term.
public enum Term: String, CaseIterable, Codable, Sendable {
    // The funding block (年度资金总额 row and its header).
    case initialBudget = "年初预算数"
    case budget = "全年预算数"
    case executed = "全年执行数"
    case weight = "分值"
    case rate = "执行率"
    case score = "得分"
    case fundingTotal = "年度资金总额"
    case currentAppropriation = "当年财政拨款"
    case carryOver = "上年结转资金"
    case otherFunds = "其他资金"
    /// Sources some templates list beside the three national ones (四川: 财政资金, 财政专户管理资金,
    /// 单位资金, 其他资金).
    case specialAccountFunds = "财政专户管理资金"
    case unitFunds = "单位资金"
    case byIncome = "按收入性质分"
    case byExpenditure = "按支出性质分"
    // The indicator table.
    case level1 = "一级指标"
    case level2 = "二级指标"
    case indicator = "三级指标"
    case target = "年度指标值"
    case actual = "实际完成值"
    case deviationNote = "偏差原因分析及改进措施"
    /// Templates that print a target in three cells: 指标性质 (≥, ≤, =, 定性), 指标值, 度量单位.
    case targetComparator = "指标性质"
    case measureUnit = "度量单位"
    case grandTotal = "总分"
    case level1Name = "一级指标名称"
    case level2Name = "二级指标名称"
    // Ledgers (budget and final-account tables, 基础数据表).
    case subjectName = "科目名称"
    case subjectCode = "科目编码"
    case ledgerSection = "经费控制情况"
    case ledgerTotal = "合计"
    // Budget tables printed without codes.
    case itemLabel = "项目"
    case incomeSide = "收入"
    case expenditureSide = "支出"
    case threePublic = "“三公”经费"
    case amountColumn = "金额"
    case emptyTableNote = "本表无数据"
    // Form titles.
    case overallForm = "部门整体支出绩效自评表"
    case projectForm = "项目支出绩效自评表"
    case baseDataForm = "绩效评价基础数据表"
    case targetsForm = "绩效目标表"
    case budgetTable = "预算决算公开表"
    case overviewTable = "收支总表"

    /// The term's position in `allCases` (declaration order), without hashing its raw value:
    /// a case without payload is stored as its declaration index (one byte for fewer than 256
    /// cases). `VocabularyRecognitionTests.testTermPositionsFollowAllCases` holds it to `allCases`.
    var position: Int { withUnsafeBytes(of: self) { Int($0[0]) } }

    /// What kind of thing the term names, for `auditlint vocabulary` and config validation.
    public var group: String {
        switch self {
        case .initialBudget, .budget, .executed, .weight, .rate, .score: return "资金/指标表列"
        case .fundingTotal, .currentAppropriation, .carryOver, .otherFunds, .specialAccountFunds, .unitFunds, .byIncome, .byExpenditure: return "资金行"
        case .level1, .level2, .indicator, .target, .actual, .deviationNote, .targetComparator, .measureUnit, .grandTotal: return "指标表列"
        case .level1Name, .level2Name: return "指标行"
        case .subjectName, .subjectCode, .ledgerSection, .ledgerTotal: return "台账"
        case .itemLabel, .incomeSide, .expenditureSide, .threePublic, .amountColumn, .emptyTableNote: return "无编码预算表"
        case .overallForm, .projectForm, .baseDataForm, .targetsForm, .budgetTable, .overviewTable: return "表名"
        }
    }
}

/// The synonyms of every term, as data. Gathered from the seed forms, the corpus's
/// budget and final-account disclosures and 绩效目标表, and the national 项目支出绩效自评表
/// template (财预〔2020〕10号).
public struct Vocabulary: Sendable {
    /// The built-in table.
    public static let standardSynonyms: [Term: [String]] = [
        .initialBudget: ["年初预算*", "年初数", "年初批复数"],
        .budget: ["全年预算*", "预算数", "调整后预算*", "调整预算数", "年度预算数", "全年批复数", "批复数", "预算金额"],
        .executed: ["全年执行*", "*执行数", "实际支出*", "预算执行数", "实际执行*", "执行金额", "实际完成数", "全年实际支出", "!*执行率*"],
        .weight: ["分值", "分", "权重", "指标分值", "权重分", "标准分", "分数"],
        .rate: ["*执行率*"],
        .score: ["*得分", "评分", "自评分", "实际得分"],
        .fundingTotal: ["年度资金总额", "资金总额", "总额", "项目资金总额", "项目资金合计", "年度资金合计", "年度资金总量", "预算资金总额"],
        .currentAppropriation: ["当年财政拨款", "本年财政拨款", "财政拨款", "当年财政资金", "本年财政资金", "财政资金", "年度财政拨款"],
        .carryOver: ["上年结转资金", "上年结转", "结转资金", "上年结转结余", "上年结余结转"],
        .otherFunds: ["其他资金", "其他来源", "其他来源资金"],
        .specialAccountFunds: ["财政专户管理资金", "财政专户资金", "专户管理资金"],
        .unitFunds: ["单位资金", "单位自有资金", "自有资金"],
        .byIncome: ["*按收入性质分*", "*按资金来源分*"],
        .byExpenditure: ["*按支出性质分*"],
        // A band over the indicator columns ("绩效指标", "部门整体支出年度绩效目标") is stacked onto
        // each column's name when a PDF's header is rebuilt: "绩效指标三级指标" is the 三级指标 column.
        .level1: ["一级指标", "*绩效指标一级指标", "*绩效目标一级指标"],
        .level2: ["二级指标", "*绩效指标二级指标", "*绩效目标二级指标"],
        .indicator: ["三级指标", "指标名称", "三级指标名称", "绩效指标名称", "具体指标", "*绩效指标三级指标", "*绩效目标三级指标"],
        .target: ["*指标值", "*目标值", "年度目标值", "目标值", "预期目标值", "全年目标值", "指标目标值", "年度指标值", "!*内容*", "!*类型*", "!*实际*", "!*完成*", "!实施周期*"],
        .actual: ["实际完成*", "完成值", "实际值", "全年实际值", "全年完成值", "实际完成情况", "实际完成指标值", "完成情况"],
        .deviationNote: ["偏差原因*", "*改进措施*", "未完成原因*", "原因分析*", "偏差说明", "未完成原因分析"],
        .targetComparator: ["指标性质", "指标方向", "运算符号", "运算符"],
        .measureUnit: ["度量单位", "计量单位", "指标单位", "单位（量纲）"],
        .grandTotal: ["总分", "合计分", "总计分"],
        // The 一级指标 of the national framework (产出/效益/满意度, 成本 since 2021) and of the
        // older 投入/过程/产出/效果 one.
        .level1Name: ["产出指标*", "效益指标*", "满意度*", "成本指标*", "投入指标*", "过程指标*", "效果指标*", "决策指标*", "管理指标*"],
        // The 二级指标 of the national framework, which start an indicator row in a cell stream.
        .level2Name: ["*数量指标", "*质量指标", "*时效指标", "*成本指标", "*效益指标", "*影响指标", "*满意度指标"],
        // Stacked headers read as one cell ("项目⏎功能分类科目名称", "功能分类科目⏎科目名称").
        .subjectName: ["功能科目", "功能科目名称", "经济科目名称", "科目名称", "功能分类科目名称", "经济分类科目名称",
                       "支出功能分类科目名称", "部门预算支出经济分类科目名称", "政府预算支出经济分类科目名称", "科目", "*科目名称"],
        // "科目编码⏎类", "功能分类科目编码⏎款": a code header stacked over its 类/款/项 column.
        .subjectCode: ["类", "款", "项", "科目编码", "经济科目编码", "功能科目编码", "功能分类科目编码", "经济分类科目编码", "编码", "科目代码",
                       "*科目编码*", "*科目代码*", "*分类编码*"],
        .ledgerSection: ["经费控制情况*"],
        .ledgerTotal: ["合计", "总计", "本年支出合计", "本年收入合计", "支出合计", "收入合计"],
        // The label column of each half of a two-sided 收支总表 ("本年收入⏎项目", "财政拨款支出⏎项目",
        // "支出⏎功能分类⏎功能科目名称", "支出用途⏎项目名称"), and of a 三公 table listed by unit.
        .itemLabel: ["项目", "项目名称", "*项目", "*项目名称", "*科目名称", "单位名称", "部门名称", "*单位名称", "!*项目支出*"],
        // Which half of a two-sided table a column belongs to, by its header.
        .incomeSide: ["*收入*"],
        .expenditureSide: ["*支出*"],
        // The columns of a “三公”经费 table (因公出国（境）费, 公务接待费, 公务用车购置及运行费).
        .threePublic: ["*因公出国*", "*公务接待*", "*公务用车*", "*三公*"],
        // An amount column of a table of names ("金额", "预算数", "2019年预算数", "合计").
        .amountColumn: ["金额", "*金额", "*预算数", "*决算数", "*执行数", "合计", "*合计", "小计", "总计"],
        // A note printed in or under a table that has no data ("故本表为空表", "本表无数据"), read in
        // the text as printed (compacted), not as a header.
        .emptyTableNote: ["*本表无数据*", "*本表为空*", "*此表为空*", "*此表无数据*", "*空表。", "*空表", "无", "本表无数据",
                          "*无相关收支*", "*无此项预算*", "*无此项收支*",
                          // A contents table's column ("是否空表") asks, it does not say.
                          "!*是否空表*", "!*是否为空表*"],
        .overallForm: ["*整体支出绩效自评表", "*整体支出绩效评价表", "*整体绩效自评表", "*整体支出绩效自评表(*", "*整体绩效评价表"],
        .projectForm: ["*项目支出绩效自评表", "*项目支出绩效评价表", "*项目绩效自评表", "*项目支出绩效自评表(*", "*项目绩效评价表",
                       "*项目自评表", "*项目支出自评表"],
        .baseDataForm: ["*基础数据表*"],
        .targetsForm: ["*绩效目标表*", "*绩效目标申报表*", "*绩效目标填报表*", "*绩效目标批复表*"],
        // Titles must also end in 表 (FormTitle); these only say what a budget table's title holds.
        .budgetTable: ["*预算*", "*决算*", "*收支*", "*收入*", "*支出*", "*经费*", "*情况表"],
        // The two-sided tables (收入 half beside 支出 half): 收支总表, 财政拨款收支总表 and their 决算 forms.
        .overviewTable: ["*收支预算总表*", "*收支决算总表*", "*收入支出决算总表*", "*收入支出预算总表*", "*收支总表*", "*收入支出总表*"],
    ]

    /// The built-in vocabulary.
    public static let standard = Vocabulary(extra: [:])

    /// The synonyms in force: the built-in ones, then the user's.
    public let synonyms: [Term: [String]]
    /// By `Term.allCases` position: a dictionary keyed by `Term` hashes the Chinese raw value
    /// (with Unicode normalisation) on every lookup, and the collectors ask for every cell.
    private let matchers: [TermMatcher?]

    /// The built-in table extended by `extra` (from `.lintrc`'s `vocabulary`).
    public init(extra: [Term: [String]]) {
        var all = Vocabulary.standardSynonyms
        for (term, words) in extra { all[term, default: []] += words }
        synonyms = all
        matchers = Term.allCases.map { all[$0].map(TermMatcher.init) }
    }

    /// True when the normalized header text `key` names `term`.
    public func matches(_ term: Term, key: String) -> Bool {
        matchers[term.position]?.matches(key) ?? false
    }

    /// The first of `terms` (in the order given) that `key` names.
    public func first(of terms: [Term], key: String) -> Term? {
        terms.first { matches($0, key: key) }
    }

    /// True when `compacted` (a cell's or paragraph's text with its spaces removed, of any length)
    /// holds `term`: for notes and titles, which are longer than the header keys `matches` reads.
    public func mentions(_ term: Term, compacted: String) -> Bool {
        matchers[term.position]?.matches(compacted) ?? false
    }

    /// True when the raw text (a cell or paragraph) names `term` once normalized.
    public func names(_ term: Term, _ raw: String) -> Bool {
        matches(term, key: HeaderKey.normalize(raw))
    }
}

/// Matches the synonyms of one term.
struct TermMatcher: Sendable {
    private var exact: Set<String> = []
    private var patterns: [Pattern] = []
    private var excluded: [Pattern] = []

    private struct Pattern: Sendable {
        var literal: String
        var anyBefore: Bool
        var anyAfter: Bool

        func matches(_ t: String) -> Bool {
            switch (anyBefore, anyAfter) {
            case (true, true): return t.containsText(literal)
            case (true, false): return t.hasSuffix(literal)
            case (false, true): return t.hasPrefix(literal)
            case (false, false): return t == literal
            }
        }
    }

    init(_ words: [String]) {
        for raw in words {
            var w = Substring(raw)
            let negated = w.hasPrefix("!")
            if negated { w = w.dropFirst() }
            let before = w.hasPrefix("*"), after = w.hasSuffix("*") && w.count > 1
            var literal = w
            if before { literal = literal.dropFirst() }
            if after { literal = literal.dropLast() }
            // Synonyms are normalized like the header texts they are compared with.
            let key = HeaderKey.normalize(String(literal))
            guard !key.isEmpty else { continue }
            let p = Pattern(literal: key, anyBefore: before, anyAfter: after)
            if negated { excluded.append(p) } else if !before && !after { exact.insert(key) } else { patterns.append(p) }
        }
    }

    func matches(_ key: String) -> Bool {
        guard !key.isEmpty else { return false }
        guard exact.contains(key) || patterns.contains(where: { $0.matches(key) }) else { return false }
        return !excluded.contains { $0.matches(key) }
    }
}

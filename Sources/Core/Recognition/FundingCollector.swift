/// Recognises the funding block: the 年度资金总额 row, its header, the
/// 按收入性质分 / 按支出性质分 items and the source-of-funds rows of project forms.
struct FundingCollector {
    /// The columns of the funding row, in the order the header prints them.
    enum Column { case initialBudget, budget, executed, weight, rate, score }

    static let standardOrder: [Column] = [.initialBudget, .budget, .executed, .weight, .rate, .score]
    /// The vocabulary terms of the columns, in the order they are tried (执行率 first:
    /// "预算执行率" also holds 执行 and 预算).
    static let columnTerms: [(Term, Column)] = [(.rate, .rate), (.initialBudget, .initialBudget), (.budget, .budget),
                                                (.executed, .executed), (.weight, .weight), (.score, .score)]
    static let incomeLabels = ["一般公共预算", "政府性基金拨款", "政府性基金", "纳入专户管理的非税收入拨款", "纳入专户管理的非税收入",
                               "财政专户管理资金", "国有资本经营预算", "其他资金", "其他收入", "上年结转"]
    static let expenditureLabels = ["基本支出", "项目支出"]
    /// The three sources of the national template: a block that does not name them all may leave
    /// one out, so its sources may only not exceed the total.
    static let nationalSourceTerms: [Term] = [.currentAppropriation, .carryOver, .otherFunds]
    static let sourceTerms: [Term] = nationalSourceTerms + [.specialAccountFunds, .unitFunds]

    let vocabulary: Vocabulary

    private var order: [Column] = FundingCollector.standardOrder
    private var block: FundingBlock?
    private var pendingSourceCells: [(label: String, location: SourceLocation, cells: [Cell])] = []
    /// The source terms the source rows named.
    private var sourceTermsSeen: Set<Term> = []
    private var inItems = false
    private var income: [LabeledValue] = []
    private var expenditure: [LabeledValue] = []

    /// A funding header has been seen: short row labels such as 总额 now name the total.
    private var sawHeader = false

    init(vocabulary: Vocabulary) {
        self.vocabulary = vocabulary
    }

    var hasTotal: Bool { block != nil }

    /// The 年度资金总额 row. Its other names (总额, 项目资金总额 …) count only under a funding
    /// header (年初预算数/全年预算数/全年执行数 …): 绩效目标表 print 项目资金总额 as a
    /// label–value pair with none of those columns, and reading its values by the funding
    /// columns would compare unrelated amounts.
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    func isTotalRow(_ row: Row, keys: [String]) -> Bool { totalIndex(row, keys: keys) != nil }

    private func totalIndex(_ row: Row, keys: [String]) -> Int? {
        guard let i = keys.firstIndex(where: { vocabulary.matches(.fundingTotal, key: $0) }) else { return nil }
        if keys[i] != Term.fundingTotal.rawValue && !sawHeader { return nil }
        // The total row carries amounts after its label.
        return row.cells[(i + 1)...].contains { $0.number != nil || Placeholder.isMark($0.text) } ? i : nil
    }

    /// The column a header cell names, from the cell's (cached) compact text.
    static func column(forCompact t: String, vocabulary: Vocabulary = .standard) -> Column? {
        column(forKey: HeaderKey.normalize(compacted: t), vocabulary: vocabulary)
    }

    /// The column a header cell names, from its `HeaderKey` (empty for a long cell: a merged
    /// paragraph repeated down a column is not a header).
    static func column(forKey key: String, vocabulary: Vocabulary) -> Column? {
        guard !key.isEmpty else { return nil }
        return columnTerms.first { vocabulary.matches($0.0, key: key) }?.1
    }

    /// A row label of the funding block (the total, a source of funds), by the vocabulary.
    static func isRowLabel(_ compact: String, vocabulary: Vocabulary = .standard) -> Bool {
        let key = HeaderKey.normalize(compacted: compact)
        return ([.fundingTotal] + sourceTerms).contains { vocabulary.matches($0, key: key) }
    }

    /// The funding columns `row` names when it is a funding header: three or more of them and no number.
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    func headerColumns(_ row: Row, keys: [String]) -> [Column]? {
        let columns = keys.compactMap { FundingCollector.column(forKey: $0, vocabulary: vocabulary) }
        guard columns.count >= 3, !row.compactTexts.contains(where: { PrintedNumber.parse($0) != nil }) else { return nil }
        return columns
    }

    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    mutating func add(_ row: Row, keys: [String]) {
        let texts = row.compactTexts
        if let headerColumns = headerColumns(row, keys: keys) {
            order = headerColumns
            // A caption over the label column may itself be a column word ("年度预算数(万元)" before
            // 年初预算 | 调整后预算数 | …): a first column named again later is that caption.
            if let column = headerColumns.first, headerColumns.dropFirst().contains(column) {
                order.removeFirst()
            }
            sawHeader = true
            return
        }
        if let i = totalIndex(row, keys: keys) {
            guard block == nil else { return }
            var b = FundingBlock(location: row.cells[i].location)
            let values = Array(row.cells[(i + 1)...])
            for (k, column) in order.enumerated() where k < values.count {
                let v = Value(values[k])
                switch column {
                case .initialBudget: b.initialBudget = v
                case .budget: b.budget = v
                case .executed: b.executed = v
                case .weight: b.weight = v
                case .rate: b.rate = v
                case .score: b.score = v
                }
            }
            block = b
            return
        }
        if texts.contains(where: { vocabulary.names(.byIncome, $0) || vocabulary.names(.byExpenditure, $0) }) {
            inItems = true
            return
        }
        if texts.contains(where: { $0.hasPrefix("年度总体目标") || $0.hasPrefix("绩效指标") || $0 == "预期目标" }) {
            inItems = false
            return
        }
        // "一般公共预算：2917.75" pairs may also come without the 按收入性质分 row
        // (PDF text prints that header as plain text).
        if inItems || (block != nil && row.cells.contains { FundingCollector.inlineItem($0.text) }) {
            collectItems(row)
            return
        }
        if let (i, term) = sourceLabel(keys) {
            let label = TextNormalizer.label(row.cells[i].text)
            sourceTermsSeen.insert(term)
            pendingSourceCells.append((label, row.cells[i].location, Array(row.cells[(i + 1)...])))
        }
    }

    /// The first cell that names a source of funds, and the source.
    private func sourceLabel(_ keys: [String]) -> (Int, Term)? {
        for (i, key) in keys.enumerated() {
            if let term = FundingCollector.sourceTerms.first(where: { vocabulary.matches($0, key: key) }) { return (i, term) }
        }
        return nil
    }

    /// Marks the start of the items when the 按收入性质分 header came as text.
    mutating func paragraph(_ p: Paragraph) {
        let text = p.text
        guard text.utf8.count <= 400 else { return }
        let t = TextNormalizer.compact(text)
        // PDF text prints a lone "其他资金：252.78" as a line of its own.
        if block != nil && FundingCollector.inlineItem(text) {
            collectItems(Row(cells: [Cell(text: text, location: p.location)], location: p.location))
            return
        }
        if block != nil && (vocabulary.names(.byIncome, t) || vocabulary.names(.byExpenditure, t)) { inItems = true }
        if t.hasPrefix("年度总体目标") || t.hasPrefix("预期目标") { inItems = false }
    }

    /// "一般公共预算：2917.75", "其中：基本支出：6078.90".
    static func inlineItem(_ raw: String) -> Bool {
        guard raw.utf8.count <= 200 else { return false }
        var t = TextNormalizer.compact(raw)
        if t.hasPrefix("其中：") || t.hasPrefix("其中:") { t.removeFirst(3) }
        let parts = t.split(separator: "：", maxSplits: 1)
        guard parts.count == 2, PrintedNumber.parse(String(parts[1])) != nil else { return false }
        let label = TextNormalizer.label(String(parts[0]))
        return incomeLabels.contains(label) || expenditureLabels.contains(label)
    }

    /// Reads "label：value" pairs, in one cell or as a label cell followed by its value cell.
    private mutating func collectItems(_ row: Row) {
        var k = 0
        let cells = row.cells
        while k < cells.count {
            let text = TextNormalizer.normalize(cells[k].text)
            // Strip "其中：" before the label; keep the value after the label's colon.
            var body = text
            // Without 其中 the pattern cannot match; most cells spare Foundation's regex.
            while body.containsText("其中"), let r = body.range(of: #"^\s*其中\s*[：:]\s*"#, options: .regularExpression) { body.removeSubrange(r) }
            let parts = body.split(separator: "：", maxSplits: 1, omittingEmptySubsequences: false)
            let label = TextNormalizer.label(String(parts[0]))
            let known = FundingCollector.incomeLabels.contains(label) || FundingCollector.expenditureLabels.contains(label)
            guard known else { k += 1; continue }
            let labelLocation = cells[k].location
            var value: Value?
            let inline = parts.count > 1 ? TextNormalizer.trim(String(parts[1])) : ""
            if !inline.isEmpty {
                value = Value(text: inline, location: cells[k].location)
                k += 1
            } else {
                // The value cell may sit after the empty cells of a merged label (Excel).
                var j = k + 1
                while j < cells.count, cells[j].compact.isEmpty { j += 1 }
                if j < cells.count, PrintedNumber.parse(cells[j].text) != nil || Placeholder.isMark(cells[j].text) {
                    value = Value(cells[j])
                    k = j + 1
                } else {
                    k += 1
                }
            }
            let item = LabeledValue(label: label, value: value, location: labelLocation)
            if FundingCollector.expenditureLabels.contains(label) { expenditure.append(item) } else { income.append(item) }
        }
    }

    func build() -> FundingBlock? {
        guard var b = block else { return nil }
        b.incomeItems = income
        b.expenditureItems = expenditure
        // Source rows share the funding row's columns: the first three amounts after the label.
        let amountColumns = order.prefix { [.initialBudget, .budget, .executed].contains($0) }
        b.sources = pendingSourceCells.map { src in
            var row = FundingSourceRow(label: src.label, location: src.location)
            for (k, column) in amountColumns.enumerated() where k < src.cells.count {
                let v = Value(src.cells[k])
                switch column {
                case .initialBudget: row.initialBudget = v
                case .budget: row.budget = v
                case .executed: row.executed = v
                default: break
                }
            }
            return row
        }
        if !b.sources.isEmpty && !sourceTermsSeen.isSuperset(of: FundingCollector.nationalSourceTerms) { b.sourcesPartial = true }
        let amounts = [b.initialBudget, b.budget, b.executed].filter { $0.map { !$0.compact.isEmpty } ?? false }
        if !sawHeader && amounts.count <= 1 { b.columnsUnnamed = true }
        return b
    }
}

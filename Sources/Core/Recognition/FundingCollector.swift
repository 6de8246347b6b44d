/// Recognises the funding block: the 年度资金总额 row, its header, the
/// 按收入性质分 / 按支出性质分 items and the source-of-funds rows of project forms.
struct FundingCollector {
    /// The columns of the funding row, in the order the header prints them.
    enum Column { case initialBudget, budget, executed, weight, rate, score }

    static let standardOrder: [Column] = [.initialBudget, .budget, .executed, .weight, .rate, .score]
    static let incomeLabels = ["一般公共预算", "政府性基金拨款", "政府性基金", "纳入专户管理的非税收入拨款", "纳入专户管理的非税收入",
                               "财政专户管理资金", "国有资本经营预算", "其他资金", "其他收入", "上年结转"]
    static let expenditureLabels = ["基本支出", "项目支出"]
    static let sourceLabels = ["当年财政拨款", "上年结转资金", "其他资金"]

    private var order: [Column] = FundingCollector.standardOrder
    private var block: FundingBlock?
    private var pendingSourceCells: [(label: String, location: SourceLocation, cells: [Cell])] = []
    private var inItems = false
    private var income: [LabeledValue] = []
    private var expenditure: [LabeledValue] = []

    var hasTotal: Bool { block != nil }

    static func isTotalRow(_ row: Row) -> Bool { labelIndex(row, matching: { $0 == "年度资金总额" }) != nil }

    static func labelIndex(_ row: Row, matching: (String) -> Bool) -> Int? {
        row.cells.firstIndex { matching(TextNormalizer.label(compacted: $0.compact)) }
    }

    /// The column a header cell names, from the cell's (cached) compact text.
    static func column(forCompact t: String) -> Column? {
        // A header names its column in a few words; a long cell (a merged paragraph repeated
        // down a column) is not a header, and scanning it for six labels per row was the bulk
        // of reading such a table.
        guard t.utf8.count <= 240 else { return nil }
        if t.containsText("年初预算") { return .initialBudget }
        if t.containsText("全年预算") || t == "预算数" { return .budget }
        if t.containsText("全年执行") || t.containsText("执行数") || t.containsText("实际支出") { return .executed }
        if t == "分值" || t == "分" { return .weight }
        if t.containsText("执行率") { return .rate }
        if t.hasSuffix("得分") { return .score }
        return nil
    }

    mutating func add(_ row: Row) {
        let texts = row.compactTexts
        // A header row names at least three funding columns.
        let headerColumns = row.cells.compactMap { FundingCollector.column(forCompact: $0.compact) }
        if headerColumns.count >= 3 && !texts.contains(where: { PrintedNumber.parse($0) != nil }) {
            order = headerColumns
            return
        }
        if let i = FundingCollector.labelIndex(row, matching: { $0 == "年度资金总额" }) {
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
        if texts.contains(where: { $0.containsText("按收入性质分") || $0.containsText("按支出性质分") }) {
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
        if let i = FundingCollector.labelIndex(row, matching: { l in FundingCollector.sourceLabels.contains(l) }) {
            let label = TextNormalizer.label(row.cells[i].text)
            pendingSourceCells.append((label, row.cells[i].location, Array(row.cells[(i + 1)...])))
        }
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
        if block != nil && (t.containsText("按收入性质分") || t.containsText("按支出性质分")) { inItems = true }
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
        return b
    }
}

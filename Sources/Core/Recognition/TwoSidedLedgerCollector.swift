/// Reads a two-sided budget table: the 收支总表 and 财政拨款收支总表 (and their 决算 forms), which
/// print the 收入 half and the 支出 half side by side, each with its own label column
/// ("本年收入⏎项目 | 预算数 | 本年支出⏎项目 | 预算数", or "收入⏎项目 | 决算数 | 支出⏎项目 | 合计 |
/// 一般公共预算 | 政府性基金 …").
///
/// Each half becomes one `LedgerTable` of the form, its `side` saying which half it is, with the
/// amount columns between its label column and the next half's. A half whose side has two label
/// columns (Jiangsu's 支出 half by 功能分类 beside the same 支出 by 用途) gives two ledgers of that
/// side. A row of a half counts when its label is printed, with or without an amount; spacer
/// lines count nowhere.
///
/// Nothing says which line is whose part (一、财政拨款收入 holds 1. 一般公共预算资金, but 收入总计
/// also adds 上年结转), so the rows are kept flat and none is marked a total: no sum is checked.
struct TwoSidedLedgerCollector {
    /// One half: its label column and its amount columns (up to the next label column).
    struct Half {
        var labelIndex: Int
        var amountIndices: Range<Int>
        var side: LedgerSide
        var columns: [String]
    }

    private let title: String
    private let location: SourceLocation
    private let halves: [Half]
    private var rows: [[LedgerRow]]
    /// The last row of each half had a numbered label ("七、文化旅游体育与传媒支"): a short
    /// unnumbered text under it with no amount is its wrapped end ("出"), not a line of its own.
    private var lastNumbered: [Bool]

    /// The halves of a header row, when it heads a two-sided table: two or more label columns, each
    /// followed by amount columns, and the 收入 and 支出 sides told apart by the header's words or
    /// by the form's title (a 收支总表 whose upper header row, "收 入 | 支 出", was read apart).
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    static func header(_ row: Row, keys: [String], title: String, vocabulary: Vocabulary) -> [Half]? {
        guard row.cells.count >= 4, !row.cells.contains(where: { $0.number != nil }) else { return nil }
        // A 科目编码 column makes it a coded table, read by its codes.
        if keys.contains(where: { vocabulary.matches(.subjectCode, key: $0) }) { return nil }
        let labels = keys.indices.filter { vocabulary.matches(.itemLabel, key: keys[$0]) }
        guard labels.count >= 2, labels.count <= 4 else { return nil }
        var halves: [Half] = []
        for (n, start) in labels.enumerated() {
            let end = n + 1 < labels.count ? labels[n + 1] : row.cells.count
            guard end > start + 1 else { return nil }
            let words = (start..<end).map { row.cells[$0].compact }
            let side: LedgerSide? = words.contains { vocabulary.mentions(.expenditureSide, compacted: $0) } ? .expenditure
                : words.contains { vocabulary.mentions(.incomeSide, compacted: $0) } ? .income : nil
            halves.append(Half(labelIndex: start, amountIndices: (start + 1)..<end, side: side ?? (n == 0 ? .income : .expenditure),
                               columns: words.dropFirst().map { $0 }))
            if side == nil && !vocabulary.mentions(.overviewTable, compacted: TextNormalizer.compact(title)) { return nil }
        }
        // The 收入 half comes first, the 支出 half after it.
        guard halves[0].side == .income, halves.dropFirst().allSatisfy({ $0.side == .expenditure }) else { return nil }
        return halves
    }

    init(title: String, halves: [Half], location: SourceLocation) {
        self.title = title
        self.halves = halves
        self.location = location
        rows = halves.map { _ in [] }
        lastNumbered = halves.map { _ in false }
    }

    /// Adds a body row; false when the row is not part of the table (a note under it, another
    /// table's header), and the table has ended.
    mutating func add(_ row: Row, keys: [String], vocabulary: Vocabulary) -> Bool {
        if row.isBlank { return true }
        let texts = row.cells.map(\.compact).filter { !$0.isEmpty }
        if let first = texts.first, first.hasPrefix("注") || first.hasPrefix("说明") { return false }
        if LedgerCollector.header(row, keys: keys, vocabulary: vocabulary) != nil { return false }
        // The header again over a page, or the column numbers under it.
        if TwoSidedLedgerCollector.header(row, keys: keys, title: title, vocabulary: vocabulary) != nil || CodedLedgerCollector.isColumnNumbering(row) { return true }
        for (h, half) in halves.enumerated() {
            addHalf(h, half, row)
        }
        return true
    }

    private mutating func addHalf(_ h: Int, _ half: Half, _ row: Row) {
        let cells = row.cells
        let values: [Value?] = half.amountIndices.map { $0 < cells.count ? Value(cells[$0]) : nil }
        var labelCell = half.labelIndex < cells.count ? cells[half.labelIndex] : nil
        // A label printed in the first amount column of its half (a wide label shifted right).
        if labelCell?.compact.isEmpty ?? true, let first = half.amountIndices.first, first < cells.count,
           !cells[first].compact.isEmpty, cells[first].number == nil, !Placeholder.tokens.contains(cells[first].compact) {
            labelCell = cells[first]
        }
        guard let cell = labelCell, !cell.compact.isEmpty, cell.number == nil, !Placeholder.tokens.contains(cell.compact) else { return }
        let compact = cell.compact
        let hasAmount = values.contains { $0?.number != nil }
        let numbered = TextPatterns.strippingListPrefixes(compact) != compact
        if !numbered, !hasAmount, lastNumbered[h], compact.count <= 3, !compact.hasSuffix("计"), var last = rows[h].popLast() {
            last.label += compact
            rows[h].append(last)
            lastNumbered[h] = false
            return
        }
        lastNumbered[h] = numbered && !hasAmount
        rows[h].append(LedgerRow(label: TextNormalizer.compact(TextNormalizer.normalize(cell.text)), location: cell.location, values: values))
    }

    /// One ledger per half, empty halves included (a 收入 half printed with labels only still
    /// shows the table's lines).
    func build(unit: String?) -> [LedgerTable] {
        zip(halves, rows).map { half, rows in
            var table = LedgerTable(title: title, location: location, columns: half.columns, rows: rows)
            table.side = half.side
            table.unit = unit
            return table
        }
    }

    /// Rows read over all halves.
    var rowCount: Int { rows.reduce(0) { $0 + $1.count } }
}

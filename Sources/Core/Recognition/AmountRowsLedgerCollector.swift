/// Reads a budget table of named amount columns over rows of amounts, without codes: the
/// “三公”经费 table (and the 三公经费和机关运行经费 table: 合计, 因公出国（境）费, 公务用车购置及运行费,
/// 公务接待费, 机关运行经费 …) and a 支出总表 printed as one line under 合计 | 基本支出 | 项目支出.
/// One row of amounts, or one row per unit when a 单位名称/项目 column leads.
///
/// The data rows become one `LedgerTable` whose columns are the header's texts. 合计 =
/// 因公出国 + 公务用车 + 公务接待 is a horizontal identity, and how the merged header cells repeat
/// over the columns differs by template, so the rows are kept flat and none is marked a total:
/// no sum is checked.
struct AmountRowsLedgerCollector {
    private let title: String
    private let location: SourceLocation
    /// The label column (单位名称, 项目), when one leads the header.
    private let labelIndex: Int?
    private let columns: [String]
    private var rows: [LedgerRow] = []

    /// A header row without numbers or 科目 columns that names two or more of the 三公 columns, or
    /// whose first column is 合计 and that has no label column (the amounts stand alone).
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    static func isHeader(_ row: Row, keys: [String], vocabulary: Vocabulary) -> Bool {
        guard !row.cells.contains(where: { $0.number != nil }),
              !keys.contains(where: { vocabulary.matches(.subjectCode, key: $0) || vocabulary.matches(.subjectName, key: $0) }) else { return false }
        // Header cells are short names ("其中：公务用车购置" is one); a sentence cut into cells
        // ("公务用车购置及运行维护费：2026 | 年安排公务用车") is not.
        guard row.cells.allSatisfy({ $0.compact.count <= 40 && !TextPatterns.hasColonDigit($0.compact) }) else { return false }
        if row.cells.filter({ vocabulary.mentions(.threePublic, compacted: $0.compact) }).count >= 2 { return true }
        let named = keys.filter { !$0.isEmpty }
        return named.count >= 3 && keys.first.map { vocabulary.matches(.ledgerTotal, key: $0) } == true
            && !keys.contains { vocabulary.matches(.itemLabel, key: $0) }
    }

    /// - Parameter keys: `HeaderKey.keys(of: header)`.
    init(title: String, header: Row, keys: [String], vocabulary: Vocabulary) {
        self.title = title
        location = header.location
        // A first column named 单位名称/项目, or left blank over the rows' names ("合计", the unit).
        let first = header.cells.first?.compact ?? ""
        let label = keys.first.flatMap { vocabulary.matches(.itemLabel, key: $0) || first.isEmpty ? 0 : nil }
        labelIndex = label
        columns = header.cells.dropFirst(label == nil ? 0 : 1).map(\.compact)
    }

    /// Adds a row; false when the table has ended (a row without amounts after its data rows).
    mutating func add(_ row: Row, vocabulary: Vocabulary) -> Bool {
        if row.isBlank || CodedLedgerCollector.isColumnNumbering(row) { return true }
        let hasAmount = row.cells.contains { $0.number != nil }
        guard hasAmount else {
            // Header lines the reader left apart come before the data; anything after ends it.
            return rows.isEmpty && !(row.cells.first?.compact.hasPrefix("注") ?? false)
        }
        // A data row holds amounts (and its label); text among them is not this table's.
        let amountCells = row.cells.indices.filter { $0 != labelIndex && !row.cells[$0].compact.isEmpty }
        guard amountCells.allSatisfy({ row.cells[$0].number != nil || Placeholder.tokens.contains(row.cells[$0].compact) }) else { return false }
        let first = labelIndex ?? 0
        let label = labelIndex.map { $0 < row.cells.count ? TextNormalizer.label(row.cells[$0].text) : "" } ?? ""
        let values: [Value?] = columns.indices.map { k in
            let i = first + (labelIndex == nil ? 0 : 1) + k
            return i < row.cells.count ? Value(row.cells[i]) : nil
        }
        rows.append(LedgerRow(label: label, location: row.cells.first?.location ?? row.location, values: values))
        return true
    }

    func build(unit: String?) -> LedgerTable? {
        guard !rows.isEmpty else { return nil }
        var table = LedgerTable(title: title, location: location, columns: columns, rows: rows)
        table.unit = unit
        return table
    }
}

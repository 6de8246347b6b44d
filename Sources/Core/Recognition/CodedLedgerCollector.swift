/// Recognises budget and final-account tables by the shape of their rows, wherever
/// (and whether) their header was read: a subject code (`204`, `204 06 01`,
/// `2040601`, `[204]`, or 类/款/项 in columns of their own), a name, then amounts.
///
/// Headers of these tables span two or three lines, wrap, and are often read as
/// text rather than as a row; the rows themselves say what they are. Parents follow
/// from the codes (204 ⊃ 20406 ⊃ 2040601; 301 ⊃ 30101).
struct CodedLedgerCollector {
    /// One row read by its shape.
    struct Line {
        var code: String?
        var name: Cell
        var amounts: [Cell]
        var isTotal: Bool
        /// The code could not be placed with certainty (a lone 款/项 part with no column position).
        var ambiguous: Bool
        /// How many cells the row had, blanks included.
        var cellCount: Int
        /// The row had an empty cell between or after its values (a grid keeps blanks).
        var hasBlank: Bool
        /// The index of the row's cell its first amount stands in.
        var amountStart: Int
        /// A second classification (its code and name) stood between the name and the amounts.
        var skippedSecondClassification = false
    }

    private let title: String
    private let location: SourceLocation
    private let vocabulary: Vocabulary
    private var lines: [Line] = []
    private var lastCode: String?
    /// A row with amounts inside the ledger could not be read as a line: some child is
    /// missing, so no sum in this ledger can be trusted.
    private var lostRow = false

    init(title: String, location: SourceLocation, vocabulary: Vocabulary) {
        self.title = title
        self.location = location
        self.vocabulary = vocabulary
    }

    /// The row as a coded ledger line, if it has that shape. `previous` is the code of the
    /// line above, which 款/项 parts printed without their 类 continue.
    static func parse(_ row: Row, previous: String?, vocabulary: Vocabulary) -> Line? {
        let cells = row.cells
        var i = 0
        while i < cells.count, cells[i].compact.isEmpty { i += 1 }
        let leadingBlanks = i
        var full: String?
        var parts: [String] = []
        var name: Cell?
        while i < cells.count {
            let c = cells[i]
            if c.compact.isEmpty { i += 1; continue }
            if full == nil && parts.isEmpty, let f = SubjectCode.full(c.text) { full = f; i += 1; continue }
            if parts.count < 2, let p = SubjectCode.part(c.text), full == nil || full!.count + 2 * (parts.count + 1) <= 7 { parts.append(p); i += 1; continue }
            break
        }
        guard i < cells.count else { return nil }
        if full == nil && parts.isEmpty, let (code, rest) = SubjectCode.leading(cells[i].text) {
            full = code
            var named = cells[i]
            named.text = rest
            name = named
        } else {
            name = cells[i]
        }
        guard var nameCell = name, !nameCell.compact.isEmpty, nameCell.number == nil, !Placeholder.isMark(nameCell.text) else { return nil }
        // A letter-spaced total ("合　　计") whose wide gap split it over the code and name columns:
        // the two one-character cells are one label.
        var firstAmount = i + 1
        if full == nil && parts.isEmpty, nameCell.compact.count == 1, i + 1 < cells.count, cells[i + 1].compact.count == 1,
           vocabulary.matches(.ledgerTotal, key: HeaderKey.normalize(compacted: nameCell.compact + cells[i + 1].compact)) {
            nameCell.text = nameCell.compact + cells[i + 1].compact
            firstAmount = i + 2
        }
        // Amounts: every cell after the name is a number, a placeholder or blank, and one is a number.
        let second = firstAmount == i + 1 ? secondClassificationEnd(cells, after: i) : nil
        let amountStart = second ?? firstAmount
        var amounts = Array(cells[amountStart...])
        while let last = amounts.last, last.compact.isEmpty { amounts.removeLast() }
        guard amounts.contains(where: { $0.number != nil }),
              amounts.allSatisfy({ $0.compact.isEmpty || $0.number != nil || Placeholder.isMark($0.text) }) else { return nil }
        if full == nil && parts.isEmpty {
            guard vocabulary.matches(.ledgerTotal, key: HeaderKey.normalize(compacted: nameCell.compact)) else { return nil }
            return Line(code: nil, name: nameCell, amounts: amounts, isTotal: true, ambiguous: false, cellCount: cells.count,
                        hasBlank: cells.contains { $0.compact.isEmpty }, amountStart: amountStart, skippedSecondClassification: second != nil)
        }
        var code: String
        var ambiguous = false
        if let f = full {
            code = f + parts.joined()
        } else {
            // 款/项 without their 类: the class (and 款) come from the line above.
            guard let prev = previous else { return nil }
            if parts.count == 2 {
                code = String(prev.prefix(3)) + parts.joined()
            } else if leadingBlanks == 1 {
                code = String(prev.prefix(3)) + parts[0]
            } else if leadingBlanks == 2, prev.count >= 5 {
                code = String(prev.prefix(5)) + parts[0]
            } else {
                code = String(prev.prefix(3)) + parts[0]
                ambiguous = true
            }
        }
        if code.count > 7 { code = String(code.prefix(7)); ambiguous = true }
        nameCell.text = TextNormalizer.trim(nameCell.text)
        return Line(code: code, name: nameCell, amounts: amounts, isTotal: false, ambiguous: ambiguous, cellCount: cells.count,
                    hasBlank: cells.contains { $0.compact.isEmpty }, amountStart: amountStart, skippedSecondClassification: second != nil)
    }

    /// In a grid, a 合计 printed in the code column leaves the code and name cells after it blank
    /// ("合计 |  |  | 1,416.84 | …"): those blanks are not amounts, so its amounts start in the
    /// column the coded rows' amounts start in.
    static func alignTotals(_ lines: inout [Line]) {
        var starts: [Int: Int] = [:]
        for line in lines where line.code != nil { starts[line.amountStart, default: 0] += 1 }
        guard let start = starts.max(by: { $0.value < $1.value || $0.value == $1.value && $0.key > $1.key })?.key else { return }
        shift(&lines, to: start) { $0.isTotal }
    }

    /// Moves the amounts of the lines `which` selects to start in column `start`, where the cells
    /// between are blank (cells of columns the line does not fill), so every line's amounts stand
    /// in the same columns.
    static func shift(_ lines: inout [Line], to start: Int, _ which: (Line) -> Bool) {
        for k in lines.indices where which(lines[k]) && lines[k].amountStart < start {
            let extra = start - lines[k].amountStart
            guard extra < lines[k].amounts.count, lines[k].amounts.prefix(extra).allSatisfy({ $0.compact.isEmpty }) else { continue }
            lines[k].amounts.removeFirst(extra)
            lines[k].amountStart = start
        }
    }

    /// The halves of a row that prints two coded tables side by side (a 决算's 基本支出表: 人员经费 on the
    /// left, 公用经费 on the right, each "code name amount"), each a row of its own to be read as a ledger
    /// line; an empty list for a row of the halves' own totals ("人员经费合计 649.20 公用经费合计 97.19"),
    /// which add up one half each, not the ledger; nil when the row is not two halves.
    static func sideBySide(_ row: Row, vocabulary: Vocabulary) -> [Row]? {
        let cells = row.cells
        guard cells.count >= 4 else { return nil }
        for j in 2..<cells.count where cells[..<j].last(where: { !$0.compact.isEmpty })?.number != nil {
            let head = cells[j].compact
            let isCode = SubjectCode.full(cells[j].text) != nil
            guard isCode || head.hasSuffix("合计") && head.count > 2 else { continue }
            let left = Row(cells: Array(cells[..<j]), location: row.location)
            let right = Row(cells: Array(cells[j...]), location: cells[j].location)
            if isCode {
                guard let l = parse(left, previous: nil, vocabulary: vocabulary), l.code != nil,
                      let r = parse(right, previous: nil, vocabulary: vocabulary), r.code != nil else { continue }
                return [left, right]
            }
            // Two labelled totals, each followed by its amount.
            let first = cells[..<j].first { !$0.compact.isEmpty }
            if let f = first, f.compact.hasSuffix("合计"), f.compact.count > 2, cells[(j + 1)...].contains(where: { $0.number != nil }) { return [] }
        }
        return nil
    }

    /// Where the amounts start when a second classification stands between the name at
    /// `nameIndex` and the amounts: 基本支出 tables print each 部门经济分类 line beside the
    /// 政府经济分类 it maps to ("30101 基本工资 | 50101 工资奖金津补贴 | 442.38 …"). That is a
    /// code cell (or a 类 cell and a blank 款 cell) then a name, or one cell holding both, followed
    /// by at least one number; nil when the row has no such pair.
    static func secondClassificationEnd(_ cells: [Cell], after nameIndex: Int) -> Int? {
        var j = nameIndex + 1
        var codes = 0
        if j < cells.count, cells[j].number == nil, SubjectCode.leading(cells[j].text) != nil {
            j += 1
        } else {
            while j < cells.count, j - nameIndex <= 3, cells[j].compact.isEmpty || SubjectCode.full(cells[j].text) != nil || codes > 0 && SubjectCode.part(cells[j].text) != nil {
                if !cells[j].compact.isEmpty { codes += 1 }
                j += 1
            }
            guard codes > 0, codes <= 2, j < cells.count, !cells[j].compact.isEmpty, cells[j].number == nil,
                  !Placeholder.isMark(cells[j].text), SubjectCode.full(cells[nameIndex + 1].text) != nil else { return nil }
            j += 1
        }
        guard cells[j...].contains(where: { $0.number != nil }) else { return nil }
        return j
    }

    /// Adds a row; false when the ledger has ended (a row with amounts of another shape).
    mutating func add(_ row: Row) -> Bool {
        if let line = CodedLedgerCollector.parse(row, previous: lastCode, vocabulary: vocabulary) {
            // A table continued on the next page may print its 合计 again above the rest.
            if line.isTotal, lines.contains(where: { $0.isTotal && $0.amounts.map(\.compact) == line.amounts.map(\.compact) }) { return true }
            // A table that printed its 合计 above its items ends where another 合计 begins the next one.
            if line.isTotal, lines.first?.isTotal == true, lines.contains(where: { $0.code != nil }) { return false }
            // Coded lines after the total belong to the next table.
            if line.code != nil, lines.last?.isTotal == true, lines.contains(where: { $0.code != nil }) { return false }
            if let c = line.code { lastCode = c }
            lines.append(line)
            return true
        }
        // Page headers, repeated column headers, column numbers and blank rows carry no amounts.
        if row.cells.contains(where: { $0.number != nil }) && lines.last?.isTotal != true && !CodedLedgerCollector.isColumnNumbering(row) {
            lostRow = true
        }
        return true
    }

    /// Codes of lines that were read as text instead of as rows (a table's last line alone on
    /// the next page): their parents saw only part of their children.
    private var lostCodes: [String] = []

    /// A line of this ledger, with this code, was read as something else (text).
    mutating func markLostRow(code: String) { lostCodes.append(code) }

    /// The row that numbers the columns ("** ** 1 2 3", "栏次 1 2 3").
    static func isColumnNumbering(_ row: Row) -> Bool {
        var expected = 1
        for c in row.cells where !c.compact.isEmpty {
            if c.compact == "**" || c.compact == "栏次" || c.compact == "行次" { continue }
            guard c.compact.count <= 2, Int(c.compact) == expected else { return false }
            expected += 1
        }
        return expected > 2
    }

    /// The most amounts a line has so far (0 before the first line).
    var width: Int { readLines().lines.map(\.amounts.count).max() ?? 0 }

    /// The lines with their amounts in their columns, and whether they form a grid: rows of one
    /// grid (every row the same number of cells, blanks included) keep each amount in its column.
    /// Text split at spaces never has a blank cell, so only a table that shows one is a grid.
    private func readLines() -> (lines: [Line], grid: Bool) {
        let grid = Set(lines.map(\.cellCount)).count == 1 && lines.contains { $0.hasBlank }
        var aligned = alignedToSecondClassification(lines)
        if grid { Self.alignTotals(&aligned) }
        return (aligned, grid)
    }

    /// The ledger, or nil when fewer than two coded lines (or one and a total) were read. Its column names are
    /// taken from `headerTexts` when it names them.
    func build(headerTexts: ColumnNames, unit: String?) -> LedgerTable? {
        let (lines, grid) = readLines()
        let width = lines.map(\.amounts.count).max() ?? 0
        let coded = lines.filter { $0.code != nil }
        guard coded.count >= 2 || coded.count == 1 && lines.contains(where: \.isTotal) else { return nil }
        // Outside a grid, lines whose amounts do not fill every column lost a blank cell
        // somewhere (text layouts drop them), so no column can be trusted; nor can a code
        // placed by guess.
        // Such a ledger is kept, to be seen in the model, without any parent to check.
        // Rows of one grid (every row the same number of cells, blanks included) keep each
        // amount in its column, and a missing last amount is a blank.
        // Text split at spaces never has a blank cell, so only a table that shows one is a grid.
        // The first amount column is the line's total (合计, 小计, 预算数); a line that leaves it
        // blank while printing a later amount had its amounts read into the wrong columns (a page
        // whose columns were placed differently), so no sum of the ledger can be trusted.
        let shifted = lines.contains { $0.amounts.first?.compact.isEmpty == true && $0.amounts.dropFirst().contains { $0.number != nil } }
        let trusted = !lostRow && !shifted && !lines.contains { $0.ambiguous || !grid && $0.amounts.count != width }
        var rows: [LedgerRow] = []
        // The latest row of each code: a parent is the longest proper prefix seen so far.
        var latest: [String: Int] = [:]
        for line in lines {
            let values: [Value?] = line.amounts.map { Value($0) }
            var parent: Int?
            if trusted, let code = line.code {
                parent = [5, 3].lazy.filter { $0 < code.count }.compactMap { latest[String(code.prefix($0))] }.first
                latest[code] = rows.count
            }
            rows.append(LedgerRow(label: line.name.compact, code: line.code, location: line.name.location, values: values,
                                  parent: parent, isTotal: trusted && line.isTotal))
        }
        // A parent of a lost line saw only some of its children: their sum may only not exceed it.
        for lost in lostCodes {
            let ancestors = Set([3, 5].filter { $0 < lost.count }.map { String(lost.prefix($0)) })
            for k in rows.indices {
                if let p = rows[k].parent, let pc = rows[p].code, ancestors.contains(pc) { rows[k].partial = true }
            }
            if lost.count == 3 { for k in rows.indices where rows[k].isTotal { rows[k].isTotal = false } }
        }
        // A total adds up the 类 lines; if the ledger's top lines are not all 类 codes, its
        // start was lost (a page or a header read as text) and the total cannot be checked.
        let topLevel = rows.filter { $0.parent == nil && !$0.isTotal && $0.code != nil }
        if topLevel.contains(where: { ($0.code?.count ?? 0) != 3 }) {
            for k in rows.indices where rows[k].isTotal { rows[k].isTotal = false }
        }
        // In a grid the trailing columns no line fills still stand under their names: a header
        // line of free text ends with theirs, not with those of the last filled column.
        let columnCount = grid ? max(width, lines.map { $0.cellCount - $0.amountStart }.max() ?? width) : width
        let names = headerTexts.names(for: columnCount)
        var table = LedgerTable(title: title, location: location, columns: names, rows: rows)
        table.unit = unit
        return table
    }
}

extension CodedLedgerCollector {
    /// In a grid whose lines print a second classification, a line without one (a 类 line, the
    /// 合计) keeps blank cells where the pair stands: those are dropped, so that every line's
    /// amounts start in the same column.
    func alignedToSecondClassification(_ lines: [Line]) -> [Line] {
        guard Set(lines.map(\.cellCount)).count == 1,
              let start = lines.filter(\.skippedSecondClassification).map(\.amountStart).max() else { return lines }
        var aligned = lines
        Self.shift(&aligned, to: start) { !$0.skippedSecondClassification }
        return aligned
    }
}

/// The names of a ledger's amount columns, as a header gave them.
struct ColumnNames: Equatable {
    var names: [String] = []
    /// True when the names stand over the amounts one to one, from the first amount on (a header
    /// row of the table); false for a header line of free text, whose last names are the amounts'.
    var aligned = false

    /// The names of `width` amount columns; "第N列" where the header gives none.
    func names(for width: Int) -> [String] {
        let n = max(width, 1)
        let picked: [String]
        if aligned { picked = Array(names.prefix(n)) } else { picked = names.count >= n ? Array(names.suffix(n)) : [] }
        return (0..<n).map { k in k < picked.count && !picked[k].isEmpty ? picked[k] : "第\(k + 1)列" }
    }
}

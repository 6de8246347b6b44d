import Foundation

/// Recognises the indicator table: a header row naming 三级指标 and the other
/// columns, then one row per indicator until 总分.
struct IndicatorCollector {
    enum Column: Equatable { case level1, level1Weight, level2, level2Weight, name, comparator, target, unit, actual, weight, score, note }

    struct Header {
        var columns: [Column?]
        var count: Int { columns.count }
        func index(_ c: Column) -> Int? { columns.firstIndex { $0 == c } }
        /// The target is printed in up to three cells: 指标性质, 指标值, 度量单位.
        var splitsTarget: Bool { index(.comparator) != nil || index(.unit) != nil }
    }

    private let header: Header
    private let location: SourceLocation
    private let vocabulary: Vocabulary
    private var groups: [IndicatorGroup] = []
    private var rows: [IndicatorRow] = []
    private var total: TotalRow?
    private var currentGroup: Int?
    private var currentLevel2 = ""
    /// The alignment rows of a given length had when it was clear.
    private var decidedAlignment: [Int: Int] = [:]
    /// A row cut short by a blank line inside a cell, waiting for its second half.
    private var pending: Row?
    /// Note text printed above the row it belongs to, waiting for that row.
    private var carriedNote: Value?

    init(header: Header, location: SourceLocation, vocabulary: Vocabulary) {
        self.header = header
        self.location = location
        self.vocabulary = vocabulary
    }

    /// The vocabulary terms of the columns, in the order they are tried.
    static let columnTerms: [(Term, Column)] = [(.targetComparator, .comparator), (.measureUnit, .unit),
                                                (.level1, .level1), (.level2, .level2), (.indicator, .name), (.actual, .actual),
                                                (.target, .target), (.weight, .weight), (.score, .score), (.deviationNote, .note)]

    /// The column a header cell names, from the cell's (cached) compact text.
    static func column(forCompact t: String, vocabulary: Vocabulary = .standard) -> Column? {
        column(forKey: HeaderKey.normalize(compacted: t), vocabulary: vocabulary)
    }

    /// The column a header cell names, from its `HeaderKey`.
    static func column(forKey key: String, vocabulary: Vocabulary) -> Column? {
        guard !key.isEmpty else { return nil }
        return columnTerms.first { vocabulary.matches($0.0, key: key) }?.1
    }

    /// The column each of a row's cells names (nil where none), from `HeaderKey.keys(of: row)`:
    /// worked out once per row for both header tests below.
    static func columns(_ keys: [String], vocabulary: Vocabulary) -> [Column?] {
        keys.map { column(forKey: $0, vocabulary: vocabulary) }
    }

    /// The header row of an indicator table, if a row naming `columns` is one. A 分值/权重 column
    /// right after the 一级 or 二级 column is that level's weight, not the indicators'.
    static func header(columns: [Column?]) -> Header? {
        var cols = columns
        guard cols.contains(.name), cols.contains(.target) || cols.contains(.actual) else { return nil }
        for i in cols.indices.dropFirst() where cols[i] == .weight {
            if cols[i - 1] == .level1 { cols[i] = .level1Weight } else if cols[i - 1] == .level2 { cols[i] = .level2Weight }
        }
        return Header(columns: cols)
    }

    /// True when a row naming `columns` is the upper row of a two-row header: three or more of
    /// 年度指标值, 实际完成值, 分值, 得分, 偏差原因 over a lower row that names 一级/二级/三级 and
    /// splits the target ("绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差原因分析及改进措施"
    /// over "一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位").
    static func isUpperHeader(_ columns: [Column?]) -> Bool {
        !columns.contains(.name) && columns.filter({ [.target, .actual, .weight, .score, .note].contains($0) }).count >= 3
    }

    /// One header from a two-row header: the lower row's columns, then the upper row's columns
    /// that stand right of the last column both name (the target, split below into its cells).
    static func stacked(upper: [Column?], lower: Header) -> Header {
        let named = upper.compactMap { $0 }
        let shared = named.lastIndex { lower.columns.contains($0) }
        let rest = named[(shared.map { $0 + 1 } ?? 0)...].filter { !lower.columns.contains($0) }
        return Header(columns: lower.columns + rest.map { Optional($0) })
    }

    /// "产出指标（50分）" → ("产出指标", "50").
    static func heading(_ raw: String) -> (name: String, weight: String?)? {
        let t = TextNormalizer.compact(raw)
        guard !t.isEmpty else { return nil }
        if let r = TextPatterns.weightSuffix(t, loose: false) {
            let name = String(t[..<r.lowerBound])
            let weight = t[r].filter { $0.isNumber || $0 == "." }
            return (name, String(weight))
        }
        return (t, nil)
    }

    /// Adds a row; returns false when the table has ended (the 总分 row).
    mutating func add(_ row: Row) -> Bool {
        let nonEmpty = row.cells.filter { !$0.compact.isEmpty }
        // A 合计 line before any indicator is the amounts' total of a table that lists projects and
        // their indicators together (合计 | 417.41), not the indicators' 总分: the table goes on.
        if let first = nonEmpty.first, rows.isEmpty, groups.isEmpty, pending == nil,
           !vocabulary.matches(.grandTotal, key: HeaderKey.normalize(compacted: first.compact)),
           vocabulary.matches(.ledgerTotal, key: HeaderKey.normalize(compacted: first.compact)) {
            return true
        }
        if let first = nonEmpty.first, vocabulary.matches(.grandTotal, key: HeaderKey.normalize(compacted: first.compact))
            || vocabulary.matches(.ledgerTotal, key: HeaderKey.normalize(compacted: first.compact)) && nonEmpty.count <= 4 {
            flushPending()
            let rest = Array(nonEmpty.dropFirst())
            total = TotalRow(weight: rest.first.map(Value.init), score: rest.dropFirst().first.map(Value.init), location: first.location)
            return false
        }
        if nonEmpty.isEmpty { return true }
        var r = row
        if let p = pending {
            pending = nil
            let joined = p.cells.count + row.cells.count - 1
            if joined == header.count || joined == header.count + 1 {
                // The blank line was inside a cell ("产出指标" … "（40分）"): join the halves.
                var cells = p.cells
                cells[cells.count - 1].text += "\n" + row.cells[0].text
                cells += row.cells.dropFirst()
                r = Row(cells: cells, location: p.location)
            } else {
                interpret(p)
            }
        }
        if r.cells.count < header.count && r.cells.count > 1 && !looksComplete(r) {
            pending = r
            return true
        }
        interpret(r)
        return true
    }

    /// A short row that already ends with the weight/score pair stands on its own.
    private func looksComplete(_ row: Row) -> Bool {
        let tail = row.cells.suffix(3).map(\.compact)
        return tail.contains { PrintedNumber.parse($0) != nil }
    }

    private mutating func flushPending() {
        if let p = pending { pending = nil; interpret(p) }
    }

    /// Maps a row's cells to columns: by position when it has all the columns,
    /// aligned right when leading merged cells are missing.
    private mutating func interpret(_ row: Row) {
        let cells = row.cells
        let nonEmpty = cells.filter { !$0.compact.isEmpty }
        // A lone cell: the repeated text of a merged 一级/二级 cell.
        if nonEmpty.count == 1 && (cells.count == 1 || cells.count < header.count / 2) {
            noteHeading(nonEmpty[0])
            return
        }
        let cell: (Column) -> Cell?
        if header.splitsTarget && cells.count != header.count {
            let slots = slotted(nonEmpty)
            cell = { slots[$0] }
        } else {
            let offset = alignment(cells)
            let header = self.header
            cell = { c in
                guard let i = header.index(c) else { return nil }
                let j = i + offset
                return j >= 0 && j < cells.count ? cells[j] : nil
            }
        }
        if let l1 = cell(.level1), !l1.compact.isEmpty, isLevel1Heading(l1.compact) || l1.compact.hasPrefix("（") || l1.compact.hasPrefix("(") || header.index(.level1Weight) != nil {
            noteGroup(l1, weightCell: cell(.level1Weight))
        }
        if let l2 = cell(.level2), !l2.compact.isEmpty {
            // Right alignment can leave a 一级 heading in the 二级 column; "成本指标"
            // there is the 二级 of 产出指标 unless it carries a weight.
            if isLevel1Heading(l2.compact) && (l2.compact.hasSuffix("分）") || l2.compact.hasSuffix("分)") || !l2.compact.hasPrefix("成本指标")) {
                noteGroup(l2)
            } else {
                currentLevel2 = l2.compact
            }
        }
        guard let nameCell = cell(.name) else { return }
        // A row with no 三级指标, 年度指标值, 分值 or 得分 is no indicator: it holds the rest of cells centred
        // over a taller row (a 偏差原因 note, an 实际完成值, a 一级/二级 name) printed on lines of their own.
        var weight = cell(.weight).map(Value.init)
        if header.index(.weight) == nil, let target = cell(.target), let t = cells.firstIndex(where: { $0.location == target.location }) {
            weight = trailingWeight(cells, after: t)
        }
        if [nameCell, cell(.target), cell(.score)].allSatisfy({ $0?.compact.isEmpty ?? true }) && (weight?.compact.isEmpty ?? true) {
            if let note = cell(.note), !note.compact.isEmpty { carry(note) }
            return
        }
        let content = [nameCell, cell(.target), cell(.actual), cell(.weight), cell(.score)].compactMap { $0 }
        if content.allSatisfy({ $0.compact.isEmpty }) && weight == nil { return }
        var note = cell(.note).map(Value.init)
        if let carried = carriedNote {
            carriedNote = nil
            if var n = note, !n.compact.isEmpty { n.text = carried.text + "\n" + n.text; note = n } else { note = carried }
        }
        var target = cell(.target).map(Value.init), actual = cell(.actual).map(Value.init)
        if header.splitsTarget { (target, actual) = Self.joined(target: target, actual: actual, comparator: cell(.comparator), unit: cell(.unit)) }
        rows.append(IndicatorRow(group: currentGroup, level2: currentLevel2, name: Value(nameCell),
                                 target: target, actual: actual,
                                 weight: weight, score: cell(.score).map(Value.init), note: note,
                                 location: nameCell.location))
    }

    /// A target printed in three cells read as one ("≥" "85" "%" → "≥85%"), and a bare-number
    /// actual given the unit the 度量单位 column prints for both ("80" → "80%"). A 指标性质 that
    /// is no comparator (定性, 定量, 正向) adds nothing. Each keeps the location of its value cell.
    static func joined(target: Value?, actual: Value?, comparator: Cell?, unit: Cell?) -> (Value?, Value?) {
        let unitText = unit.map { TextNormalizer.compact($0.text) }.flatMap { $0.isEmpty || Placeholder.isMark($0) ? nil : $0 } ?? ""
        let symbol = comparator.flatMap { Quantity.comparator(cell: $0.text) }?.rawValue ?? ""
        var t = target, a = actual
        if var v = t, !v.isPlaceholder {
            let bare = PrintedNumber.parse(v.text) != nil
            v.text = symbol + TextNormalizer.trim(v.text) + (bare ? unitText : "")
            t = v
        }
        if var v = a, !v.isPlaceholder, PrintedNumber.parse(v.text) != nil, !unitText.isEmpty {
            v.text = TextNormalizer.trim(v.text) + unitText
            a = v
        }
        return (t, a)
    }

    /// The cells of a row whose empty cells were lost (a cell stream), placed by what they hold,
    /// in the header's order: optional 一级 and 二级 headings, the name; from the end the note
    /// (text after the last two numbers), the 得分 and the 分值; between them the 指标性质 when it
    /// is one, the 指标值, the 度量单位 when it looks like one, and the 实际完成值.
    private func slotted(_ cells: [Cell]) -> [Column: Cell] {
        var slots: [Column: Cell] = [:]
        var lo = 0, hi = cells.count
        let isScore = CellStreamAligner.isScore
        if hi > lo, header.index(.note) != nil, !isScore(cells[hi - 1]), hi - 1 > lo + 2 { hi -= 1; slots[.note] = cells[hi] }
        // 分值 and 得分 are the last two numbers; a lone number there is either (a form left
        // unscored prints only the 分值), so it is neither.
        if header.index(.score) != nil, header.index(.weight) != nil, hi > lo + 3, isScore(cells[hi - 1]), isScore(cells[hi - 2]) {
            slots[.score] = cells[hi - 1]; slots[.weight] = cells[hi - 2]; hi -= 2
        } else if header.index(.score) == nil, header.index(.weight) != nil, hi > lo + 2, isScore(cells[hi - 1]) {
            hi -= 1; slots[.weight] = cells[hi]
        } else if hi > lo + 2, isScore(cells[hi - 1]) {
            hi -= 1
        }
        if lo < hi, header.index(.level1) != nil, isLevel1Heading(cells[lo].compact) { slots[.level1] = cells[lo]; lo += 1 }
        if lo < hi, header.index(.level2) != nil, cells[lo].compact.hasSuffix("指标"), cells[lo].compact.utf8.count <= 30 {
            slots[.level2] = cells[lo]; lo += 1
        }
        guard lo < hi else { return slots }
        slots[.name] = cells[lo]; lo += 1
        if lo < hi, header.index(.comparator) != nil, Quantity.comparator(cell: cells[lo].text) != nil || ["定性", "定量", "正向", "反向"].contains(cells[lo].compact) {
            slots[.comparator] = cells[lo]; lo += 1
        }
        if lo < hi { slots[.target] = cells[lo]; lo += 1 }
        if lo < hi, header.index(.unit) != nil, slots[.target]?.number != nil, cells[lo].number == nil, MeasureUnit.looksLikeUnit(cells[lo].compact) {
            slots[.unit] = cells[lo]; lo += 1
        }
        if lo < hi, header.index(.actual) != nil { slots[.actual] = cells[lo] }
        return slots
    }

    /// Note text on a row of its own: the rest of the note of the row above when that row has a
    /// note, else the start of the next row's note (a note centred over its row begins above it).
    private mutating func carry(_ cell: Cell) {
        if let last = rows.indices.last, var n = rows[last].note, !n.compact.isEmpty, carriedNote == nil {
            n.text += "\n" + cell.text
            rows[last].note = n
        } else if var c = carriedNote {
            c.text += "\n" + cell.text
            carriedNote = c
        } else {
            carriedNote = Value(cell)
        }
    }

    /// Where the row's cells sit under the header. Rows that lost their leading
    /// merged cells (Word text) align right; Markdown rows with extra empty cells
    /// at the end align left. The candidate that puts numbers under 分值/得分
    /// and text under 三级指标 wins.
    private mutating func alignment(_ cells: [Cell]) -> Int {
        let right = cells.count - header.count
        guard right != 0 else { return 0 }
        func fit(_ offset: Int) -> Int {
            func at(_ c: Column) -> Cell? {
                guard let i = header.index(c), i + offset >= 0, i + offset < cells.count else { return nil }
                return cells[i + offset]
            }
            var score = 0
            for c in [Column.weight, .score] {
                // A number (or a placeholder) under 分值/得分 fits best; a blank may be an unscored cell.
                if let cell = at(c), Placeholder.isMark(cell.text) || PrintedNumber.parse(cell.text).map({ !$0.isPercent }) == true { score += 2 }
                else if let cell = at(c), cell.compact.isEmpty { score += 1 }
            }
            if let n = at(.name), !n.compact.isEmpty, PrintedNumber.parse(n.text) == nil { score += 1 }
            if let t = at(.target), !t.compact.isEmpty { score += 1 }
            if let t = at(.target), Quantity.parse(t.text) != nil { score += 1 }
            if let a = at(.actual), let q = Quantity.parse(a.text), q.comparator == nil { score += 1 }
            if let l2 = at(.level2), l2.compact.hasSuffix("指标") { score += 1 }
            return score
        }
        let (r, l) = (fit(right), fit(0))
        // A shift between the two (a row that lost a leading merged cell under a header that
        // has trailing empty cells) wins only when it fits better than both.
        let between = stride(from: min(right, 0) + 1, to: max(right, 0), by: 1).map { ($0, fit($0)) }
        if let best = between.max(by: { $0.1 < $1.1 }), best.1 > max(r, l) {
            decidedAlignment[cells.count] = best.0
            return best.0
        }
        if r != l {
            let chosen = r > l ? right : 0
            decidedAlignment[cells.count] = chosen
            return chosen
        }
        // Undecided (a placeholder row): rows of the same length in this table decide.
        if let known = decidedAlignment[cells.count] { return known }
        let trailingEmpty = right > 0 && cells.suffix(right).allSatisfy { $0.compact.isEmpty }
        return trailingEmpty ? 0 : right
    }

    /// Target tables without a 分值 column print the weight as the last number of the row.
    private func trailingWeight(_ cells: [Cell], after targetIndex: Int?) -> Value? {
        guard let t = targetIndex else { return nil }
        for i in stride(from: cells.count - 1, to: t + 2, by: -1) {
            let c = cells[i]
            if c.compact.isEmpty { continue }
            return PrintedNumber.parse(c.text) != nil ? Value(c) : nil
        }
        return nil
    }

    private func isLevel1Heading(_ t: String) -> Bool { IndicatorCollector.isLevel1Heading(t, vocabulary: vocabulary) }

    /// A 一级指标 heading: one of the vocabulary's 一级指标 names, or a name with its weight ("…（50分）").
    static func isLevel1Heading(_ t: String, vocabulary: Vocabulary = .standard) -> Bool {
        vocabulary.matches(.level1Name, key: HeaderKey.normalize(compacted: t)) || TextPatterns.weightSuffix(t, loose: true) != nil
    }

    private mutating func noteHeading(_ cell: Cell) {
        let t = cell.compact
        if isLevel1Heading(t) { noteGroup(cell) } else if t.hasSuffix("指标") { currentLevel2 = t }
    }

    /// - Parameter weightCell: the group's weight in a column of its own, when the header has one.
    private mutating func noteGroup(_ cell: Cell, weightCell: Cell? = nil) {
        guard let (name, printedWeight) = IndicatorCollector.heading(cell.text) else { return }
        var weight = printedWeight.map { Value(text: $0, location: cell.location) }
        if weight == nil, let w = weightCell, let n = w.number, !n.isPercent { weight = Value(w) }
        // "（40分）" alone: the weight of the heading above it.
        if name.isEmpty {
            if let g = currentGroup, groups[g].weight == nil, let weight { groups[g].weight = weight }
            return
        }
        if let g = currentGroup, groups[g].name == name {
            if groups[g].weight == nil, let weight { groups[g].weight = weight }
            return
        }
        groups.append(IndicatorGroup(name: name, weight: weight, location: cell.location))
        currentGroup = groups.count - 1
        currentLevel2 = ""
    }

    func build() -> IndicatorTable {
        var copy = self
        copy.flushPending()
        if let c = copy.carriedNote, let last = copy.rows.indices.last {
            var n = copy.rows[last].note ?? c
            if n != c { n.text += "\n" + c.text }
            copy.rows[last].note = n
        }
        return IndicatorTable(location: location, hasActual: header.index(.actual) != nil, hasScore: header.index(.score) != nil,
                              groups: copy.groups, rows: copy.rows, total: copy.total)
    }
}

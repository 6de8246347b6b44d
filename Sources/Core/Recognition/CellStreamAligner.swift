/// Cuts the cell stream of a table whose layout lost its row boundaries (`Table.rowsKnown`
/// false: one cell per paragraph, a sheet on one line, web cells without row ends) back
/// into the rows the collectors expect.
///
/// The stream is cut at each header (three or more header words in a row: 年初预算数 …
/// 得分 for the funding block, 一级指标 … 偏差原因 for indicators) and then:
/// - funding rows start at a label (年度资金总额, 其中…, a source or income item) and take
///   at most one value per header column;
/// - indicator rows end with their 分值 and 得分 (two plain numbers in a row); the cell after
///   them is the row's 偏差原因 unless it starts the next row (a 一级/二级 heading, 总分),
///   which the position of the next number pair tells. A row without a note gets an
///   empty one, so every row ends under the header's last columns as Word prints it;
/// - 总分/合计 takes the numbers after it.
/// Empty cells carry nothing in a stream (most of these layouts cannot print them) and are dropped.
enum CellStreamAligner {
    /// The document with every stream table cut into rows; other tables are kept as they are.
    static func aligned(_ document: Document) -> Document {
        guard document.blocks.contains(where: { if case .table(let t) = $0 { return !t.rowsKnown }; return false }) else { return document }
        var doc = document
        doc.blocks = document.blocks.map { block in
            if case .table(let t) = block, !t.rowsKnown { return .table(align(t)) }
            return block
        }
        return doc
    }

    private enum Mode { case none, funding(width: Int), indicators(header: [IndicatorCollector.Column?]) }

    /// The table cut into rows; the cells keep their source locations.
    static func align(_ table: Table) -> Table {
        let stream = joinedHeaderWords(table.rows.flatMap(\.cells).filter { !$0.compact.isEmpty })
        var rows: [[Cell]] = []
        var mode = Mode.none
        var upperHeader: [IndicatorCollector.Column?]?
        var i = 0
        while i < stream.count {
            let run = headerRun(stream, from: i)
            if run >= 3 {
                let header = Array(stream[i..<i + run])
                rows.append(header)
                let columns = header.map { IndicatorCollector.column(forCompact: $0.compact) }
                if columns.contains(.name) {
                    // Under the upper row of a two-row header, the two make the header.
                    if let upper = upperHeader {
                        mode = .indicators(header: IndicatorCollector.stacked(upper: upper, lower: .init(columns: columns)).columns)
                    } else {
                        mode = .indicators(header: columns)
                    }
                    upperHeader = nil
                } else if IndicatorCollector.isUpperHeader(columns) {
                    upperHeader = columns
                    mode = .none
                } else {
                    mode = .funding(width: run)
                }
                i += run
                continue
            }
            switch mode {
            case .none:
                rows.append([stream[i]])
                i += 1
            case .funding(let width):
                var row = [stream[i]]
                var j = i + 1
                while j < stream.count, row.count <= width, !isRowStart(stream[j]), headerRun(stream, from: j) < 3 {
                    // A value ends at the next label: a text cell after a number.
                    if stream[j].number == nil && !Placeholder.isMark(stream[j].text) && row.count > 1 { break }
                    row.append(stream[j])
                    j += 1
                }
                rows.append(row)
                i = j
            case .indicators(let header):
                let (row, next) = indicatorRow(stream, from: i, header: header)
                rows.append(row)
                i = next
            }
        }
        return rebuilt(table, rows)
    }

    /// Cells that are halves of one header word or heading: a cell that wrapped inside a Word
    /// cell became two paragraphs ("年初" "预算数", "年度" "指标值", "经济效益" "指标"). Two short
    /// cells are joined when together they name a column or a heading and the first alone does not.
    static func joinedHeaderWords(_ stream: [Cell]) -> [Cell] {
        var out: [Cell] = []
        out.reserveCapacity(stream.count)
        var k = 0
        while k < stream.count {
            let c = stream[k]
            if k + 1 < stream.count, c.number == nil, stream[k + 1].number == nil,
               c.compact.count <= 4, stream[k + 1].compact.count <= 4, c.compact.allSatisfy(\.isLetter),
               !isHeaderWord(c.compact), !isPlainHeading(c) {
                var joined = c
                joined.text = c.compact + stream[k + 1].compact
                if isHeaderWord(joined.compact) || isPlainHeading(joined) {
                    out.append(joined)
                    k += 2
                    continue
                }
            }
            out.append(c)
            k += 1
        }
        return out
    }

    /// An indicator row from `start`: up to its weight/score pair, plus its note when the
    /// cell after the pair is one.
    private static func indicatorRow(_ s: [Cell], from start: Int, header: [IndicatorCollector.Column?]) -> ([Cell], Int) {
        if isTotal(s[start]) {
            var end = start + 1
            while end < s.count, end - start <= 2, s[end].number != nil { end += 1 }
            return (Array(s[start..<end]), end)
        }
        // A 一级/二级 heading after this row's own headings and name starts the next row, even
        // when this row printed no 分值/得分 pair (a form left unscored).
        if let next = nextRowHeading(s, from: start), nextScorePair(s, from: start).map({ next < $0 }) ?? true {
            return (Array(s[start..<next]), next)
        }
        guard let pair = nextScorePair(s, from: start) else {
            // No weight/score pair follows: the rest of the stream up to the next total or header.
            var end = start + 1
            while end < s.count, !isTotal(s[end]), headerRun(s, from: end) < 3 { end += 1 }
            return (Array(s[start..<end]), end)
        }
        var end = pair + 2
        var row = Array(s[start..<end])
        let hasNote = header.last.map { $0 == .note } ?? false
        if hasNote {
            if end < s.count, isNote(s, at: end) {
                row.append(s[end])
                end += 1
            } else {
                // Word prints the empty note cell; keep the row as wide.
                row.append(Cell(text: "", location: s[end - 1].location))
            }
        }
        return (row, end)
    }

    /// The first heading that can only start another row: one after the row's own leading
    /// headings (一级, 二级) and its name. Headings here are the framework's names (效益指标,
    /// 社会效益指标, "产出指标（50分）"), not any text ending in 指标 ("达成预期指标" is an actual).
    private static func nextRowHeading(_ s: [Cell], from start: Int) -> Int? {
        var k = start
        var leading = 0
        while k < s.count, leading < 2, isPlainHeading(s[k]) {
            k += 1; leading += 1
            // A heading's weight in a column of its own ("产出指标 | 50 | 数量指标 …").
            if k < s.count, isScore(s[k]) { k += 1 }
        }
        k += 1 // the name
        while k < s.count {
            if isTotal(s[k]) || headerRun(s, from: k) >= 3 { return nil }
            if isPlainHeading(s[k]) { return k }
            k += 1
        }
        return nil
    }

    private static func isPlainHeading(_ c: Cell) -> Bool {
        guard c.compact.utf8.count <= 30 else { return false }
        let key = HeaderKey.normalize(compacted: c.compact)
        return Vocabulary.standard.matches(.level2Name, key: key) || Vocabulary.standard.matches(.level1Name, key: key) && key.hasSuffix("指标")
            || TextPatterns.weightSuffix(c.compact, loose: false) != nil
    }

    /// True when the cell at `k`, right after a score, is that row's note and not the start
    /// of the next row. The next row needs a name, a target and an actual before its own
    /// weight/score pair; any cells beyond those, first among them, are a note, a 一级 or a 二级.
    private static func isNote(_ s: [Cell], at k: Int) -> Bool {
        let c = s[k]
        if isTotal(c) || headerRun(s, from: k) >= 3 || isHeading(c) { return false }
        guard let pair = nextScorePair(s, from: k) else { return true }
        let before = pair - k
        return before >= 4
    }

    /// The index of the first of two neighbouring plain numbers (分值, 得分) at or after `from`;
    /// in a run of three or more numbers, the last two (an actual may be a number too).
    private static func nextScorePair(_ s: [Cell], from: Int) -> Int? {
        var k = from
        while k + 1 < s.count {
            if isTotal(s[k]) || (k > from && headerRun(s, from: k) >= 3) { return nil }
            if isScore(s[k]) && isScore(s[k + 1]) {
                var last = k + 1
                while last + 1 < s.count, isScore(s[last + 1]) { last += 1 }
                return last - 1
            }
            k += 1
        }
        return nil
    }

    /// A 分值 or 得分 cell: a number that is no percentage, or a placeholder.
    static func isScore(_ c: Cell) -> Bool {
        if Placeholder.isMark(c.text) { return true }
        guard let n = c.number else { return false }
        return !n.isPercent
    }

    private static func isTotal(_ c: Cell) -> Bool { c.compact == "总分" || c.compact == "合计" }

    /// A 一级 or 二级 indicator heading ("产出指标（50分）", "数量指标").
    private static func isHeading(_ c: Cell) -> Bool {
        IndicatorCollector.isLevel1Heading(c.compact) || (c.compact.hasSuffix("指标") && c.compact.utf8.count <= 24)
    }

    /// A funding row's label: 年度资金总额, 其中…, a source-of-funds or income item.
    private static func isRowStart(_ c: Cell) -> Bool {
        let label = TextNormalizer.label(compacted: c.compact)
        if FundingCollector.isRowLabel(c.compact) || c.compact.hasPrefix("其中") { return true }
        if FundingCollector.incomeLabels.contains(label)
            || FundingCollector.expenditureLabels.contains(label) { return true }
        return c.compact.hasPrefix("按收入性质分") || c.compact.hasPrefix("按支出性质分")
    }

    /// How many header words follow one another from `k`.
    private static func headerRun(_ s: [Cell], from k: Int) -> Int {
        var n = 0
        while k + n < s.count, isHeaderWord(s[k + n].compact) { n += 1 }
        return n
    }

    private static func isHeaderWord(_ compact: String) -> Bool {
        FundingCollector.column(forCompact: compact) != nil || IndicatorCollector.column(forCompact: compact) != nil
    }

    /// The table with these rows; each cell's row and cell numbers follow its new place.
    private static func rebuilt(_ table: Table, _ rows: [[Cell]]) -> Table {
        var out: [Row] = []
        for (r, cells) in rows.enumerated() {
            var located = cells
            for k in located.indices {
                located[k].location.row = r + 1
                located[k].location.cell = k + 1
            }
            var at = located.first?.location ?? table.location
            at.cell = nil
            at.column = 1
            out.append(Row(cells: located, location: at))
        }
        return Table(index: table.index, rows: out, location: table.location, rowsKnown: false)
    }
}

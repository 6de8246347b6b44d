/// Rebuilds one table region of a page into a header row and body rows.
///
/// - The header is the run of lines above the first line with data (an amount, a
///   code or a placeholder); its lines are stacked into one row, a merged header
///   cell repeated in every column it spans. The run stops at a line no header
///   holds: running text (the 年度总体目标 block of a 自评表 above its indicator
///   table) or a label:text row of a form ("项目名称 …"); those lines are a table
///   of their own. Lines that overlap the first data line by part of their height
///   are its row's cells centred beside it, not header.
/// - A region is cut in two where running text is followed by a new header (words
///   of the vocabulary) and data: a form prints its funding block, its targets text
///   and its indicator table one under the other.
/// - Each body line is a row, except a line with no data that sits close to
///   a row: it is a wrapped cell and joins that row (the nearer one, so a
///   label whose amounts are centred on its second line joins them).
enum PdfTableBuilder {
    /// A table without data of at most this many lines is all header (a form left empty).
    static let emptyTableLines = 6
    /// Two lines of one row: the cells of a row are centred, so a cell of two lines sits half a
    /// line above and below a cell of one, overlapping its line by this share of the height or
    /// more. Lines of different rows never overlap that much (the line grouper joins lines
    /// that overlap by 0.4 or more).
    static let rowOverlapShare = 0.25
    /// Distinct vocabulary words that make the lines under running text a new table's header.
    static let newHeaderWords = 2

    /// The tables stacked in one region, top to bottom.
    static func parts(_ lines: [PdfTextLine], page: Int) -> [PdfTablePart] {
        let hasData = lines.map(Self.hasData)
        var result: [PdfTablePart] = []
        var start = 0
        while start < lines.count {
            guard let firstData = (start..<lines.count).first(where: { hasData[$0] }) else {
                result.append(part(Array(lines[start...]), page: page))
                break
            }
            // The first row's own lines above its data line, then the header above them.
            var headerEnd = firstData
            while headerEnd > start, sameRow(lines[headerEnd - 1], lines[headerEnd]) { headerEnd -= 1 }
            var headerStart = headerEnd
            while headerStart > start, !PdfLineKind.endsHeader(lines[headerStart - 1]) { headerStart -= 1 }
            if headerStart > start {
                // The stopping row's own centred lines go with it.
                while headerStart < headerEnd, sameRow(lines[headerStart - 1], lines[headerStart]) { headerStart += 1 }
            }
            headerEnd = lastHeaderLine(lines, headerStart..<headerEnd)
            let end = nextTableStart(lines, hasData: hasData, after: firstData) ?? lines.count
            if headerStart == headerEnd && headerStart > start {
                // No header between the stopping text and the first row: the lines above the row
                // head it as before (their words still place the columns).
                result.append(part(Array(lines[start..<end]), headerCount: headerEnd - start, page: page))
            } else {
                if headerStart > start { result.append(part(Array(lines[start..<headerStart]), headerCount: 0, page: page)) }
                result.append(part(Array(lines[headerStart..<end]), headerCount: headerEnd - headerStart, page: page))
            }
            start = end
        }
        return result
    }

    /// Where a new table starts below `firstData`: a run of lines without data that holds running
    /// text and ends in a header (at least `newHeaderWords` vocabulary words) over a line of data.
    /// The new table takes the run from its first line that is not the previous row's (a label row,
    /// running text or a header word).
    static func nextTableStart(_ lines: [PdfTextLine], hasData: [Bool], after firstData: Int) -> Int? {
        var i = firstData + 1
        while i < lines.count {
            guard !hasData[i] else { i += 1; continue }
            var j = i
            while j < lines.count, !hasData[j] { j += 1 }
            // lines[i..<j] have no data; lines[j] (if any) has.
            if j < lines.count, let sentence = (i..<j).last(where: { lines[$0].words.contains { PdfLineKind.isSentence($0.text) } }) {
                var headerEnd = j
                while headerEnd > sentence + 1, sameRow(lines[headerEnd - 1], lines[headerEnd]) { headerEnd -= 1 }
                var headerStart = sentence + 1
                while headerStart < headerEnd, sameRow(lines[headerStart - 1], lines[headerStart]) { headerStart += 1 }
                let words = Set(lines[headerStart..<headerEnd].flatMap(\.words).map { HeaderKey.normalize($0.text) }.filter(isHeaderWord))
                if words.count >= newHeaderWords {
                    var k = i
                    while k < j, sameRow(lines[k - 1], lines[k]) { k += 1 }
                    let cut = (k..<j).first { PdfLineKind.endsHeader(lines[$0]) || lines[$0].words.contains { isHeaderWord(HeaderKey.normalize($0.text)) } } ?? k
                    return cut
                }
            }
            i = j
        }
        return nil
    }

    /// Where a header really ends: rows whose values are text ("200个", "1份") hold no data, so
    /// the lines above the first data line can be body rows too. After the last line with a
    /// vocabulary word (and the lines centred beside it), lines that hold a long text of no
    /// column's name are rows of the body.
    static func lastHeaderLine(_ lines: [PdfTextLine], _ header: Range<Int>) -> Int {
        func names(_ line: PdfTextLine) -> Int { line.words.filter { isHeaderWord(HeaderKey.normalize($0.text)) }.count }
        func named(_ line: PdfTextLine) -> Bool { names(line) > 0 }
        // Only below a line that names several columns ("一级指标 二级指标 三级指标 … 年度指标值"): a header
        // whose lower lines are unnamed sub-headings ("预算数" over "公务用车购置及运行维护费") stays whole.
        guard let last = header.last(where: { named(lines[$0]) }), names(lines[last]) >= fullHeaderWords else { return header.upperBound }
        var end = last + 1
        while end < header.upperBound, sameRow(lines[end - 1], lines[end]) { end += 1 }
        let rest = lines[end..<header.upperBound]
        let bodyLike = rest.contains { $0.words.contains { TextNormalizer.compact($0.text).count >= bodyLabelLength } }
        return rest.isEmpty || !bodyLike || rest.contains(where: named) ? header.upperBound : end
    }

    /// Vocabulary words of a line that names the columns of a table by itself.
    static let fullHeaderWords = 3
    /// A label at least this long below a header is a row's, not a column's name.
    static let bodyLabelLength = 5

    /// A word that names a column of a form or table (年初预算数, 三级指标, 分值 …).
    static func isHeaderWord(_ key: String) -> Bool {
        key.count >= 2 && headerTerms.contains { Vocabulary.standard.matches($0, key: key) }
    }

    /// The terms that name columns (not row labels, 一级指标 names or form titles).
    static let headerTerms: [Term] = [.initialBudget, .budget, .executed, .weight, .rate, .score, .level1, .level2, .indicator,
                                      .target, .actual, .deviationNote, .subjectName, .subjectCode]

    /// Two consecutive lines of one row: they overlap by part of their height (cells centred beside each other).
    static func sameRow(_ upper: PdfTextLine, _ lower: PdfTextLine) -> Bool {
        upper.yMax - lower.yMin >= rowOverlapShare * min(upper.height, lower.height)
    }

    /// One table of `lines`, whose header is every line above the first data line.
    static func part(_ lines: [PdfTextLine], page: Int) -> PdfTablePart {
        let hasData = lines.map(Self.hasData)
        let headerCount: Int
        if let firstData = hasData.firstIndex(of: true) {
            headerCount = firstData
        } else {
            // A short table without data is an empty form: all header. A longer one is a
            // table of text, whose header is its first line of cells (with any line above it).
            headerCount = lines.count <= emptyTableLines ? lines.count : (lines.firstIndex { PdfLineKind.isTabular($0) } ?? 0) + 1
        }
        return part(lines, headerCount: headerCount, page: page)
    }

    /// One table of `lines` whose first `headerCount` lines are its header.
    static func part(_ lines: [PdfTextLine], headerCount: Int, page: Int) -> PdfTablePart {
        let hasData = lines.map(Self.hasData)
        let body = Array(lines[min(headerCount, lines.count)...])
        let header = PdfColumnFinder.mergingLetterSpacing(Array(lines[..<min(headerCount, lines.count)]), body: body)
        let columns = PdfColumnFinder.columns(header: header, body: body)

        var headerRow: [String]?
        let left = lines.map(\.xMin).min() ?? 0, right = lines.map(\.xMax).max() ?? 0
        if !header.isEmpty {
            var stacks = [[String]](repeating: [], count: columns.count)
            for (li, line) in header.enumerated() {
                var perColumn = [[PdfWord]](repeating: [], count: columns.count)
                for w in line.words {
                    for c in PdfColumnFinder.headerColumns(of: w, line: line, lowerLines: header[(li + 1)...], in: columns, left: left, right: right) { perColumn[c].append(w) }
                }
                for c in columns.indices where !perColumn[c].isEmpty { stacks[c].append(PdfTextJoiner.join(perColumn[c])) }
            }
            headerRow = stacks.map { $0.joined(separator: "\n") }
        }

        let wrapsNumbers = body.indices.map { i in i > 0 && continuesNumbers(body[i], body[i - 1], columns) }
        // A cell's text wraps when it runs across its column to the right edge (within a character or
        // so); a short entry (a score, a code) never does.
        var columnRight = [Double](repeating: -Double.infinity, count: columns.count)
        var columnLeft = [Double](repeating: Double.infinity, count: columns.count)
        // A word that runs across two more columns is a sentence spanning the row (a 总体目标
        // across the indicator columns): it says nothing about where this column's own text
        // reaches, unless the column holds nothing else.
        var ownRight = columnRight, ownLeft = columnLeft
        for line in body {
            for w in line.words {
                guard let c = PdfColumnFinder.column(of: w, in: columns) else { continue }
                columnRight[c] = max(columnRight[c], w.xMax); columnLeft[c] = min(columnLeft[c], w.xMin)
                if c + 2 < columns.count, w.xMax > columns[c + 2].lo { continue }
                ownRight[c] = max(ownRight[c], w.xMax); ownLeft[c] = min(ownLeft[c], w.xMin)
            }
        }
        for c in columns.indices where ownRight[c] > -Double.infinity {
            columnRight[c] = ownRight[c]; columnLeft[c] = ownLeft[c]
        }
        func extents(_ line: PdfTextLine) -> [Int: (lo: Double, hi: Double, h: Double)] {
            var e: [Int: (lo: Double, hi: Double, h: Double)] = [:]
            for w in line.words {
                guard let c = PdfColumnFinder.column(of: w, in: columns) else { continue }
                let old = e[c] ?? (w.xMin, w.xMax, w.height)
                e[c] = (min(old.lo, w.xMin), max(old.hi, w.xMax), old.h)
            }
            return e
        }
        func fills(_ c: Int, _ x: (lo: Double, hi: Double, h: Double)) -> Bool {
            x.hi >= columnRight[c] - 1.5 * x.h && x.hi - x.lo >= min(2.5 * x.h, 0.6 * (columnRight[c] - columnLeft[c]))
        }
        // Columns whose cells are mostly numbers.
        var numberCells = [Int](repeating: 0, count: columns.count), allCells = numberCells
        for line in body {
            for (c, ws) in Dictionary(grouping: line.words, by: { PdfColumnFinder.column(of: $0, in: columns) ?? -1 }) where c >= 0 {
                allCells[c] += 1
                if PdfWordKind.isData(ws.map(\.text).joined()) { numberCells[c] += 1 }
            }
        }
        let numeric = columns.indices.map { numberCells[$0] * 2 >= allCells[$0] && allCells[$0] > 0 }
        // Each cell of the line goes on a filled cell of the nearest line above it in the same column.
        func continuesText(_ group: [PdfTextLine], _ line: PdfTextLine) -> Bool {
            extents(line).keys.allSatisfy { c in
                guard let above = group.suffix(20).last(where: { extents($0)[c] != nil }), let x = extents(above)[c] else { return false }
                return fills(c, x)
            }
        }
        // A line with numbers in its text but no number cell of its own goes on the row above when
        // one of its cells continues a filled cell (the others wrapped early, before a number).
        func continuesSomeText(_ group: [PdfTextLine], _ line: PdfTextLine) -> Bool {
            extents(line).keys.contains { c in
                guard let above = group.suffix(20).last(where: { extents($0)[c] != nil }), let x = extents(above)[c] else { return false }
                return fills(c, x)
            }
        }
        // A line that goes on the text of wrapped lines waiting for their row, and holds the row's
        // other cells beside it (a 三级指标 wrapped over two lines, its 指标值 centred on the second):
        // that is the row they wait for.
        func holdsTheRestOf(_ group: [PdfTextLine], _ line: PdfTextLine) -> Bool {
            let own = extents(line)
            let waiting = Set(group.flatMap { extents($0).keys })
            guard own.keys.contains(where: waiting.contains) else { return false }
            return own.keys.allSatisfy { c in
                guard let above = group.last(where: { extents($0)[c] != nil }), let x = extents(above)[c] else { return true }
                return fills(c, x)
            }
        }
        let groups = rowGroups(body, hasData: Array(hasData[min(headerCount, lines.count)...]), wrapsNumbers: wrapsNumbers,
                               continuesText: continuesText, continuesSomeText: continuesSomeText, holdsTheRestOf: holdsTheRestOf,
                               wrapsOnward: { line in extents(line).allSatisfy { fills($0.key, $0.value) } },
                               centredOn: { line, data in
                                   // One text cell in a column of text that the data line leaves empty.
                                   let cols = Set(line.words.map { PdfColumnFinder.column(of: $0, in: columns) ?? -1 })
                                   guard cols.count == 1, let c = cols.first, c >= 0, !numeric[c] else { return false }
                                   return !data.words.contains { PdfColumnFinder.column(of: $0, in: columns) == c }
                               },
                               hasNumberCell: { line in
                                   // A number alone in a column of numbers (a score, an amount) starts a row;
                                   // in a column of text it is a piece of wrapped text.
                                   Dictionary(grouping: line.words) { PdfColumnFinder.column(of: $0, in: columns) ?? -1 }
                                       .contains { $0.key >= 0 && numeric[$0.key] && PdfWordKind.isNumber($0.value.map(\.text).joined()) }
                               })
        var rows: [[String]] = []
        for group in groups {
            var cells = [[String]](repeating: [], count: columns.count)
            for line in group {
                var perColumn = [[PdfWord]](repeating: [], count: columns.count)
                for w in line.words { if let c = PdfColumnFinder.column(of: w, in: columns) { perColumn[c].append(w) } }
                for c in columns.indices where !perColumn[c].isEmpty { cells[c].append(PdfTextJoiner.join(perColumn[c])) }
            }
            rows.append(cells.map { $0.joined(separator: "\n") })
        }
        let headerKey = header.isEmpty ? nil : header.map { TextNormalizer.compact($0.text) }.joined(separator: "|")
        return PdfTablePart(page: page, top: lines.first?.yMin ?? 0, columns: columns, header: headerRow, headerKey: headerKey,
                            rows: rows, rowPages: rows.map { _ in page })
    }

    /// A line with an amount, code or placeholder of its own. A number set close against text
    /// is part of that text ("2026 年预算数" split by pdftotext into "2026" and "年预算数").
    static func hasData(_ line: PdfTextLine) -> Bool {
        let words = line.words
        return words.indices.contains { i in
            guard PdfWordKind.isData(words[i].text) else { return false }
            let h = words[i].height
            let touchesLeft = i > 0 && !PdfWordKind.isData(words[i - 1].text) && words[i].xMin - words[i - 1].xMax < 0.35 * h
            let touchesRight = i + 1 < words.count && !PdfWordKind.isData(words[i + 1].text) && words[i + 1].xMin - words[i].xMax < 0.35 * h
            return !touchesLeft && !touchesRight
        }
    }

    /// Body lines grouped into rows: a line without data joins the nearer close row.
    /// A line made only of the rest of numbers that wrapped in their cells of the line above.
    static func continuesNumbers(_ line: PdfTextLine, _ above: PdfTextLine, _ columns: [PdfColumnFinder.Column]) -> Bool {
        let aboveByColumn = Dictionary(grouping: above.words) { PdfColumnFinder.column(of: $0, in: columns) ?? -1 }
        return line.words.allSatisfy { w in
            let c = PdfColumnFinder.column(of: w, in: columns) ?? -1
            return aboveByColumn[c]?.contains { PdfWordKind.continuesNumber($0.text, w.text) } ?? false
        }
    }

    /// - Parameters:
    ///   - wrapsNumbers: lines that only finish the numbers of the line above; they join its row.
    ///   - continuesText: whether a line goes on the text of these lines (a wrapped cell).
    ///   - continuesSomeText: whether one cell of a line goes on the text of these lines.
    ///   - holdsTheRestOf: whether a line goes on the text of wrapped lines waiting for their row
    ///     and holds that row's other cells (so it is that row).
    ///   - wrapsOnward: whether a line's text runs to the edge of its cells (so it wraps onto the next line).
    ///   - centredOn: whether a line without data is one text cell in a column the given data line
    ///     leaves empty (a name printed centred on its row, its lines above and below the amounts).
    ///   - hasNumberCell: whether a line has a cell that is a number on its own.
    static func rowGroups(_ body: [PdfTextLine], hasData: [Bool], wrapsNumbers: [Bool] = [],
                          continuesText: ([PdfTextLine], PdfTextLine) -> Bool = { _, _ in true },
                          continuesSomeText: ([PdfTextLine], PdfTextLine) -> Bool = { _, _ in true },
                          holdsTheRestOf: ([PdfTextLine], PdfTextLine) -> Bool = { _, _ in false },
                          wrapsOnward: (PdfTextLine) -> Bool = { _ in true },
                          centredOn: (PdfTextLine, PdfTextLine) -> Bool = { _, _ in false },
                          hasNumberCell: (PdfTextLine) -> Bool = { _ in true }) -> [[PdfTextLine]] {
        guard !body.isEmpty else { return [] }
        let gaps = zip(body, body.dropFirst()).map { $1.yMin - $0.yMax }
        // The usual space between two rows of data: a wrapped line sits much closer.
        let dataGaps = gaps.indices.filter { hasData[$0] && hasData[$0 + 1] }.map { gaps[$0] }.sorted()
        let allGaps = gaps.sorted()
        let typical = dataGaps.isEmpty ? (allGaps.isEmpty ? 0 : allGaps[allGaps.count / 2]) : dataGaps[dataGaps.count / 2]
        let h = PdfTableRegionFinder.medianHeight(body[...])
        let close = max(0.25 * h, 0.6 * typical)
        func isClose(_ g: Double) -> Bool { g < close }

        // Runs of lines each overlapping the next (cells centred beside each other) that hold a line
        // of data are rows; a run without data (a 目标表 whose values are text) is left to the gaps.
        var centred = [Bool](repeating: false, count: body.count)
        var runStart = 0
        for i in body.indices where i + 1 == body.count || !Self.sameRow(body[i], body[i + 1]) {
            if i > runStart && (runStart...i).contains(where: { hasData[$0] }) { for k in runStart...i { centred[k] = true } }
            runStart = i + 1
        }
        func sameRow(_ a: Int, _ b: Int) -> Bool { centred[a] && centred[b] && Self.sameRow(body[a], body[b]) }

        var groups: [[PdfTextLine]] = []
        var pending: [PdfTextLine] = []   // wrapped lines waiting for the row below them
        var lastData: (line: Int, group: Int)?   // the data line that began the last group
        // The data line below line i, reached over close lines that all sit in its empty cell.
        func centredDataBelow(_ i: Int) -> Int? {
            var k = i
            while k < gaps.count && isClose(gaps[k]) {
                k += 1
                if hasData[k] { return (i..<k).allSatisfy { centredOn(body[$0], body[k]) } ? k : nil }
            }
            return nil
        }
        for (i, line) in body.enumerated() {
            // A name centred on its row, printed above and below the row's amounts (cells of other
            // columns on one line): each of its lines joins the nearer data line that leaves its column empty.
            if !hasData[i] {
                var above: Int?
                if pending.isEmpty, let d = lastData, d.group == groups.count - 1, (d.line + 1...i).allSatisfy({ isClose(gaps[$0 - 1]) }),
                   centredOn(line, body[d.line]) { above = d.line }
                let below = centredDataBelow(i)
                if let a = above, below.map({ line.yMin - body[a].yMax <= body[$0].yMin - line.yMax }) ?? true {
                    groups[groups.count - 1].append(line)
                    continue
                }
                if below != nil {
                    if !pending.isEmpty && !isClose(i > 0 ? gaps[i - 1] : .infinity) { groups.append(pending); pending = [] }
                    pending.append(line)
                    continue
                }
            }
            let gapAbove = i > 0 ? gaps[i - 1] : .infinity
            let gapBelow = i < gaps.count ? gaps[i] : .infinity
            // A line overlapping the line above by part of its height is a cell of the same row, centred;
            // but a second line of data starts the next row (a merged cell centred between two rows
            // overlaps both): the lines between the two data lines go to the nearer one.
            if i > 0 && sameRow(i - 1, i) && (!pending.isEmpty || !groups.isEmpty)
                && !(i < wrapsNumbers.count && wrapsNumbers[i]) {
                if !pending.isEmpty {
                    if hasData[i] { groups.append(pending + [line]); pending = [] } else { pending.append(line) }
                } else if hasData[i] && hasNumberCell(line), let d = groups[groups.count - 1].lastIndex(where: Self.hasData) {
                    let group = groups.removeLast()
                    func mid(_ l: PdfTextLine) -> Double { (l.yMin + l.yMax) / 2 }
                    var k = d + 1
                    while k < group.count && abs(mid(group[k]) - mid(group[d])) <= abs(mid(group[k]) - mid(line)) { k += 1 }
                    groups.append(Array(group[..<k]))
                    groups.append(Array(group[k...]) + [line])
                } else {
                    groups[groups.count - 1].append(line)
                }
                continue
            }
            if i < wrapsNumbers.count && wrapsNumbers[i] && pending.isEmpty && !groups.isEmpty {
                groups[groups.count - 1].append(line)
                continue
            }
            // A line with numbers in text that wrapped ("2.43 万个。") still goes on its cells.
            if hasData[i] && pending.isEmpty && isClose(gapAbove) && !groups.isEmpty && !hasNumberCell(line)
                && continuesSomeText(groups[groups.count - 1], line) {
                groups[groups.count - 1].append(line)
                continue
            }
            if hasData[i] {
                if !pending.isEmpty && !isClose(gapAbove) { groups.append(pending); pending = [] }
                groups.append(pending + [line]); pending = []
                lastData = (i, groups.count - 1)
                continue
            }
            if !pending.isEmpty {
                if isClose(gapAbove) && (continuesText(pending, line) || holdsTheRestOf(pending, line)) { pending.append(line); continue }
                groups.append(pending); pending = []
            }
            let joinsAbove = isClose(gapAbove) && !groups.isEmpty && continuesText(groups[groups.count - 1], line)
            let centredInBelow = i + 1 < body.count && sameRow(i, i + 1)
            let leadsBelow = centredInBelow || i + 1 < body.count && isClose(gapBelow) && wrapsOnward(line)
            if joinsAbove && !centredInBelow && (!leadsBelow || !hasData[i + 1] || gapAbove <= gapBelow) {
                groups[groups.count - 1].append(line)
            } else if leadsBelow {
                pending = [line]
            } else {
                groups.append([line])
            }
        }
        if !pending.isEmpty { groups.append(pending) }
        return groups
    }
}

import Foundation

/// Tables of `pdftotext -layout` text rebuilt from the positions of their cells, the way the
/// PDF reader rebuilds them from word boxes (`PdfColumnFinder`, `PdfTableBuilder`):
///
/// - a table is a run of lines with cells side by side (column gaps of two or more columns),
///   its header lines above the first line with a number, short lines between them kept
///   (a label above its amount, a wrapped cell), a title, a “单位：元” line or prose ending it;
/// - the columns are those of the body line with the most cells, plus header cells right of
///   them; every line's cells are placed in order under the columns nearest to them
///   (`ColumnAssignment`). pdftotext pushes text right after a wide CJK run, never left, so
///   a cell right of its column costs less than one left of it;
/// - header lines become one header row, a header cell that spans several columns repeated
///   over each (“功能分类科目编码” over 类/款/项);
/// - a body line without numbers starts a row of its own when it starts a new entry (a code,
///   list numbering, 合计); otherwise it is a label printed above its amounts (joined to the
///   next line) or the wrapped rest of the row above.
struct AlignedColumnTable {
    /// Words that start a line naming the issuer or the unit above a table ("编制部门：…  单位：元"):
    /// not a table row.
    static let metaPrefixes = ["编制部门", "编制单位", "填报单位", "部门：", "部门:", "单位：", "单位:", "金额单位", "单位名称：", "预算单位：",
                               // A self-evaluation form's information lines above its funding block.
                               "主管部门", "实施单位"]

    /// Dot leaders of a table of contents.
    static let leaders = ["……", ".....", "·····", "。。。。"]

    let path: String

    private enum Kind { case blank, tabular, loose, stop }

    /// The tables of a block of lines whose first is line `firstLine` of the file.
    static func tables(in block: ArraySlice<Substring>, firstLine: Int, path: String) -> [PlacedTable] {
        // Only -layout text has cells two or more columns apart; most other blocks are ruled out by bytes.
        guard block.contains(where: { $0.utf8.count <= 4096 && $0.contains("  ") && $0.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) }) else { return [] }
        return AlignedColumnTable(path: path).find(Array(block), firstLine: firstLine)
    }

    private func find(_ block: [Substring], firstLine: Int) -> [PlacedTable] {
        var lines: [LayoutLine?] = []
        var kinds: [Kind] = []
        for (k, text) in block.enumerated() {
            if TextLines.isBlank(text) || text.utf8.count > 4096 {
                lines.append(nil)
                kinds.append(TextLines.isBlank(text) ? .blank : .stop)
                continue
            }
            let line = LayoutLine(text, number: firstLine + k)
            lines.append(line)
            kinds.append(kind(of: line))
        }
        var out: [PlacedTable] = []
        var previous: (signature: String, accepted: Bool)?
        var k = 0
        while k < block.count {
            guard kinds[k] == .tabular else { k += 1; continue }
            // Extend over tabular lines, blank lines and loose lines followed by a tabular one.
            var last = k
            var j = k + 1
            var blanks = 0
            while j < block.count {
                switch kinds[j] {
                case .tabular: last = j; blanks = 0
                case .blank: blanks += 1
                case .loose: blanks = 0
                case .stop: break
                }
                if kinds[j] == .stop || blanks > 3 { break }
                j += 1
            }
            let region = lines[k...last].compactMap { $0 }
            // The same header again (a table run on over a page break) whose first part could not
            // be read by columns: this part alone would set a total against one page's rows.
            let signature = region.prefix { !isData($0) }.map { TextNormalizer.compact(String($0.text)) }.joined()
            defer { previous = (signature, out.last?.offsets.upperBound == last + 1) }
            if let p = previous, !p.accepted, !signature.isEmpty, p.signature == signature {
                k = last + 1
                continue
            }
            if let table = build(region) {
                let placed = PlacedTable(offsets: k..<(last + 1), rows: table.rows, rowLines: table.lines)
                if let prev = out.last, previous?.signature == signature, !signature.isEmpty, let joined = continuation(prev, placed, block) {
                    out[out.count - 1] = joined
                } else {
                    out.append(placed)
                }
            }
            k = last + 1
        }
        return out
    }

    /// `next` joined to `prev` when it is the same table run on over a page break: the same
    /// header lines (the caller compares them), only a page break, the title and the unit line again between them. Its header
    /// and a total row printed again on the new page are dropped (a part read alone would
    /// compare that total with the rows of one page).
    private func continuation(_ prev: PlacedTable, _ next: PlacedTable, _ block: [Substring]) -> PlacedTable? {
        guard prev.rows.count >= 2, next.rows.count >= 2 else { return nil }
        let between = block[prev.offsets.upperBound..<next.offsets.lowerBound]
        guard between.contains(where: { $0.contains("\u{0C}") }) || block[next.offsets].first?.contains("\u{0C}") == true,
              between.count <= 12, !between.contains(where: { $0.utf8.count > 200 }) else { return nil }
        var rows = Array(next.rows.dropFirst())
        var lines = Array(next.rowLines.dropFirst())
        // Rows printed again before the first new one (a 栏次 row, the total): the first part has them.
        let seen = Set(prev.rows.dropFirst().map { $0.map(\.compact) })
        while let first = rows.first, seen.contains(first.map(\.compact)) {
            rows.removeFirst()
            lines.removeFirst()
        }
        return PlacedTable(offsets: prev.offsets.lowerBound..<next.offsets.upperBound, rows: prev.rows + rows, rowLines: prev.rowLines + lines)
    }

    /// "栏次 1 2 3 4 …": three or more numbers counting up from 1.
    static func isColumnNumbering(_ line: LayoutLine) -> Bool {
        let numbers = line.fragments.filter(\.isNumber).map(\.text)
        guard numbers.count >= 3 else { return false }
        return numbers.enumerated().allSatisfy { Int($1) == $0 + 1 }
    }

    /// A title ("2026 年单位收支总体情况表"), a table number ("公开 07 表") or a contents line with
    /// dot leaders: text around tables, never a row, though it may hold a number.
    static func isCaption(_ text: Substring, fragments: [String]) -> Bool {
        let joined = fragments.joined()
        if fragments.count <= 3, FormTitle.match(joined) != nil { return true }
        if joined.count <= 8, joined.contains("表"), !fragments.contains(where: { LayoutLine.isAmount($0, PrintedNumber.parse($0) != nil) }) { return true }
        return leaders.contains { text.contains($0) } || isPageNumber(joined)
    }

    /// "— 32 —", "- 3 -", "第 3 页": a page number, left out as the PDF reader leaves it out.
    static func isPageNumber(_ joined: String) -> Bool {
        let dashes: Set<Character> = ["-", "—", "－", "–"]
        let core = joined.trimmingCharacters(in: .whitespaces)
        if let first = core.first, let last = core.last, dashes.contains(first), dashes.contains(last) {
            let inner = core.filter { !dashes.contains($0) }
            return !inner.isEmpty && inner.count <= 4 && inner.allSatisfy(\.isASCII) && inner.allSatisfy(\.isNumber)
        }
        guard core.hasPrefix("第"), core.hasSuffix("页"), core.count <= 12 else { return false }
        return core.dropFirst().dropLast().allSatisfy { $0.isASCII && $0.isNumber || "共页".contains($0) }
    }

    private func kind(of line: LayoutLine) -> Kind {
        let f = line.fragments
        if f.contains(where: { frag in Self.metaPrefixes.contains { frag.text.hasPrefix($0) } }) { return .stop }
        if Self.isCaption(line.text, fragments: f.map(\.text)) { return .stop }
        let prose = PdfTextReader.hasSentencePunctuation(line.text[...])
        if f.count >= 2 && (line.wideGaps >= 1 || line.hasNumber) && f.count <= 24 {
            // Prose with a number in it is not a row; a row's cells are short.
            if prose && f.contains(where: { DisplayWidth.of($0.text) > 40 }) { return .stop }
            return .tabular
        }
        if f.count == 1, !prose, DisplayWidth.of(f[0].text) <= 40 { return .loose }
        return .stop
    }

    /// A header or body line's cells placed under the table's columns.
    private struct Rows {
        var rows: [[Cell]]
        var lines: [Int]
    }

    private func build(_ region: [LayoutLine]) -> Rows? {
        let tabular = region.filter { $0.fragments.count >= 2 }
        guard tabular.count >= 2, tabular.filter({ $0.wideGaps >= 1 }).count * 2 >= tabular.count else { return nil }
        guard var firstData = region.firstIndex(where: isData) else { return nil }
        // Header words never start with list numbering or a code: such a line is the first row.
        if let entry = region[..<firstData].firstIndex(where: { $0.fragments.count == 1 && startsEntry($0) }) { firstData = entry }
        // Loose lines before the header and after the last row are a title or a note, not the table's.
        var headerLines = Array(region[..<firstData].drop { $0.fragments.count < 2 })
        var body = Array(region[firstData...])
        while let l = body.last, l.fragments.count < 2, !l.hasNumber { body.removeLast() }
        guard body.count >= 1 else { return nil }
        if headerLines.count > 6 { headerLines = Array(headerLines.suffix(6)) }
        let columns = columnSet(body: body, header: headerLines)
        guard columns.count >= 2 else { return nil }
        // Every body line must fit the columns; a table read into the wrong columns would
        // report sums that are not there.
        var placedBody: [[Cell?]] = []
        var spans = columns
        for line in body {
            guard let assigned = ColumnAssignment.assignBody(line.fragments, to: columns) else { return nil }
            placedBody.append(place(line, assigned, columns.count))
            // Each column's span over the body: where a header cell centred over it can stand.
            for (f, c) in zip(line.fragments, assigned) where !(f.isNumber == false && c == 0) {
                spans[c].start = min(spans[c].start, f.start)
                spans[c].end = max(spans[c].end, f.end)
            }
        }
        var rows: [[Cell]] = []
        var rowLines: [Int] = []
        if !headerLines.isEmpty {
            rows.append(headerRow(headerLines, spans))
            rowLines.append(headerLines[0].number)
        }
        let firstBodyRow = rows.count
        var pendingLabel: [Cell?]?
        var lastRowLine = -10
        // The header printed again at the top of the next page is not a row.
        let headerWords = Set(headerLines.flatMap { $0.fragments.map { TextNormalizer.compact($0.text) } })
        for (b, line) in body.enumerated() {
            let placed = placedBody[b]
            if !line.hasNumber, !headerWords.isEmpty, line.fragments.allSatisfy({ headerWords.contains(TextNormalizer.compact($0.text)) }) { continue }
            // An entry's label wrapped onto the next line, which holds its amounts ("一、一般公共预算" /
            // "财政拨款收入   1,000.00"): the first line waits for the second.
            let wrapsOntoNext = !line.hasNumber && b + 1 < body.count && body[b + 1].number == line.number + 1
                && body[b + 1].hasNumber && !startsEntry(body[b + 1])
            if !wrapsOntoNext && (line.hasNumber || startsEntry(line) || rows.count == firstBodyRow && line.fragments.count >= 2) {
                var cells = placed
                if let label = pendingLabel {
                    // A label printed on the line above its amounts, or the first part of the row's label.
                    for c in cells.indices {
                        guard let above = label[c] else { continue }
                        if let here = cells[c] {
                            if here.number == nil { cells[c] = Cell(text: above.text + here.text, location: above.location) }
                        } else {
                            cells[c] = above
                        }
                    }
                    pendingLabel = nil
                }
                rows.append(cells.enumerated().map { $1 ?? emptyCell(line, columns[$0]) })
                rowLines.append(line.number)
                lastRowLine = line.number
                continue
            }
            // Text without numbers: the missing label of the row above (printed below its
            // amounts), a label above the next row's amounts, or the wrapped rest of the row above.
            if wrapsOntoNext && startsEntry(line) {
                pendingLabel = merge(pendingLabel, placed)
                continue
            }
            let follows = rows.count > firstBodyRow && line.number - lastRowLine <= 2 && pendingLabel == nil
            let next = b + 1 < body.count && body[b + 1].hasNumber && body[b + 1].number - line.number <= 2 ? placedBody[b + 1] : nil
            let filled = placed.indices.filter { placed[$0] != nil }
            let prev = rows.count - 1
            let fillsGap = follows && filled.allSatisfy { rows[prev][$0].compact.isEmpty }
            let wraps = follows && filled.allSatisfy { rows[prev][$0].number == nil }
            let labelsNext = next.map { n in filled.allSatisfy { n[$0] == nil } } ?? false
            // Touching the row above and set apart from the next: its wrapped text.
            let hugsAbove = wraps && line.number - lastRowLine == 1 && (b + 1 >= body.count || body[b + 1].number - line.number > 1)
            if fillsGap {
                for c in filled { rows[prev][c] = placed[c]! }
                lastRowLine = line.number
            } else if labelsNext && !hugsAbove {
                pendingLabel = merge(pendingLabel, placed)
            } else if wraps {
                for c in filled { rows[prev][c].text += placed[c]!.text }
                lastRowLine = line.number
            } else {
                pendingLabel = merge(pendingLabel, placed)
            }
        }
        if let label = pendingLabel {
            rows.append(label.enumerated().map { $1 ?? Cell(text: "", location: SourceLocation(file: path, line: rowLines.last ?? 0, column: 1)) })
            rowLines.append(label.compactMap { $0?.location.line }.first ?? 0)
        }
        guard rows.count >= 2 else { return nil }
        return Rows(rows: rows, lines: rowLines)
    }

    /// A line with a number that is not a year in a header ("2026 年预算数" prints the year apart).
    private func isData(_ line: LayoutLine) -> Bool {
        line.fragments.indices.contains { k in
            let f = line.fragments[k]
            guard f.isNumber else { return false }
            if f.text.count == 4, let y = Int(f.text), (1990...2100).contains(y), k + 1 < line.fragments.count,
               line.fragments[k + 1].text.hasPrefix("年") { return false }
            return true
        }
    }

    /// A body line that starts an entry of its own: a subject code, list numbering, a total.
    private func startsEntry(_ line: LayoutLine) -> Bool {
        guard let first = line.fragments.first else { return false }
        let t = TextNormalizer.compact(first.text)
        if first.isNumber { return SubjectCode.full(t) != nil }
        if TextPatterns.strippingListPrefixes(t) != t { return true }
        if SubjectCode.full(t) != nil || SubjectCode.leading(first.text) != nil { return true }
        return ["合计", "总计", "小计", "收入总计", "支出总计"].contains { t.hasPrefix($0) }
    }

    /// Label lines waiting for their amounts, joined column by column.
    private func merge(_ pending: [Cell?]?, _ placed: [Cell?]) -> [Cell?] {
        guard var out = pending else { return placed }
        for c in placed.indices {
            guard let add = placed[c] else { continue }
            out[c] = out[c].map { Cell(text: $0.text + add.text, location: $0.location) } ?? add
        }
        return out
    }

    private func emptyCell(_ line: LayoutLine, _ column: ColumnAssignment.Column) -> Cell {
        Cell(text: "", location: SourceLocation(file: path, line: line.number, column: column.start + 1))
    }

    private func cell(_ f: LayoutLine.Fragment, _ line: LayoutLine) -> Cell {
        Cell(text: f.text, location: SourceLocation(file: path, line: line.number, column: f.column))
    }

    /// The line's cells under the columns (nil where it has none).
    private func place(_ line: LayoutLine, _ assigned: [Int], _ count: Int) -> [Cell?] {
        var cells = [Cell?](repeating: nil, count: count)
        for (f, c) in zip(line.fragments, assigned) {
            if let have = cells[c] {
                cells[c] = Cell(text: have.text + " " + f.text, location: have.location)
            } else {
                cells[c] = cell(f, line)
            }
        }
        return cells
    }

    /// The columns: the cells of the body line with the most of them, widened by every body
    /// cell under them, plus header and body cells that stand clear of all of them.
    private func columnSet(body: [LayoutLine], header: [LayoutLine]) -> [ColumnAssignment.Column] {
        // The line with the most cells, and of those the least pushed right (its first number leftmost).
        // A row of column numbers ("栏次 1 2 3 …") prints them centred, not where amounts stand.
        let rows = body.filter { !Self.isColumnNumbering($0) }
        let most = rows.map(\.fragments.count).max() ?? 0
        func firstNumberEnd(_ l: LayoutLine) -> Int { l.fragments.first(where: \.isNumber)?.end ?? Int.max }
        guard let widest = rows.filter({ $0.fragments.count == most }).min(by: { firstNumberEnd($0) < firstNumberEnd($1) }) else { return [] }
        var columns = widest.fragments.map { ColumnAssignment.Column(start: $0.start, end: $0.end, holdsNumbers: $0.isNumber) }
        // Amount columns empty in every body line ("事业收入", "其他收入"): a header line with more
        // cells over the amounts than there are amount columns adds its rightmost ones.
        guard let firstAmount = columns.first(where: { $0.holdsNumbers == true && $0.start > columns[0].end }) else { return columns }
        let amountColumns = columns.filter { $0.start >= firstAmount.start }.count
        for line in header {
            let over = line.fragments.filter { $0.end > firstAmount.start }
            guard over.count > amountColumns else { continue }
            for f in over.suffix(over.count - amountColumns) where f.start >= columns.last!.end {
                columns.append(ColumnAssignment.Column(start: f.start, end: f.end, holdsNumbers: true))
            }
        }
        return columns
    }

    /// Header lines as one row: each header cell under the columns it spans, the lines' words
    /// of one column joined top to bottom.
    private func headerRow(_ lines: [LayoutLine], _ columns: [ColumnAssignment.Column]) -> [Cell] {
        var texts = [String](repeating: "", count: columns.count)
        var locations = [SourceLocation?](repeating: nil, count: columns.count)
        for line in lines {
            let assigned = ColumnAssignment.assignHeader(line.fragments, to: columns)
            for (f, c) in zip(line.fragments, assigned) {
                // A cell over several columns (more than half of each) is repeated over them.
                var spanned = columns.indices.filter { k in
                    let overlap = min(f.end, columns[k].end) - max(f.start, columns[k].start)
                    return overlap * 2 > columns[k].end - columns[k].start
                }
                if spanned.count < 2 { spanned = [c] }
                for k in spanned {
                    texts[k] += texts[k].isEmpty ? f.text : "\n" + f.text
                    if locations[k] == nil { locations[k] = SourceLocation(file: path, line: line.number, column: f.column) }
                }
            }
        }
        let fallback = SourceLocation(file: path, line: lines[0].number, column: 1)
        return texts.indices.map { Cell(text: texts[$0], location: locations[$0] ?? fallback) }
    }
}

/// A table a pdf-text block reader rebuilt: its lines as offsets into the block, and its rows
/// with the file line each starts on.
struct PlacedTable {
    var offsets: Range<Int>
    var rows: [[Cell]]
    var rowLines: [Int]
}

import Foundation

/// An indicator table as plain `pdftotext` (without `-layout`) prints it (seed 002): every cell's
/// text stands on lines of its own, wrapped at its column's width, the cells of a row one after
/// another (一级 and 二级 headings, 三级指标, 年度指标值, 实际完成值), and each row ends on a line that
/// ends with its 分值 and 得分 ("5 5"), often after the actual's last words:
///
///     产出指标 / (50分) / 数量 / 指标 / 组织省内参加计算机软 / 件资格考试人次 / ≥2.5万人次 /
///     组织实施全国计算机技术与软件专业技术资格（水 / 平）考试湖南考区考试 2次，年报考人数 26710人。 / 5 5
///
/// No column positions survive, so the cells are told apart by what they hold: a heading is
/// built of short lines and ends in "指标" or a weight "（50分）"; a target starts with a
/// comparator or is a number with a short unit; the actual is written in the table's widest
/// column; a name and a target of the same words are two copies; a wrapped cell's last line is
/// shorter than its first. The table is rebuilt as rows under one header row
/// (一级指标 … 偏差原因分析及改进措施), which the recognizer reads as it reads Word tables.
///
/// Only a block of one-cell lines is read so: in `-layout` text, cells stand side by side.
struct WrappedIndicatorTable {
    /// One non-blank line of the block.
    struct Line {
        let text: Substring
        /// 1-based line of the file.
        let number: Int
        /// 1-based column of its first visible character.
        let column: Int
        /// Display width of its visible text.
        let width: Int
    }

    /// The columns of a self-evaluation indicator table, each with the words that show it
    /// in the header's text (which wraps: "年度" / "指标值"). Every word group must be found.
    static let headerColumns: [(cell: String, words: [String])] = [
        ("一级指标", []), ("二级指标", []), ("三级指标", ["三级指标"]), ("年度指标值", ["指标值"]),
        ("实际完成值", ["完成值"]), ("分值", ["分值"]), ("得分", ["得分"]), ("偏差原因分析及改进措施", []),
    ]

    /// What starts a header: the first words of an indicator table's header row.
    static let headerStarts = ["一级指标", "三级指标"]

    /// A target's comparators, as printed before its number.
    static let comparators: Set<Unicode.Scalar> = ["≥", "≤", "＞", "＜", ">", "<", "＝", "="]

    /// A table, found: its header line and lines `lines` (indices into the block's lines), and its rows.
    struct Found {
        var lines: Range<Int>
        var rows: [[Cell]]
        var rowLines: [Int]
    }

    let path: String

    /// The indicator tables of a block whose first line is line `firstLine` of the file.
    static func tables(in block: ArraySlice<Substring>, firstLine: Int, path: String) -> [PlacedTable] {
        // Most blocks hold no indicator header: one substring search over each short line decides.
        guard block.contains(where: { $0.utf8.count <= 512 && $0.contains("三级指标") }) else { return [] }
        var lines: [Line] = []
        var offsets: [Int] = []
        for (k, text) in block.enumerated() where !TextLines.isBlank(text) {
            let trimmed = TextLines.droppingTrailingBlanks(text)
            let lead = trimmed.prefix { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
            lines.append(Line(text: trimmed, number: firstLine + k, column: lead.unicodeScalars.count + 1,
                              width: DisplayWidth.of(trimmed.dropFirst(lead.count))))
            offsets.append(k)
        }
        return WrappedIndicatorTable(path: path).tables(in: lines).map {
            PlacedTable(offsets: offsets[$0.lines.lowerBound]..<(offsets[$0.lines.upperBound - 1] + 1), rows: $0.rows, rowLines: $0.rowLines)
        }
    }

    /// The indicator tables of a block of lines (blank lines left out), in order.
    func tables(in lines: [Line]) -> [Found] {
        var out: [Found] = []
        var i = 0
        while i < lines.count {
            if let found = table(at: i, lines) {
                out.append(found)
                i = found.lines.upperBound
            } else {
                i += 1
            }
        }
        return out
    }

    /// The table whose header starts at line `start`, when it is one.
    private func table(at start: Int, _ lines: [Line]) -> Found? {
        let first = TextNormalizer.compact(String(lines[start].text))
        guard lines[start].width <= 120, Self.headerStarts.contains(where: { first.contains($0) }) else { return nil }
        // The header: the lines up to the one that completes its words (at most 16 short lines, no digits).
        var text = ""
        var end: Int?
        for k in start..<min(lines.count, start + 16) {
            let line = lines[k]
            if line.width > 120 || line.text.unicodeScalars.contains(where: { $0.properties.numericType != nil && $0.isASCII }) { break }
            text += TextNormalizer.compact(String(line.text))
            let complete = Self.headerColumns.allSatisfy { col in col.words.allSatisfy { text.contains($0) } }
            // A 偏差原因 header wraps ("偏差原因" / "分析及改" / "进措施"): wait for its end.
            if complete { end = k + 1 + trailingHeaderLines(lines, after: k, header: text); break }
        }
        guard let bodyStart = end else { return nil }
        // The body: up to the 总分 line. Cells stand one per line; side by side, it is -layout text.
        var total: Int?
        var sideBySide = 0
        for k in bodyStart..<min(lines.count, bodyStart + 2000) {
            let compact = TextNormalizer.compact(String(lines[k].text))
            if compact.hasPrefix("总分") { total = k; break }
            if lines[k].text.contains("   ") && lines[k].text.drop(while: { $0 == " " }).contains("  ") { sideBySide += 1 }
        }
        guard let totalLine = total, sideBySide * 5 <= totalLine - bodyStart else { return nil }
        var rows: [[Cell]] = [header(at: lines[start])]
        var rowLines = [lines[start].number]
        let body = Array(lines[bodyStart..<totalLine])
        let parsed = WrappedIndicatorRows(body: body, path: path).rows()
        guard !parsed.isEmpty else { return nil }
        for r in parsed {
            rows.append(r.cells)
            rowLines.append(r.line)
        }
        var upper = totalLine + 1
        rows.append(totalRow(lines, totalLine, &upper))
        rowLines.append(lines[totalLine].number)
        return Found(lines: start..<upper, rows: rows, rowLines: rowLines)
    }

    /// The last header words, which wrap onto lines of their own ("偏差原因" / "分析及改" / "进措施").
    static let trailingHeaderWords = ["偏差原因分析及改进措施", "偏差原因分析", "偏差原因及改进措施", "备注"]

    /// How many lines after `k` hold the rest of the header's last words.
    private func trailingHeaderLines(_ lines: [Line], after k: Int, header: String) -> Int {
        var text = ""
        var taken = 0
        // "偏差原因" / "分析及改" printed with the other words, "进措施" on a line of its own.
        if header.contains("偏差") && !header.contains("措施") {
            for j in (k + 1)..<min(lines.count, k + 4) where lines[j].width <= 12 {
                if TextNormalizer.compact(String(lines[j].text)).contains("措施") { return j - k }
            }
            return 0
        }
        for j in (k + 1)..<min(lines.count, k + 6) {
            text += TextNormalizer.compact(String(lines[j].text))
            guard Self.trailingHeaderWords.contains(where: { $0.hasPrefix(text) }) else { break }
            taken = j - k
            if Self.trailingHeaderWords.contains(text) && !Self.trailingHeaderWords.contains(where: { $0 != text && $0.hasPrefix(text) }) { break }
        }
        // Words that only began the last header ("偏差原因" alone) are still the header's.
        return taken
    }

    private func header(at line: Line) -> [Cell] {
        Self.headerColumns.map { Cell(text: $0.cell, location: SourceLocation(file: path, line: line.number, column: line.column)) }
    }

    /// "总分 100 92." with "36" on the next line: a number cut at the line's end is joined.
    private func totalRow(_ lines: [Line], _ k: Int, _ upper: inout Int) -> [Cell] {
        var cells = PdfTextReader.tokens(lines[k].text, line: lines[k].number, path: path)
        if let last = cells.last, last.text.hasSuffix("."), k + 1 < lines.count {
            let next = lines[k + 1].text.trimmingCharacters(in: .whitespaces)
            if !next.isEmpty, next.allSatisfy(\.isNumber) {
                cells[cells.count - 1] = Cell(text: last.text + next, location: last.location)
                upper = k + 2
            }
        }
        return cells
    }
}

/// The rows of a `WrappedIndicatorTable`'s body: cut at each 分值/得分 line, then each row's
/// lines told apart into headings, 三级指标, target and actual.
struct WrappedIndicatorRows {
    typealias Line = WrappedIndicatorTable.Line
    let body: [Line]
    let path: String

    struct Row {
        var cells: [Cell]
        var line: Int
    }

    /// A piece of a row's text: a line, or the part of one between spaces.
    private struct Piece {
        var text: String
        var location: SourceLocation
        var width: Int
    }

    func rows() -> [Row] {
        let wide = wideWidth()
        var out: [Row] = []
        var content: [Line] = []
        var level1: Piece?, level2: Piece?
        for line in body {
            let tokens = PdfTextReader.tokens(line.text, line: line.number, path: path)
            guard tokens.count >= 2, isScore(tokens[tokens.count - 1]), isScore(tokens[tokens.count - 2]) else {
                content.append(line)
                continue
            }
            // The row's last line: the actual's last words (or the whole row), then 分值 and 得分.
            let tail = Array(tokens.dropLast(2))
            var lines = content[...]
            content = []
            // Headings first: 一级 ("产出指标" "(50分)"), then 二级 ("数量" "指标").
            var headings: [Piece] = []
            var continued: [Line] = []
            while let (heading, next) = headingRun(lines) {
                headings.append(heading)
                lines = lines[next...]
            }
            // Lines before a heading that comes later are the previous row's actual, run on
            // over a page break ("点堵点问题" before "可持续影响" / "指标").
            if !out.isEmpty, let (before, heading, next) = laterHeading(lines, wide: wide) {
                continued += before
                headings.append(heading)
                lines = next
                while let (h, n) = headingRun(lines) { headings.append(h); lines = lines[n...] }
            }
            // Wide lines before any narrow one: the previous actual, cut by a page break.
            if !out.isEmpty {
                while let l = lines.first, cjkSplit(l) == nil,
                      l.width > wide || (!continued.isEmpty && continued.last!.width > wide && !endsSentence(continued.last!)) {
                    continued.append(l)
                    lines = lines.dropFirst()
                    if endsSentence(l) { break }
                }
                if !continued.isEmpty, lines.isEmpty && tail.isEmpty {
                    // Nothing left for a row of its own: it was all the previous row's.
                    lines = continued[...]
                    continued = []
                }
            }
            if !continued.isEmpty, let actualAt = Self.column("实际完成值") {
                let more = continued.map { String($0.text).trimmingCharacters(in: .whitespaces) }.joined()
                out[out.count - 1].cells[actualAt].text += more
            }
            // A heading with its weight is a 一级; one without goes to the 二级 column, where the
            // recognizer tells a 一级 name from a 二级 (成本指标 is a 二级 of 产出指标 there).
            for h in headings {
                if TextPatterns.weightSuffix(TextNormalizer.compact(h.text), loose: false) != nil {
                    level1 = h
                    level2 = nil
                } else {
                    if let l2 = level2, level1 == nil { level1 = l2 }
                    level2 = h
                }
            }
            let (name, target, actual) = split(Array(lines), tail: tail, wide: wide)
            guard let nameCell = name else { continue }
            var cells = [Cell](repeating: Cell(text: "", location: nameCell.location), count: WrappedIndicatorTable.headerColumns.count)
            func put(_ column: String, _ piece: Piece?) {
                guard let p = piece, let k = Self.column(column) else { return }
                cells[k] = Cell(text: p.text, location: p.location)
            }
            // A heading is printed once, in the row it starts.
            put("一级指标", level1)
            put("二级指标", level2)
            level1 = nil
            level2 = nil
            put("三级指标", nameCell)
            put("年度指标值", target)
            put("实际完成值", actual)
            let pair = tokens.suffix(2).map { Piece(text: $0.text, location: $0.location, width: 0) }
            put("分值", pair[0])
            put("得分", pair[1])
            out.append(Row(cells: cells, line: nameCell.location.line ?? 0))
        }
        return out
    }

    /// Characters of the longest 一级/二级 heading without its weight.
    static let longestHeading = 9

    static func column(_ name: String) -> Int? { WrappedIndicatorTable.headerColumns.firstIndex { $0.cell == name } }

    /// The width above which a line belongs to the widest column (the actual's): four fifths of the
    /// width most lines of that column wrap at.
    private func wideWidth() -> Int {
        let widths = body.map(\.width)
        guard let max = widths.max(), max > 0 else { return Int.max }
        var counts: [Int: Int] = [:]
        for w in widths where w * 2 >= max { counts[w, default: 0] += 1 }
        let common = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key < $1.key) }?.key ?? max
        return common * 4 / 5
    }

    private func isScore(_ c: Cell) -> Bool {
        if Placeholder.isMark(c.text) { return true }
        guard let n = c.number, !n.isPercent else { return false }
        return n.value >= 0 && n.value <= 100
    }

    private func endsSentence(_ l: Line) -> Bool { l.text.hasSuffix("。") }

    private func piece(_ l: Line) -> Piece {
        Piece(text: String(l.text).trimmingCharacters(in: .whitespaces), location: SourceLocation(file: path, line: l.number, column: l.column), width: l.width)
    }

    /// A heading at the start of `lines`: short lines whose text ends in "指标" (a 二级, or a 一级
    /// such as "满意度" / "指标"), with a weight "（10分）" on the line after it; or a weight alone.
    private func headingRun(_ lines: ArraySlice<Line>) -> (Piece, Int)? {
        var text = ""
        var first: Line?
        var k = lines.startIndex
        while k < lines.endIndex, k - lines.startIndex < 6 {
            let l = lines[k]
            let t = TextNormalizer.compact(String(l.text))
            let alone = k == lines.startIndex && l.width <= 20 && t.hasSuffix("指标")
            guard l.width <= 10 || alone || TextPatterns.weightSuffix(t, loose: false) != nil, !t.contains("，"), !t.contains("。") else { return nil }
            if first == nil { first = l }
            text += t
            k += 1
            if text.hasSuffix("指标") || TextPatterns.weightSuffix(text, loose: false) != nil { break }
        }
        // The longest heading is "服务对象满意度指标": more words are a cell's text run into a heading.
        guard text.count <= Self.longestHeading else { return nil }
        guard let start = first, text.hasSuffix("指标") || TextPatterns.weightSuffix(text, loose: false) != nil else { return nil }
        // "产出指标" then "(50分)": the weight belongs to the heading.
        if text.hasSuffix("指标"), k < lines.endIndex, TextPatterns.weightSuffix(TextNormalizer.compact(String(lines[k].text)), loose: false) != nil,
           lines[k].width <= 12 {
            text += TextNormalizer.compact(String(lines[k].text))
            k += 1
        }
        return (Piece(text: text, location: SourceLocation(file: path, line: start.number, column: start.column), width: start.width), k)
    }

    /// A heading a few lines in, with only narrow lines and no target before it.
    private func laterHeading(_ lines: ArraySlice<Line>, wide: Int) -> ([Line], Piece, ArraySlice<Line>)? {
        var k = lines.startIndex
        while k < lines.endIndex, k - lines.startIndex < 4 {
            if k > lines.startIndex, let (h, next) = headingRun(lines[k...]) {
                return (Array(lines[lines.startIndex..<k]), h, lines[next...])
            }
            if isTargetStart(String(lines[k].text)) { return nil }
            k += 1
        }
        return nil
    }

    /// Tells a row's lines (headings taken off) and its last line's words before the pair apart
    /// into 三级指标, target and actual.
    private func split(_ lines: [Line], tail: [Cell], wide: Int) -> (Piece?, Piece?, Piece?) {
        var narrow: [Piece] = []
        var target: Piece?
        var actual: [Piece] = []
        func take(_ tokens: [Cell], onLineOf l: Line?) {
            // The first target-like word splits the line: words before it end the name, after it the actual starts.
            let isWide = l.map { $0.width > wide && cjkSplit($0) == nil } ?? false
            let candidates = isWide ? tokens.prefix(1) : tokens[...]
            if target == nil, actual.isEmpty, let t = candidates.firstIndex(where: { isTarget($0.text) }) {
                var end = t + 1
                if tokens[t].text.unicodeScalars.allSatisfy({ Self.isComparatorChar($0) || Self.isNumberScalar($0) }),
                   end < tokens.count, tokens[end].text.count <= 3, !tokens[end].text.unicodeScalars.contains(where: Self.isNumberScalar) {
                    end += 1 // "≤906.86 万元": the unit printed apart
                }
                if t > 0 { narrow.append(joined(tokens[..<t])) }
                target = joined(tokens[t..<end])
                if end < tokens.count { actual.append(joined(tokens[end...])) }
                return
            }
            guard let l = l else {
                if !tokens.isEmpty { actual.append(joined(tokens[...])) }
                return
            }
            if target != nil || !actual.isEmpty {
                actual.append(piece(l))
            } else if let parts = cjkSplit(l), parts.allSatisfy({ $0.width <= wide }) {
                narrow += parts
            } else if l.width > wide {
                actual.append(piece(l))
            } else {
                narrow.append(piece(l))
            }
        }
        for l in lines {
            take(PdfTextReader.tokens(l.text, line: l.number, path: path), onLineOf: l)
        }
        if !tail.isEmpty {
            if tail.count == 1, target == nil, actual.isEmpty, narrow.count >= 2 {
                // "100%" alone before the pair: the actual of a row whose target is text.
                actual.append(joined(tail[...]))
            } else if target == nil, actual.isEmpty, tail.contains(where: { isTarget($0.text) }) {
                take(tail, onLineOf: nil)
            } else {
                actual.append(joined(tail[...]))
            }
        }
        if target == nil && actual.isEmpty && narrow.count >= 3 { actual.append(narrow.removeLast()) }
        var name: Piece?
        if target == nil {
            let k = nameEnd(narrow)
            name = merged(narrow[..<k])
            target = merged(narrow[k...])
        } else {
            name = merged(narrow[...])
        }
        return (name, target, merged(actual[...]))
    }

    /// Where the 三级指标 ends and the target begins among the narrow pieces, when no target
    /// word told it: two copies of the same words; else the first line shorter than the
    /// first (a wrapped cell's last line); else half of the lines.
    private func nameEnd(_ pieces: [Piece]) -> Int {
        guard pieces.count >= 2 else { return pieces.count }
        let compact = pieces.map { TextNormalizer.compact($0.text) }
        for k in 1..<pieces.count where compact[..<k].joined() == compact[k...].joined() { return k }
        for k in 1..<pieces.count where pieces[k - 1].width + 4 <= pieces[0].width { return k }
        return pieces.count / 2
    }

    private func merged(_ pieces: ArraySlice<Piece>) -> Piece? {
        guard let first = pieces.first else { return nil }
        return Piece(text: pieces.map(\.text).joined(), location: first.location, width: first.width)
    }

    private func joined(_ tokens: ArraySlice<Cell>) -> Piece {
        let text = tokens.map(\.text).joined(separator: " ")
        return Piece(text: text, location: tokens.first!.location, width: DisplayWidth.of(text))
    }

    /// A line of two cells printed one space apart, each ending and starting with a Chinese
    /// character ("深化“送解优”服务 深化“送解优”服务"): text in one cell has no such space.
    private func cjkSplit(_ l: Line) -> [Piece]? {
        let tokens = PdfTextReader.tokens(l.text, line: l.number, path: path)
        guard tokens.count >= 2 else { return nil }
        var parts: [ArraySlice<Cell>] = []
        var start = 0
        for k in 1..<tokens.count {
            let before = tokens[k - 1].text.unicodeScalars.last!, after = tokens[k].text.unicodeScalars.first!
            if DisplayWidth.isCJK(before) && DisplayWidth.isCJK(after) && !Self.isComparatorChar(after) {
                parts.append(tokens[start..<k])
                start = k
            }
        }
        guard start > 0 else { return nil }
        parts.append(tokens[start...])
        return parts.map(joined)
    }

    private func isTargetStart(_ line: String) -> Bool {
        guard let first = PdfTextReader.tokens(Substring(line), line: 0, path: "").first else { return false }
        return isTarget(first.text)
    }

    /// A target word: a comparator and a number ("≥25次", "≤2024"), or a number with a short
    /// unit ("1处", "100%", "1个系列").
    private func isTarget(_ text: String) -> Bool {
        let u = text.unicodeScalars
        guard let first = u.first else { return false }
        if Self.isComparatorChar(first) { return u.dropFirst().first.map { $0.isASCII && $0.properties.numericType != nil } ?? false }
        guard first.isASCII, first.properties.numericType != nil else { return false }
        // The unit: "%" alone, or one to three Chinese characters ("处", "万人次", "个系列").
        let unit = u.drop { Self.isNumberScalar($0) }
        if unit.elementsEqual(["%"]) || unit.elementsEqual(["％"]) { return true }
        return (1...3).contains(unit.count) && unit.allSatisfy { DisplayWidth.isCJK($0) && !Self.punctuation.contains($0) }
    }

    /// Chinese punctuation, which is wide but no unit.
    static let punctuation: Set<Unicode.Scalar> = ["，", "。", "；", "、", "：", "（", "）", "“", "”", "《", "》", "％"]

    static func isNumberScalar(_ u: Unicode.Scalar) -> Bool { (u.isASCII && u.properties.numericType != nil) || u == "." || u == "," }

    static func isComparatorChar(_ c: Character) -> Bool { c.unicodeScalars.first.map { WrappedIndicatorTable.comparators.contains($0) } ?? false }
    static func isComparatorChar(_ u: Unicode.Scalar) -> Bool { WrappedIndicatorTable.comparators.contains(u) }
}

/// Finds a table's columns from where its words stand.
///
/// The body's words give the columns: a column boundary is an x that no body
/// word crosses (cells are clipped or wrapped, so their text stays inside).
/// The header then adds the columns whose body is empty, and splits a body
/// column where two header cells stand over it (text that overflowed into an
/// empty neighbour joins two columns, but their headers stay apart).
enum PdfColumnFinder {
    /// A column's horizontal extent.
    struct Column: Equatable {
        var lo: Double
        var hi: Double
    }

    static func columns(header: [PdfTextLine], body: [PdfTextLine]) -> [Column] {
        let all = header + body
        guard let left = all.map(\.xMin).min(), let right = all.map(\.xMax).max(), right > left else { return [] }
        let width = right - left
        let binSize = 0.5
        let bins = Int(width / binSize) + 2
        func bin(_ x: Double) -> Int { min(max(Int((x - left) / binSize), 0), bins - 1) }
        // How many body words cover each half point. Words wider than most of the table
        // (a note, a row label spanning everything) say nothing about columns.
        var coverage = [Int](repeating: 0, count: bins)
        for line in body where !isColumnNumberRow(line) {
            for w in line.words where w.width <= 0.45 * width {
                let a = bin(w.xMin), b = bin(w.xMax)
                if a < b { for k in a..<b { coverage[k] += 1 } }
            }
        }
        var columns: [Column] = []
        var k = 0
        while k < bins {
            guard coverage[k] > 0 else { k += 1; continue }
            let start = k
            while k < bins && coverage[k] > 0 { k += 1 }
            columns.append(Column(lo: left + Double(start) * binSize, hi: left + Double(k) * binSize))
        }
        columns = splitAtAlignedStarts(columns, body: body.filter { !isColumnNumberRow($0) })
        // A "栏次 1 2 3" row numbers every column, the empty ones too: a number over no body
        // column widens the nearest unnumbered one, or stands for an empty column.
        for line in body where isColumnNumberRow(line) {
            var numbered = columns.map { c in line.words.contains { $0.xOverlap(c.lo, c.hi) > 0 } }
            for w in line.words where PdfWordKind.isNumber(w.text) && !columns.contains(where: { w.xOverlap($0.lo, $0.hi) > 0 }) {
                let leftIndex = columns.lastIndex { $0.hi <= w.xMin }, rightIndex = columns.firstIndex { $0.lo >= w.xMax }
                let candidates = [leftIndex, rightIndex].compactMap { $0 }.filter { !numbered[$0] }
                if let nearest = candidates.min(by: { distance(w, columns[$0]) < distance(w, columns[$1]) }) {
                    columns[nearest].lo = min(columns[nearest].lo, w.xMin)
                    columns[nearest].hi = max(columns[nearest].hi, w.xMax)
                    numbered[nearest] = true
                } else {
                    let i = columns.firstIndex { $0.lo >= w.xMax } ?? columns.count
                    columns.insert(Column(lo: w.xMin, hi: w.xMax), at: i)
                    numbered.insert(true, at: i)
                }
            }
        }
        // A header cell over no body column names the nearest body column that has no header
        // of its own (a centred header over left- or right-aligned cells); failing that, it is
        // a column of its own (empty in this part).
        // The lowest header line with a word over each body column (-1: none). A header word can
        // only name a column whose headers all stand above it.
        var headedLine = columns.map { c in header.lastIndex { $0.words.contains { $0.xOverlap(c.lo, c.hi) > 0 } } ?? -1 }
        var extra: [Column] = []
        for (li, line) in header.enumerated() {
            for w in line.words where w.width <= 0.95 * width && !columns.contains(where: { w.xOverlap($0.lo, $0.hi) > 0 }) {
                if isGroupHeader(w, lowerLines: header[(li + 1)...]) { continue }
                let leftIndex = columns.lastIndex { $0.hi <= w.xMin }, rightIndex = columns.firstIndex { $0.lo >= w.xMax }
                // Only the column whose middle is nearest the word's can be the one it names.
                let centre = (w.xMin + w.xMax) / 2
                let closest = [leftIndex, rightIndex].compactMap { $0 }.min {
                    abs((columns[$0].lo + columns[$0].hi) / 2 - centre) < abs((columns[$1].lo + columns[$1].hi) / 2 - centre)
                }
                if let nearest = closest, headedLine[nearest] < li {
                    columns[nearest].lo = min(columns[nearest].lo, w.xMin)
                    columns[nearest].hi = max(columns[nearest].hi, w.xMax)
                    headedLine[nearest] = li
                    continue
                }
                if let i = extra.firstIndex(where: { w.xOverlap($0.lo, $0.hi) > 0 }) {
                    extra[i].lo = min(extra[i].lo, w.xMin); extra[i].hi = max(extra[i].hi, w.xMax)
                } else {
                    extra.append(Column(lo: w.xMin, hi: w.xMax))
                }
            }
        }
        columns = (columns + extra).sorted { $0.lo < $1.lo }
        // Two header cells of one line over one body column: split it where the body is thinnest.
        var split: [Column] = []
        for c in columns {
            var pieces = [c]
            for line in header {
                let inside = line.words.filter { w in
                    w.text.count >= 2 && w.xMin >= c.lo - 1 && w.xMax <= c.hi + 1
                }
                guard inside.count >= 2 else { continue }
                var cuts: [Double] = []
                for (a, b) in zip(inside, inside.dropFirst()) where b.xMin - a.xMax >= 0.5 * a.height {
                    let from = bin(a.xMax), to = bin(b.xMin)
                    let best = (from..<max(to, from + 1)).min { coverage[$0] < coverage[$1] } ?? from
                    cuts.append(left + Double(best) * binSize)
                }
                if cuts.count + 1 > pieces.count {
                    var lo = c.lo
                    pieces = []
                    for cut in cuts { pieces.append(Column(lo: lo, hi: cut)); lo = cut }
                    pieces.append(Column(lo: lo, hi: c.hi))
                }
            }
            split += pieces
        }
        return split.sorted { $0.lo < $1.lo }
    }

    /// Splits a column where cells of several rows start at one x right after another cell of
    /// the same row: a column boundary that a few long cells (merged over two columns, or
    /// overflowing) cross, so the body leaves no gap there. Indented labels start at one x too,
    /// but with nothing before them in the column, so they split nothing.
    static func splitAtAlignedStarts(_ columns: [Column], body: [PdfTextLine]) -> [Column] {
        var result: [Column] = []
        for c in columns {
            var starts: [Int: Int] = [:]    // x (whole points) -> lines where a word starts there after another word of the column
            for line in body {
                let inside = line.words.filter { $0.xMin >= c.lo - 0.5 && $0.xMax <= c.hi + 0.5 }
                for (a, b) in zip(inside, inside.dropFirst()) where b.xMin - a.xMax >= 0.3 * b.height {
                    starts[Int(b.xMin.rounded()), default: 0] += 1
                }
            }
            var cuts: [Double] = []
            // The most used starts only: a hostile page could offer thousands.
            let likely = starts.filter { $0.value >= 3 }.sorted { $0.value > $1.value }.prefix(24).sorted { $0.key < $1.key }
            for (x, n) in likely {
                let at = Double(x)
                guard at - c.lo > 2, cuts.last.map({ at - $0 > 5 }) ?? true else { continue }
                let crossing = body.reduce(0) { $0 + $1.words.filter { $0.xMin < at - 1.5 && $0.xMax > at + 1.5 }.count }
                if crossing < n { cuts.append(at - 1) }
            }
            var lo = c.lo
            for cut in cuts { result.append(Column(lo: lo, hi: cut)); lo = cut }
            result.append(Column(lo: lo, hi: c.hi))
        }
        return result
    }

    /// A "栏次 1 2 3" row: its numbers stand centred in their cells, while the amounts below
    /// are aligned right, so it says nothing about where the columns' text lies.
    static func isColumnNumberRow(_ line: PdfTextLine) -> Bool {
        let numbers = line.words.filter { PdfWordKind.isNumber($0.text) }.compactMap { Int($0.text) }
        guard numbers.count >= 2, numbers.count == line.words.filter({ PdfWordKind.isNumber($0.text) }).count else { return false }
        return zip(numbers, numbers.dropFirst()).allSatisfy { $1 == $0 + 1 }
    }

    static func distance(_ w: PdfWord, _ c: Column) -> Double {
        max(c.lo - w.xMax, w.xMin - c.hi, 0)
    }

    /// The column a word belongs to: the one it overlaps most, else the nearest.
    static func column(of w: PdfWord, in columns: [Column]) -> Int? {
        guard !columns.isEmpty else { return nil }
        var best = 0
        var bestScore = -Double.infinity
        for (i, c) in columns.enumerated() {
            let score = w.xOverlap(c.lo, c.hi)
            if score > bestScore { bestScore = score; best = i }
        }
        return best
    }

    /// Header lines with letter-spaced cells ("项    目", "收  入") set as one word each: a
    /// pair of single characters side by side is one cell unless each stands over its own body
    /// column. A run of three or more (类 款 项) is a row of narrow cells, never one word.
    static func mergingLetterSpacing(_ header: [PdfTextLine], body: [PdfTextLine]) -> [PdfTextLine] {
        let bodyColumns = columns(header: [], body: body)
        func column(_ w: PdfWord) -> Int? { bodyColumns.firstIndex { w.xOverlap($0.lo, $0.hi) > 0 } }
        return header.map { line in
            let ws = line.words
            func single(_ i: Int) -> Bool { i >= 0 && i < ws.count && ws[i].text.count == 1 }
            func near(_ i: Int) -> Bool { ws[i + 1].xMin - ws[i].xMax <= 6 * ws[i].height }
            var words: [PdfWord] = []
            var i = 0
            while i < ws.count {
                let pair = single(i) && single(i + 1) && near(i)
                let longerRun = pair && (single(i + 2) && near(i + 1) || single(i - 1) && near(i - 1))
                if pair && !longerRun && (column(ws[i]) == nil || column(ws[i + 1]) == nil || column(ws[i]) == column(ws[i + 1])) {
                    let a = ws[i], b = ws[i + 1]
                    words.append(PdfWord(a.text + b.text, xMin: a.xMin, yMin: min(a.yMin, b.yMin), xMax: b.xMax, yMax: max(a.yMax, b.yMax)))
                    i += 2
                } else {
                    words.append(ws[i])
                    i += 1
                }
            }
            return PdfTextLine(words: words)
        }
    }

    /// A header cell with nothing beneath it in the header lines below, over a gap between
    /// columns: a merged cell over the columns whose headers are below ("本年收入" over 项目 and 预算数).
    static func isGroupHeader(_ w: PdfWord, lowerLines: ArraySlice<PdfTextLine>) -> Bool {
        !lowerLines.isEmpty && !lowerLines.contains { $0.words.contains { $0.xOverlap(w.xMin, w.xMax) > 0 } }
    }

    /// The columns of a header word. A merged cell over header cells of the lines below
    /// ("“三公”经费预算数", "本年收入") stands over every column whose middle falls in its
    /// cell: centred on the word, reaching at most halfway to its neighbours on its line.
    /// Any other header word belongs to the columns it covers a good part of.
    static func headerColumns(of w: PdfWord, line: PdfTextLine, lowerLines: ArraySlice<PdfTextLine>,
                              in columns: [Column], left: Double, right: Double) -> [Int] {
        // A word over a column that no header below it names is that column's own header.
        let ownsColumn = columns.contains { c in
            w.xOverlap(c.lo, c.hi) > 0 && !lowerLines.contains { $0.words.contains { $0.xOverlap(c.lo, c.hi) > 0 } }
        }
        if ownsColumn { return self.columns(spannedBy: w, in: columns) }
        let i = line.words.firstIndex(of: w) ?? 0
        let lo = i > 0 ? (line.words[i - 1].xMax + w.xMin) / 2 : left
        let hi = i + 1 < line.words.count ? (w.xMax + line.words[i + 1].xMin) / 2 : right
        let centre = (w.xMin + w.xMax) / 2
        let half = max(min(centre - lo, hi - centre), w.width / 2)
        // Lines of the same header row (one-line cells centred beside cells of two or three lines,
        // each overlapping the next) are not below it.
        var sameRow = line
        let below = lowerLines.drop { l in
            guard PdfTableBuilder.sameRow(sameRow, l) else { return false }
            sameRow = l
            return true
        }.reduce(0) { n, l in
            n + l.words.filter { let m = ($0.xMin + $0.xMax) / 2; return abs(m - centre) <= half }.count
        }
        if below >= 2 {
            let inside = columns.indices.filter { abs((columns[$0].lo + columns[$0].hi) / 2 - centre) <= half }
            if !inside.isEmpty { return inside }
        }
        return self.columns(spannedBy: w, in: columns)
    }

    /// The columns a header word stands over: each it covers a good part of.
    static func columns(spannedBy w: PdfWord, in columns: [Column]) -> [Int] {
        let covered = columns.indices.filter { i in
            let c = columns[i]
            let overlap = w.xOverlap(c.lo, c.hi)
            return overlap > 0 && overlap >= 0.5 * min(w.width, c.hi - c.lo)
        }
        if covered.isEmpty, let nearest = column(of: w, in: columns) { return [nearest] }
        return covered
    }
}

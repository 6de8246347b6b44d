/// Finds the runs of a page's lines that form tables: lines of cells side by
/// side, with the single-cell lines between them (a row with one filled cell,
/// a wrapped label), the header lines just above them and wrapped cells just
/// below. Captions, contents entries and titles end a table.
enum PdfTableRegionFinder {
    /// At least this many lines of cells make a table.
    static let minimumTabularLines = 2
    /// Lines of one cell between two lines of cells that still belong to the table (a long
    /// list of labels whose amounts are empty).
    static let maximumSingleCellRun = 60

    static func regions(_ lines: [PdfTextLine]) -> [ClosedRange<Int>] {
        var page = Page(lines)
        let tabular = page.tabular
        var regions: [ClosedRange<Int>] = []
        var i = 0
        while i < lines.count {
            guard tabular[i] else { i += 1; continue }
            var start = i, end = i
            var j = i + 1
            while j < lines.count {
                if tabular[j] { end = j; j += 1; continue }
                // Lines of one cell between lines of cells belong to the table, unless one of them ends it.
                var k = j
                while k < lines.count, !tabular[k], k - j < maximumSingleCellRun, page.canBeCell(k, start...end) { k += 1 }
                guard k < lines.count, tabular[k], k > j else { break }
                let extent = lines[start...end].suffix(sampleLines) + [lines[k]]
                let lo = extent.map(\.xMin).min() ?? 0, hi = extent.map(\.xMax).max() ?? 0
                guard lines[j..<k].allSatisfy({ $0.xMax - $0.xMin <= 0.7 * (hi - lo) }) else { break }
                end = k; j = k + 1
            }
            let height = page.medianHeight(start...end)
            // Rows of one cell below the last line of cells (labels whose amounts are empty, a
            // wrapped cell): narrower than the table, no further below than its rows are apart.
            let rowGap = end > start ? medianGap(lines[start...end].suffix(sampleLines)) : 1.5 * height
            while end + 1 < lines.count, !tabular[end + 1], page.fitsInside(end + 1, start...end),
                  lines[end + 1].yMin - lines[end].yMax <= max(0.6 * height, 1.5 * rowGap),
                  lines[end + 1].xMax - lines[end + 1].xMin <= 0.5 * width(lines[start...end].suffix(sampleLines)) {
                end += 1
            }
            // A header line of one merged cell just above the first line of cells.
            let floor = regions.last.map { $0.upperBound + 1 } ?? 0
            while start - 1 >= floor, !tabular[start - 1], page.fitsInside(start - 1, start...end),
                  lines[start].yMin - lines[start - 1].yMax <= 2 * height {
                start -= 1
            }
            // One line of cells is a table too when it has several and a row below or above it
            // (the header and 合计 row of a table left empty).
            let cellLines = (start...end).filter { tabular[$0] }
            if cellLines.count >= minimumTabularLines || end > start && cellLines.contains(where: { lines[$0].words.count >= 3 }) {
                regions.append(start...end)
            }
            i = end + 1
        }
        return regions
    }

    /// A page's lines with what the search asks of each line again and again (its kind, its
    /// height, a region's median height and extent) worked out once: the same answers as
    /// `canBeCell` and `fitsInside`, without re-reading every word of up to `sampleLines`
    /// lines for each candidate line.
    private struct Page {
        let lines: [PdfTextLine]
        let heights: [Double]
        let tabular: [Bool]
        /// Caption or contents entry (known for every line); title (worked out when first asked).
        let captionOrContents: [Bool]
        var titles: [Bool?]
        /// The last region asked about, with its median height and horizontal extent.
        var measured: (range: ClosedRange<Int>, median: Double, lo: Double, hi: Double)?

        init(_ lines: [PdfTextLine]) {
            self.lines = lines
            heights = lines.map(\.height)
            var tabular: [Bool] = [], other: [Bool] = []
            for (line, h) in zip(lines, heights) {
                let captionOrContents = PdfLineKind.isCaption(line) || PdfLineKind.isContentsEntry(line)
                other.append(captionOrContents)
                tabular.append(line.words.count >= 2 && !captionOrContents && line.gaps.contains { $0 >= max(0.9 * h, 3) })
            }
            self.tabular = tabular
            captionOrContents = other
            titles = [Bool?](repeating: nil, count: lines.count)
        }

        /// A line that can be a cell of the table: not a caption, contents entry or title, and
        /// not in a larger type than the table.
        mutating func canBeCell(_ k: Int, _ table: ClosedRange<Int>) -> Bool {
            if captionOrContents[k] || isTitle(k) { return false }
            return heights[k] <= 1.25 * measure(table).median
        }

        /// A line that can be a cell of the table and lies within its width.
        mutating func fitsInside(_ k: Int, _ table: ClosedRange<Int>) -> Bool {
            guard canBeCell(k, table) else { return false }
            let m = measure(table)
            let slack = 2 * m.median
            let line = lines[k]
            return line.xMin >= m.lo - slack && line.xMax <= m.hi + slack && line.xMax - line.xMin <= 0.7 * (m.hi - m.lo)
        }

        mutating func medianHeight(_ table: ClosedRange<Int>) -> Double { measure(table).median }

        private mutating func isTitle(_ k: Int) -> Bool {
            if let known = titles[k] { return known }
            let title = PdfLineKind.looksLikeTitle(lines[k])
            titles[k] = title
            return title
        }

        /// Median height and extent of the region's last `sampleLines` lines.
        private mutating func measure(_ table: ClosedRange<Int>) -> (range: ClosedRange<Int>, median: Double, lo: Double, hi: Double) {
            if let m = measured, m.range == table { return m }
            let sample = max(table.lowerBound, table.upperBound - sampleLines + 1)...table.upperBound
            let hs = heights[sample].sorted()
            let lo = lines[sample].map(\.xMin).min() ?? 0, hi = lines[sample].map(\.xMax).max() ?? 0
            let m = (range: table, median: hs.isEmpty ? 1 : hs[hs.count / 2], lo: lo, hi: hi)
            measured = m
            return m
        }
    }

    /// Lines of a region its statistics are taken from: enough to know the table, few enough that a
    /// page of thousands of lines costs linear time.
    static let sampleLines = 200

    static func medianHeight(_ lines: ArraySlice<PdfTextLine>) -> Double {
        let hs = lines.map(\.height).sorted()
        return hs.isEmpty ? 1 : hs[hs.count / 2]
    }

    /// The median vertical space between consecutive lines.
    static func medianGap(_ lines: ArraySlice<PdfTextLine>) -> Double {
        let gaps = zip(lines, lines.dropFirst()).map { max($1.yMin - $0.yMax, 0) }.sorted()
        return gaps.isEmpty ? 0 : gaps[gaps.count / 2]
    }

    static func width(_ lines: ArraySlice<PdfTextLine>) -> Double {
        (lines.map(\.xMax).max() ?? 0) - (lines.map(\.xMin).min() ?? 0)
    }
}

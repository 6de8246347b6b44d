/// Turns the words of every page into a `Document`: tables rebuilt from
/// coordinates, the text around them as paragraphs, in reading order (top to
/// bottom, so a table's title comes before it). A table that runs on at the
/// top of the next page is joined to its first part, its repeated header dropped.
public enum PdfDocumentAssembler {
    fileprivate enum Item {
        case table(PdfTablePart)
        case paragraph(page: Int, text: String)
    }

    public static func document(pages: [PdfPage], path: String) -> Document {
        document(layouts: pages.map(layout), path: path)
    }

    /// One page's lines and rebuilt tables, before tables are joined across pages.
    public struct PageLayout {
        fileprivate var number: Int
        fileprivate var lines: [PdfTextLine]
        fileprivate var regions: [ClosedRange<Int>]
        fileprivate var tables: [PdfTablePart]
    }

    /// Lays out one page on its own: its lines, table regions and tables (most of the work, which
    /// needs nothing from the other pages), so that it can be done while pdftotext prints the next
    /// pages. Which lines are text is settled when the pages are joined: a table's last row may
    /// stand alone at the top of the next page.
    public static func layout(_ page: PdfPage) -> PageLayout {
        let lines = PdfPageFurniture.strip(PdfLineGrouper.lines(page.words), pageHeight: page.height)
        let regions = PdfTableRegionFinder.regions(lines)
        let tables = regions.flatMap { PdfTableBuilder.parts(Array(lines[$0]), page: page.number) }
        return PageLayout(number: page.number, lines: lines, regions: regions, tables: tables)
    }

    /// The pages' layouts joined into one document: a table that runs on at the top of the next
    /// page joins its first part.
    public static func document(layouts: [PageLayout], path: String) -> Document {
        var items: [Item] = []
        for page in layouts {
            let lines = page.lines
            var placed: [(top: Double, item: Item)] = []
            var inTable = [Bool](repeating: false, count: lines.count)
            // The last row of the previous page's table, alone at the top of this page.
            if let t = items.lastIndex(where: { if case .table = $0 { return true }; return false }),
               case .table(var previous) = items[t], (previous.rowPages.last ?? previous.page) == page.number - 1,
               let lone = loneContinuation(lines, regions: page.regions, of: previous) {
                for k in lone {
                    inTable[k] = true
                    previous.rows.append(cells(of: lines[k], in: previous.columns))
                    previous.rowPages.append(page.number)
                }
                items[t] = .table(previous)
            }
            for r in page.regions { for k in r { inTable[k] = true } }
            for part in page.tables { placed.append((part.top, .table(part))) }
            // Paragraph runs are cut at each table, so text above and below a table stays apart.
            var run: [PdfTextLine] = []
            func flush() {
                for p in PdfParagraphBuilder.paragraphs(run) { placed.append((p.top, .paragraph(page: page.number, text: p.text))) }
                run = []
            }
            for (k, line) in lines.enumerated() {
                if inTable[k] { flush() } else { run.append(line) }
            }
            flush()
            for (_, item) in placed.sorted(by: { $0.top < $1.top }) {
                guard case .table(let part) = item else { items.append(item); continue }
                // A long table often repeats its title block (title, unit line) on every page:
                // the repeated paragraphs are dropped and the parts joined, as with no title at all.
                let repeated = repeatedTitleBlock(items, page: part.page)
                if let repeated, case .table(let previous) = items[items.count - 1 - repeated],
                   repeated == 0 || part.headerKey != nil && part.headerKey == previous.headerKey,
                   let joined = join(previous, part) {
                    items.removeLast(repeated)
                    items[items.count - 1] = .table(joined)
                } else {
                    items.append(item)
                }
            }
        }
        return build(items, path: path)
    }

    /// How many paragraphs at the end of `items`, all on `page`, repeat the paragraphs just
    /// before the table preceding them (its title block): 0 when `items` ends with a table,
    /// nil when there is no such table or a paragraph is new.
    private static func repeatedTitleBlock(_ items: [Item], page: Int) -> Int? {
        var k = 0
        var texts: [String] = []
        while k < items.count, k < titleBlockLines, case .paragraph(let p, let text) = items[items.count - 1 - k], p == page {
            texts.append(TextNormalizer.compact(text)); k += 1
        }
        guard k < items.count, case .table = items[items.count - 1 - k] else { return nil }
        if k == 0 { return 0 }
        var before: Set<String> = []
        var i = items.count - 2 - k
        while i >= 0, before.count < titleBlockLines + 2, case .paragraph(_, let text) = items[i] { before.insert(TextNormalizer.compact(text)); i -= 1 }
        return texts.allSatisfy(before.contains) ? k : nil
    }

    /// Lines at the top of a page that finish the previous page's table without repeating its
    /// header: each has an amount or code, every word standing in one of the table's columns
    /// (two or more of them), and nothing tabular above them on the page but a running header
    /// line or two. A single such line is too short to be found as a table of its own, and read as
    /// text it would leave its parents in the table short of a child.
    static func loneContinuation(_ lines: [PdfTextLine], regions: [ClosedRange<Int>], of previous: PdfTablePart) -> ClosedRange<Int>? {
        guard !previous.rows.isEmpty, !previous.columns.isEmpty else { return nil }
        let firstRegion = regions.first?.lowerBound ?? lines.count
        func fits(_ line: PdfTextLine) -> Bool {
            guard line.words.count >= 2, PdfTableBuilder.hasData(line) else { return false }
            var hit = Set<Int>()
            for w in line.words {
                guard let c = previous.columns.indices.first(where: { w.xOverlap(previous.columns[$0].lo, previous.columns[$0].hi) > 0 }) else { return false }
                hit.insert(c)
            }
            return hit.count >= 2
        }
        // Skip a running header (one or two lines of text) above the rows.
        var start = 0
        while start < min(2, firstRegion), !fits(lines[start]), !PdfTableBuilder.hasData(lines[start]), lines[start].words.count <= 3 { start += 1 }
        var end = start
        while end < firstRegion, fits(lines[end]) { end += 1 }
        return end > start ? start...(end - 1) : nil
    }

    /// A line's words placed in `columns` (the nearest by overlap), one cell per column.
    static func cells(of line: PdfTextLine, in columns: [PdfColumnFinder.Column]) -> [String] {
        var perColumn = [[PdfWord]](repeating: [], count: columns.count)
        for w in line.words { if let c = PdfColumnFinder.column(of: w, in: columns) { perColumn[c].append(w) } }
        return perColumn.map { $0.isEmpty ? "" : PdfTextJoiner.join($0) }
    }

    /// Lines of a table's title block (表3 / title / 编制单位 / 单位).
    static let titleBlockLines = 4

    /// `next` continued from `previous` when it begins the page after it with no text
    /// between, with the same header or none; its columns are mapped onto the first part's.
    static func join(_ previous: PdfTablePart, _ next: PdfTablePart) -> PdfTablePart? {
        guard next.page == (previous.rowPages.last ?? previous.page) + 1 else { return nil }
        // What looks like a header on the new page is either the repeated header (dropped) or,
        // sharing no cell with the first part's header, the end of cells cut by the page break.
        var carriedOver: [String]?
        if let key = next.headerKey, key != previous.headerKey {
            let before = Set((previous.header ?? []).map { TextNormalizer.compact($0) }.filter { !$0.isEmpty })
            let after = (next.header ?? []).map { TextNormalizer.compact($0) }.filter { !$0.isEmpty }
            guard !previous.rows.isEmpty, !after.isEmpty, after.allSatisfy({ !before.contains($0) }) else { return nil }
            carriedOver = next.header
        }
        var mapping: [Int] = []
        for c in next.columns {
            let best = previous.columns.indices.max { a, b in
                overlap(c, previous.columns[a]) < overlap(c, previous.columns[b])
            } ?? 0
            mapping.append(best)
        }
        // Parts whose columns do not line up are different tables.
        let aligned = zip(next.columns, mapping).filter { overlap($0, previous.columns[$1]) > 0 }.count
        guard aligned * 10 >= next.columns.count * 7 else { return nil }
        var joined = previous
        if let cells = carriedOver {
            var last = joined.rows[joined.rows.count - 1]
            for (k, text) in cells.enumerated() where !text.isEmpty {
                let target = mapping[k]
                last[target] = last[target].isEmpty ? text : last[target] + "\n" + text
            }
            joined.rows[joined.rows.count - 1] = last
        }
        for (row, page) in zip(next.rows, next.rowPages) {
            var cells = [String](repeating: "", count: previous.columns.count)
            for (k, text) in row.enumerated() where !text.isEmpty {
                let target = mapping[k]
                cells[target] = cells[target].isEmpty ? text : cells[target] + " " + text
            }
            joined.rows.append(cells)
            joined.rowPages.append(page)
        }
        return joined
    }

    private static func overlap(_ a: PdfColumnFinder.Column, _ b: PdfColumnFinder.Column) -> Double {
        min(a.hi, b.hi) - max(a.lo, b.lo)
    }

    private static func build(_ items: [Item], path: String) -> Document {
        var blocks: [Block] = []
        var tableIndex = 0, paragraphIndex = 0
        for item in items {
            switch item {
            case .paragraph(let page, let text):
                paragraphIndex += 1
                blocks.append(.paragraph(Paragraph(text: text, location: SourceLocation(file: path, paragraph: paragraphIndex, page: page))))
            case .table(let part):
                tableIndex += 1
                var rows: [Row] = []
                var all: [([String], Int)] = []
                if let header = part.header { all.append((header, part.page)) }
                all += zip(part.rows, part.rowPages).map { ($0, $1) }
                for (texts, page) in all where texts.contains(where: { !$0.isEmpty }) {
                    let r = rows.count + 1
                    let cells = texts.enumerated().map { k, text in
                        Cell(text: text, location: SourceLocation(file: path, table: tableIndex, row: r, cell: k + 1, page: page))
                    }
                    rows.append(Row(cells: cells, location: SourceLocation(file: path, table: tableIndex, row: r, page: page)))
                }
                blocks.append(.table(Table(index: tableIndex, rows: rows, location: SourceLocation(file: path, table: tableIndex, page: part.page))))
            }
        }
        return Document(path: path, format: "pdf", blocks: blocks)
    }
}

/// Splits a text file into blocks of lines, each in one layout, so a file that mixes
/// TAB cells, pipe rows, web cells and prose is read part by part.
///
/// The file's host layout (the one the whole file scores best in) reads every group of
/// lines that has no marks of its own: prose, headings, merged-cell artefacts. A group
/// (lines between blank lines) with the marks of another layout (pipe rows, " |" cells,
/// single-TAB cells, a cell stream) is read by that layout. Neighbouring groups of one
/// layout form one block, blank lines included, so each reader sees its rows whole.
struct LayoutPlanner {
    /// The layouts a block can be read in.
    enum Layout: Equatable {
        case tabCells, markdown, pdfText, webText, cellStream
    }

    /// Lines `lines` (indices into the file's lines) read in `layout`.
    struct Block: Equatable {
        var layout: Layout
        var lines: Range<Int>
    }

    let lines: [Substring]
    let shapes: [LineShape]
    let host: Layout

    /// The blocks in file order; they cover every non-blank line once.
    func blocks() -> [Block] {
        let groups = lineGroups()
        var layouts = groups.map { ownLayout($0) ?? hostLayout(for: $0) }
        markCellPerParagraphRuns(groups, &layouts)
        var out: [Block] = []
        for (g, layout) in zip(groups, layouts) {
            if let last = out.last, last.layout == layout {
                out[out.count - 1].lines = last.lines.lowerBound..<g.upperBound
            } else {
                out.append(Block(layout: layout, lines: g))
            }
        }
        return out
    }

    /// Runs of non-blank lines. A TAB-led line is never blank: it is an empty Word cell.
    private func lineGroups() -> [Range<Int>] {
        var groups: [Range<Int>] = []
        var start: Int?
        for (i, s) in shapes.enumerated() {
            if s == .blank {
                if let st = start { groups.append(st..<i); start = nil }
            } else if start == nil {
                start = i
            }
        }
        if let st = start { groups.append(st..<shapes.count) }
        return groups
    }

    /// The layout a group's own marks name, when it is not the host's.
    private func ownLayout(_ g: Range<Int>) -> Layout? {
        var pipeRows = 0, webCells = 0, rowEnds = 0, singleTabs = 0, otherTabs = 0
        for s in shapes[g] {
            switch s {
            case .pipeRow, .pipeOpen, .pipeInner: pipeRows += 1
            case .webCell: webCells += 1
            case .webRowEnd: rowEnds += 1
            case .tabLed(let more): if more { otherTabs += 1 } else { singleTabs += 1 }
            case .tabInner: otherTabs += 1
            default: break
            }
        }
        let own: Layout?
        if pipeRows > 0 && pipeRows >= webCells {
            own = .markdown
        } else if rowEnds > 0 || webCells >= 2 {
            own = .webText
        } else if singleTabs >= 1 && otherTabs == 0 {
            own = .tabCells
        } else if g.count == 1, CellStreamReader.isSheetOnOneLine(lines[g.lowerBound]) {
            own = .cellStream
        } else {
            own = nil
        }
        // The host reads its own marks as before (a TAB host keeps its merged-cell lines).
        if own == host || (own == .tabCells && host == .markdown && otherTabs > 0) { return nil }
        return own
    }

    /// Groups without marks of their own go to the host, except short table rows printed
    /// as plain lines in a pipe-table or web file, which only the PDF-text reader splits.
    private func hostLayout(for g: Range<Int>) -> Layout {
        guard host == .webText || (host == .markdown && hasPipes) else { return host }
        for i in g where shapes[i] == .plain && PdfTextReader.looksLikeRow(lines[i]) { return .pdfText }
        return host
    }

    private var hasPipes: Bool { shapes.contains { $0 == .pipeRow || $0 == .pipeInner } }

    /// Layout 1: a run of one-line paragraphs, each a cell text, among them the header
    /// words of a funding or indicator table and some numbers. The host would read each as a
    /// paragraph and lose the table. A long cell (a 偏差原因 sentence) may stand in the run
    /// between short ones, never two in a row, so neighbouring prose stays prose.
    private func markCellPerParagraphRuns(_ groups: [Range<Int>], _ layouts: inout [Layout]) {
        var k = 0
        while k < groups.count {
            guard cellParagraph(groups[k], layouts[k]) == .short else { k += 1; continue }
            var end = k + 1
            var lastShort = k
            while end < groups.count, let kind = cellParagraph(groups[end], layouts[end]) {
                if kind == .short { lastShort = end } else if end - lastShort > 1 { break }
                end += 1
            }
            end = lastShort + 1
            let texts = groups[k..<end].map { lines[$0.lowerBound] }
            if end - k >= 6, CellStreamReader.holdsTable(texts) {
                for j in k..<end { layouts[j] = .cellStream }
            }
            k = end
        }
    }

    private enum CellParagraph { case short, long }

    /// A one-line group the host would read as a paragraph: a short cell text, or a long one
    /// (a sentence) that only counts between short ones.
    private func cellParagraph(_ g: Range<Int>, _ layout: Layout) -> CellParagraph? {
        guard g.count == 1, layout == host, shapes[g.lowerBound] == .plain else { return nil }
        let line = lines[g.lowerBound]
        if CellStreamReader.isCellText(line) { return .short }
        return line.utf8.count <= 1024 ? .long : nil
    }
}

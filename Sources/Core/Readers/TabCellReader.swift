/// The Word-extraction layout of seeds 000, 001 and 003: one table cell per line,
/// each cell line starting with a TAB; a blank line ends a table row; a line
/// without the TAB continues the cell above it.
///
/// Word prints a vertically merged cell's text again in the empty rows it spans,
/// as short lines without a TAB ("产出指标（50分）", "数量指标"). Inside a table
/// such lines are kept as rows, so no heading text is lost to the narrative.
public struct TabCellReader: TextLayoutReader, BlockLayoutReader {
    public static let formatName = "tab-cells"
    public let format = TabCellReader.formatName
    public init() {}

    /// Many lines that start with a TAB and hold one value each (`LayoutProfile`).
    public func score(_ lines: [Substring]) -> Int {
        LayoutProfile(lines.prefix(LayoutProfile.scoredLines).map(LineShape.of)[...]).tabCellsScore
    }

    private struct Group {
        var lines: ArraySlice<(number: Int, text: Substring)>
        let hasTab: Bool
        /// Short label-like lines only: the repeated text of a merged cell. Computed once per
        /// group (it was re-evaluated for every group before each artefact: quadratic).
        let isMergeArtefact: Bool

        init(_ lines: ArraySlice<(number: Int, text: Substring)>) {
            self.lines = lines
            hasTab = lines.contains { $0.text.utf8.first == 0x09 }
            isMergeArtefact = !hasTab && TabCellReader.looksLikeCellText(lines.map(\.text))
        }
    }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        read(lines: TextLines.split(text)[...], firstLine: 1, into: &builder)
        return builder.build()
    }

    /// Reads `lines` (the first of them is line `firstLine` of the file) into `builder`.
    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        let path = builder.path
        var numbered: [(number: Int, text: Substring)] = []
        numbered.reserveCapacity(lines.count)
        // Group bounds first, groups after: a slice taken while `numbered` still grows would
        // force a copy of the whole array on the next append.
        var bounds: [Range<Int>] = []
        var groupStart = 0
        for (k, line) in lines.enumerated() {
            if line.utf8.first != 0x09 && TextLines.isBlank(line) {
                if numbered.count > groupStart { bounds.append(groupStart..<numbered.count) }
                groupStart = numbered.count
            } else {
                numbered.append((firstLine + k, line))
            }
        }
        if numbered.count > groupStart { bounds.append(groupStart..<numbered.count) }
        let groups = bounds.map { Group(numbered[$0]) }

        // tabFollows[i]: only merge artefacts stand between group i and the next TAB group.
        // One backward pass instead of a forward scan per group.
        var tabFollows = [Bool](repeating: false, count: groups.count)
        var follows = false
        for gi in groups.indices.reversed() {
            tabFollows[gi] = follows
            follows = groups[gi].hasTab || (groups[gi].isMergeArtefact && follows)
        }

        var inTable = false
        for (gi, g) in groups.enumerated() {
            if g.hasTab {
                var rest = g.lines
                var leading: [(number: Int, text: Substring)] = []
                while let f = rest.first, f.text.utf8.first != 0x09 { leading.append(f); rest = rest.dropFirst() }
                var cells: [Cell] = []
                if !leading.isEmpty {
                    if inTable && TabCellReader.looksLikeCellText(leading.map(\.text)) {
                        // A merged cell's text printed at the start of the row.
                        let text = leading.map { TextNormalizer.trim(String($0.text)) }.joined(separator: "\n")
                        cells.append(Cell(text: text, location: SourceLocation(file: path, line: leading[0].number, column: 1)))
                    } else {
                        for l in leading { builder.paragraph(String(l.text), line: l.number) }
                    }
                }
                // A cell's lines are gathered first and the Cell built once: appending to Cell.text
                // recomputed its compact form over the whole text per line (quadratic).
                var pieces: [Substring] = []
                var pieceLine = 0
                func flushCell() {
                    guard !pieces.isEmpty else { return }
                    let text = pieces.count == 1 ? String(pieces[0]) : pieces.joined(separator: "\n")
                    cells.append(Cell(text: text, location: SourceLocation(file: path, line: pieceLine, column: 2)))
                    pieces.removeAll(keepingCapacity: true)
                }
                for l in rest {
                    if l.text.utf8.first == 0x09 {
                        flushCell()
                        pieces.append(l.text.dropFirst())
                        pieceLine = l.number
                    } else {
                        // `rest` starts with a TAB line, so a cell is open here.
                        pieces.append(l.text)
                    }
                }
                flushCell()
                let first = leading.first?.number ?? rest.first?.number ?? g.lines.first!.number
                builder.row(cells, line: first)
                inTable = true
            } else if inTable && g.isMergeArtefact && tabFollows[gi] {
                let text = g.lines.map { TextNormalizer.trim(String($0.text)) }.joined(separator: "\n")
                let n = g.lines.first!.number
                builder.row([Cell(text: text, location: SourceLocation(file: path, line: n, column: 1))], line: n)
            } else {
                builder.endTable()
                inTable = false
                for l in g.lines { builder.paragraph(String(l.text), line: l.number) }
            }
        }
    }

    /// Short lines without sentence punctuation and not a form title: the text
    /// of a merged cell, not narrative.
    static func looksLikeCellText(_ lines: [Substring]) -> Bool {
        guard lines.count <= 4 else { return false }
        for l in lines {
            if l.count > 24 || l.containsText("，") || l.containsText("。") || l.containsText("：") { return false }
        }
        return FormTitle.match(lines.joined()) == nil
    }
}

/// Collects rows and paragraphs into a `Document` with numbered tables and paragraphs.
struct DocumentBuilder {
    let path: String
    var format: String
    private var blocks: [Block] = []
    private var rows: [Row] = []
    private var tableCount = 0
    private var paragraphCount = 0
    private var rowsKnown = true

    init(path: String, format: String) { self.path = path; self.format = format }

    mutating func row(_ cells: [Cell], line: Int) {
        let table = tableCount + 1
        let rowNo = rows.count + 1
        var located = cells
        for i in located.indices {
            located[i].location.table = table
            located[i].location.row = rowNo
            located[i].location.cell = i + 1
        }
        rows.append(Row(cells: located, location: SourceLocation(file: path, line: line, column: 1, table: table, row: rowNo)))
    }

    mutating func endTable() {
        guard !rows.isEmpty else { return }
        tableCount += 1
        blocks.append(.table(Table(index: tableCount, rows: rows, location: rows[0].location, rowsKnown: rowsKnown)))
        rows = []
        rowsKnown = true
    }

    /// The open table is a cell stream whose row boundaries the layout lost.
    mutating func markRowsUnknown() { if !rows.isEmpty { rowsKnown = false } }

    mutating func paragraph(_ text: String, line: Int, column: Int = 1, heading: Int? = nil) {
        endTable()
        let t = TextNormalizer.trim(text)
        guard !t.isEmpty else { return }
        paragraphCount += 1
        blocks.append(.paragraph(Paragraph(text: t, location: SourceLocation(file: path, line: line, column: column, paragraph: paragraphCount), headingLevel: heading)))
    }

    mutating func build(encoding: String? = nil) -> Document {
        endTable()
        return Document(path: path, format: format, encoding: encoding, blocks: blocks)
    }
}

/// Splits text into lines on \n, \r\n and \r.
enum TextLines {
    /// `line` without its trailing spaces, TABs and CRs, by one backward walk over its bytes
    /// (ASCII bytes are always whole scalars, and those three never combine with what precedes them).
    static func droppingTrailingBlanks(_ line: Substring) -> Substring {
        let utf8 = line.utf8
        var end = utf8.endIndex
        while end > utf8.startIndex {
            let before = utf8.index(before: end)
            let b = utf8[before]
            guard b == 0x20 || b == 0x09 || b == 0x0D else { break }
            end = before
        }
        return line[line.startIndex..<end]
    }

    /// True when the line holds nothing but whitespace (as `TextNormalizer.trim` counts it);
    /// a line whose first byte is visible ASCII is ruled out without building a String.
    static func isBlank(_ line: Substring) -> Bool {
        guard let first = line.utf8.first else { return true }
        if first > 0x20 && first < 0x80 { return false }
        return !line.unicodeScalars.contains { !TextNormalizer.isSpace($0) }
    }

    /// By UTF-8 bytes: CR and LF are grapheme boundaries on both sides (CR LF is one
    /// grapheme), so splitting bytes gives the lines the Character walk gave, at a
    /// fraction of the cost of grapheme breaking a whole report.
    static func split(_ text: String) -> [Substring] {
        var text = text
        text.makeContiguousUTF8()
        // Byte offsets from the contiguous bytes; native UTF-8 indices from offsets are O(1).
        let ends: [(start: Int, end: Int)]? = text.utf8.withContiguousStorageIfAvailable { bytes in
            var out: [(start: Int, end: Int)] = []
            var start = 0
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b == 0x0A || b == 0x0D {
                    out.append((start, i))
                    i += (b == 0x0D && i + 1 < n && bytes[i + 1] == 0x0A) ? 2 : 1
                    start = i
                } else {
                    i += 1
                }
            }
            if start < n { out.append((start, n)) }
            return out
        }
        if let ends {
            let utf8 = text.utf8
            let base = utf8.startIndex
            return ends.map { r in text[utf8.index(base, offsetBy: r.start)..<utf8.index(base, offsetBy: r.end)] }
        }
        return splitByIndices(text)
    }

    private static func splitByIndices(_ text: String) -> [Substring] {
        var out: [Substring] = []
        let utf8 = text.utf8
        var start = utf8.startIndex
        var i = start
        while i < utf8.endIndex {
            let b = utf8[i]
            if b == 0x0A || b == 0x0D {
                out.append(text[start..<i])
                var next = utf8.index(after: i)
                if b == 0x0D, next < utf8.endIndex, utf8[next] == 0x0A { next = utf8.index(after: next) }
                start = next
                i = next
            } else {
                i = utf8.index(after: i)
            }
        }
        if start < utf8.endIndex { out.append(text[start..<utf8.endIndex]) }
        return out
    }
}

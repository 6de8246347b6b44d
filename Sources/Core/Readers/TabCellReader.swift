/// The Word-extraction layout of seeds 000, 001 and 003: one table cell per line,
/// each cell line starting with a TAB; a blank line ends a table row; a line
/// without the TAB continues the cell above it.
///
/// Word prints a vertically merged cell's text again in the empty rows it spans,
/// as short lines without a TAB ("产出指标（50分）", "数量指标"). Inside a table
/// such lines are kept as rows, so no heading text is lost to the narrative.
public struct TabCellReader: TextLayoutReader {
    public let format = "tab-cells"
    public init() {}

    public func score(_ lines: [Substring]) -> Int {
        // Many lines that start with a TAB and hold one value each.
        var tabLines = 0
        var multiTab = 0
        for l in lines.prefix(4000) where l.first == "\t" {
            tabLines += 1
            // A TAB is always a grapheme of its own, so its byte is enough (and far cheaper than Foundation).
            if l.utf8.dropFirst().contains(0x09) { multiTab += 1 }
        }
        return tabLines >= 3 && multiTab * 4 < tabLines ? 3 : 0
    }

    private struct Group {
        var lines: [(number: Int, text: Substring)]
        var hasTab: Bool { lines.contains { $0.text.first == "\t" } }
        /// Short label-like lines only: the repeated text of a merged cell.
        var isMergeArtefact: Bool { TabCellReader.looksLikeCellText(lines.map(\.text)) }
    }

    public func read(text: String, path: String) -> Document {
        let lines = TextLines.split(text)
        var groups: [Group] = []
        var current: [(Int, Substring)] = []
        for (i, line) in lines.enumerated() {
            if TextNormalizer.trim(String(line)).isEmpty && line.first != "\t" {
                if !current.isEmpty { groups.append(Group(lines: current.map { (number: $0.0, text: $0.1) })); current = [] }
            } else {
                current.append((i + 1, line))
            }
        }
        if !current.isEmpty { groups.append(Group(lines: current.map { (number: $0.0, text: $0.1) })) }

        var builder = DocumentBuilder(path: path, format: format)
        var inTable = false
        for (gi, g) in groups.enumerated() {
            if g.hasTab {
                var leading: [(number: Int, text: Substring)] = []
                var rest = g.lines[...]
                while let f = rest.first, f.text.first != "\t" { leading.append(f); rest = rest.dropFirst() }
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
                for l in rest {
                    if l.text.first == "\t" {
                        cells.append(Cell(text: String(l.text.dropFirst()), location: SourceLocation(file: path, line: l.number, column: 2)))
                    } else if !cells.isEmpty {
                        cells[cells.count - 1].text += "\n" + l.text
                    }
                }
                let first = leading.first?.number ?? rest.first?.number ?? g.lines[0].number
                builder.row(cells, line: first)
                inTable = true
            } else if inTable && g.isMergeArtefact && nextTabGroupFollows(groups, after: gi) {
                let text = g.lines.map { TextNormalizer.trim(String($0.text)) }.joined(separator: "\n")
                builder.row([Cell(text: text, location: SourceLocation(file: path, line: g.lines[0].number, column: 1))], line: g.lines[0].number)
            } else {
                builder.endTable()
                inTable = false
                for l in g.lines { builder.paragraph(String(l.text), line: l.number) }
            }
        }
        return builder.build()
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

    /// True when only merge artefacts stand between this group and the next table row.
    private func nextTabGroupFollows(_ groups: [Group], after index: Int) -> Bool {
        var j = index + 1
        while j < groups.count {
            if groups[j].hasTab { return true }
            if !groups[j].isMergeArtefact { return false }
            j += 1
        }
        return false
    }
}

/// Collects rows and paragraphs into a `Document` with numbered tables and paragraphs.
struct DocumentBuilder {
    let path: String
    let format: String
    private var blocks: [Block] = []
    private var rows: [Row] = []
    private var tableCount = 0
    private var paragraphCount = 0

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
        blocks.append(.table(Table(index: tableCount, rows: rows, location: rows[0].location)))
        rows = []
    }

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
    /// By UTF-8 bytes: CR and LF are grapheme boundaries on both sides (CR LF is one
    /// grapheme), so splitting bytes gives the lines the Character walk gave, at a
    /// fraction of the cost of grapheme breaking a whole report.
    static func split(_ text: String) -> [Substring] {
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

/// A published web page's table saved as text: every cell is one line ending
/// in " |" (the cell's text before it), and a line of pipes only ("||", "|||")
/// ends the table row. Other lines are paragraphs.
///
///     年度资金总额 |
///     1397.90 |
///     10 |
///     99.3% |
///     ||
///
/// A cell whose text the page broke over several lines prints its first lines
/// without the " |"; inside a row such lines are kept as the start of the next
/// cell, so a wrapped label is not torn out of its row into the narrative.
/// A lone "|" is an empty cell whose padding space was lost, not a row end.
public struct WebTextReader: TextLayoutReader, BlockLayoutReader {
    public static let formatName = "web-text"
    public let format = WebTextReader.formatName
    public init() {}

    /// What one line of this layout is.
    enum LineKind: Equatable {
        /// A cell: the text before the trailing " |".
        case cell(Substring)
        /// Pipes only: the end of a table row.
        case rowEnd
        case blank
        /// Anything else: narrative, or the first lines of a wrapped cell.
        case text
    }

    static func kind(_ line: Substring) -> LineKind {
        // Saved pages often keep trailing spaces or a CR after the marker.
        // One backward walk over bytes: Substring.dropLast() in a loop resolved to Collection's
        // O(n) dropLast, which made a line of 64 KB of TABs take 45 s.
        let s = TextLines.droppingTrailingBlanks(line)
        if s.isEmpty { return TextNormalizer.trim(String(line)).isEmpty ? .blank : .text }
        // Pipe bytes only means pipe Characters only (a combining mark would be a byte of its own);
        // counting Characters of every line was most of the time of choosing a layout.
        if s.utf8.allSatisfy({ $0 == 0x7C }) { return s.utf8.count >= 2 ? .rowEnd : .cell("") }
        if s.hasSuffix(" |") { return .cell(s.dropLast(2)) }
        return .text
    }

    /// 5 when many lines are cells and rows end with pipe-only lines; 0 otherwise.
    /// Markdown pipe rows ("| a | b |") also end in " |", but they start with a
    /// pipe and never have pipe-only lines, so they do not count (`LayoutProfile`).
    public func score(_ lines: [Substring]) -> Int {
        LayoutProfile(lines.prefix(LayoutProfile.scoredLines).map(LineShape.of)[...]).webTextScore
    }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        read(lines: TextLines.split(text)[...], firstLine: 1, into: &builder)
        return builder.build()
    }

    /// Reads a block. A block without any row end ("||") lost its row boundaries: its
    /// cells are kept as one stream, marked so (`Table.rowsKnown`).
    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        let path = builder.path
        var rowEnds = 0
        var cells: [Cell] = []
        // Lines of a wrapped cell seen before its " |" line: (line number, text).
        var pending: [(Int, String)] = []
        var rowStart = 0

        // Wrapped lines that never reached a " |": a last cell that lost its marker.
        func flushPending() {
            guard let first = pending.first else { return }
            cells.append(Cell(text: pending.map(\.1).joined(separator: "\n"), location: SourceLocation(file: path, line: first.0, column: 1)))
            pending = []
        }
        func endRow() {
            flushPending()
            if !cells.isEmpty { builder.row(cells, line: rowStart) }
            cells = []
        }

        for (k, line) in lines.enumerated() {
            let n = firstLine + k
            switch Self.kind(line) {
            case .cell(let body):
                var text = String(body)
                var start = n
                if let first = pending.first {
                    start = first.0
                    text = (pending.map(\.1) + [text]).joined(separator: "\n")
                    pending = []
                }
                if cells.isEmpty { rowStart = start }
                cells.append(Cell(text: text, location: SourceLocation(file: path, line: start, column: 1)))
            case .rowEnd:
                rowEnds += 1
                endRow()
            case .blank:
                // A blank line between rows separates two tables; inside a row it is padding.
                if cells.isEmpty && pending.isEmpty { builder.endTable() }
            case .text:
                if cells.isEmpty {
                    builder.paragraph(String(line), line: n)
                } else {
                    pending.append((n, String(line)))
                }
            }
        }
        // A file that stops mid-row: keep the cells read so far as a row.
        let streamed = rowEnds == 0 && cells.count >= 2
        endRow()
        if streamed { builder.markRowsUnknown() }
        builder.endTable()
    }
}

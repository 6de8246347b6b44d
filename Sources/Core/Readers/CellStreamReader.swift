/// Tables whose extraction kept the cells but lost the row boundaries:
///
/// - one cell per paragraph, blank lines between the cells;
/// - a whole sheet flattened onto one line, cells separated by single spaces.
///
/// The block becomes one table whose single row is the cell stream, marked
/// `rowsKnown = false`; the recognizer cuts it into rows by its header (`CellStreamAligner`).
public struct CellStreamReader: TextLayoutReader, BlockLayoutReader {
    public static let formatName = "cell-stream"
    public let format = CellStreamReader.formatName
    public init() {}

    /// Only ever chosen per block (`LayoutPlanner`), never for a whole file.
    public func score(_ lines: [Substring]) -> Int { 0 }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        read(lines: TextLines.split(text)[...], firstLine: 1, into: &builder)
        return builder.build()
    }

    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        var cells: [Cell] = []
        var rowLine = 0
        for (k, line) in lines.enumerated() where !TextLines.isBlank(line) {
            let n = firstLine + k
            if rowLine == 0 { rowLine = n }
            if Self.isSheetOnOneLine(line) {
                for t in PdfTextReader.tokens(line, line: n, path: builder.path) { cells.append(t) }
            } else {
                let lead = line.unicodeScalars.prefix { TextNormalizer.isSpace($0) }.count
                cells.append(Cell(text: TextNormalizer.trim(String(line)), location: SourceLocation(file: builder.path, line: n, column: lead + 1)))
            }
        }
        guard !cells.isEmpty else { return }
        builder.endTable()
        builder.row(cells, line: rowLine)
        builder.markRowsUnknown()
        builder.endTable()
    }

    /// The header words of the funding and indicator tables, as cells name them.
    static func isHeaderWord(_ compact: String) -> Bool {
        FundingCollector.column(forCompact: compact) != nil || IndicatorCollector.column(forCompact: compact) != nil
    }

    /// A short line without sentence punctuation: a cell's text, not narrative.
    static func isCellText(_ line: Substring) -> Bool {
        guard line.utf8.count <= 120 else { return false }
        for u in line.unicodeScalars where u == "，" || u == "。" || u == "；" { return false }
        return true
    }

    /// A run of cell lines that holds a table: three header words and two numbers.
    static func holdsTable(_ texts: [Substring]) -> Bool {
        var headers = 0, numbers = 0
        for t in texts {
            let c = TextNormalizer.compact(String(t))
            if isHeaderWord(c) { headers += 1 } else if PrintedNumber.parse(compacted: c) != nil { numbers += 1 }
        }
        return headers >= 3 && numbers >= 2
    }

    /// A sheet flattened onto one line: many space-separated cells, among them three
    /// header words and three numbers, and no sentence punctuation.
    static func isSheetOnOneLine(_ line: Substring) -> Bool {
        guard line.utf8.count >= 40, line.utf8.count <= 65_536 else { return false }
        var spaces = 0
        for b in line.utf8 where b == 0x20 { spaces += 1 }
        guard spaces >= 12 else { return false }
        // Notes in the sheet may hold sentence punctuation; header words as cells of their own do not occur in prose.
        var headers = 0, numbers = 0
        for t in line.split(separator: " ", omittingEmptySubsequences: true) {
            let c = String(t)
            if isHeaderWord(c) { headers += 1 } else if PrintedNumber.parse(compacted: c) != nil { numbers += 1 }
            if headers >= 3 && numbers >= 3 { return true }
        }
        return false
    }
}

/// A text layout that can read one block of a file's lines into a shared builder, so
/// a file mixing layouts becomes one document with its tables numbered in order.
protocol BlockLayoutReader {
    /// Reads `lines` (the first is line `firstLine` of the file) into `builder`.
    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder)
}

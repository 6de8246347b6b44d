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

    /// Every header word of the funding and indicator columns holds one of these scalars
    /// (预执支分率指值完偏措评权重). A switch: hashing each scalar into a Set cost more.
    static func isHeaderScalar(_ u: Unicode.Scalar) -> Bool {
        switch u {
        case "预", "执", "支", "分", "率", "指", "值", "完", "偏", "措", "评", "权", "重": return true
        default: return false
        }
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
        for t in texts where t.utf8.count <= 64 {
            // Header words are short and hold one of a few scalars (预算数, 执行率, 分值, 指标 …);
            // amounts start with a digit or a sign. Other lines are never compacted here.
            if t.utf8.count <= 48 && t.unicodeScalars.contains(where: isHeaderScalar) {
                if isHeaderWord(TextNormalizer.compact(String(t))) { headers += 1 }
            } else if let first = t.utf8.first(where: { $0 != 0x20 && $0 != 0x09 }),
                      (first >= 0x30 && first <= 0x39) || first == UInt8(ascii: "-") || first == UInt8(ascii: "+"),
                      PrintedNumber.parse(String(t)) != nil {
                numbers += 1
            }
            if headers >= 3 && numbers >= 2 { return true }
        }
        return false
    }

    /// A sheet flattened onto one line: many space-separated cells, among them three
    /// header words and three numbers. Tokens are tested as they are met, without
    /// splitting the whole line first, and the test stops as soon as it is decided.
    static func isSheetOnOneLine(_ line: Substring) -> Bool {
        let utf8 = line.utf8
        guard utf8.count >= 40, utf8.count <= maxSheetLine else { return false }
        var spaces = 0
        for b in utf8 where b == 0x20 {
            spaces += 1
            if spaces >= 12 { break }
        }
        guard spaces >= 12 else { return false }
        // Notes in the sheet may hold sentence punctuation; header words as cells of their own do not occur in prose.
        var headers = 0, numbers = 0
        var start = utf8.startIndex
        var i = start
        while true {
            let atEnd = i == utf8.endIndex
            if atEnd || utf8[i] == 0x20 {
                if start < i, utf8.distance(from: start, to: i) <= 64 {
                    let c = String(line[start..<i])
                    if isHeaderWord(c) { headers += 1 } else if PrintedNumber.parse(compacted: c) != nil { numbers += 1 }
                    if headers >= 3 && numbers >= 3 { return true }
                }
                if atEnd { return false }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
    }

    /// Longer lines are not taken for a sheet (a table of 100,000 cells is about 1 MB).
    static let maxSheetLine = 16 << 20
}

/// A text layout that can read one block of a file's lines into a shared builder, so
/// a file mixing layouts becomes one document with its tables numbered in order.
protocol BlockLayoutReader {
    /// Reads `lines` (the first is line `firstLine` of the file) into `builder`.
    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder)
}

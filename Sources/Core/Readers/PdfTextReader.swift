/// Text that `pdftotext` prints for a PDF (seed 002): a table row is one line of
/// space-separated cells, and long cells wrap onto the next lines, e.g.
/// "年度资金总额 428.73 334.9 78.92 10" whose 执行率 and 得分 follow as
/// "23.57" and "% 2.36".
public struct PdfTextReader: TextLayoutReader, BlockLayoutReader {
    public static let formatName = "pdf-text"
    public let format = PdfTextReader.formatName
    public init() {}

    /// The fallback layout: any text is at least PDF text.
    public func score(_ lines: [Substring]) -> Int { 1 }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        read(lines: TextLines.split(text)[...], firstLine: 1, into: &builder)
        return builder.build()
    }

    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        let path = builder.path
        var lastRowLine = -10
        var lastCells: [Cell] = []
        var lastRowStart = 0
        func flushRow() {
            if !lastCells.isEmpty { builder.row(lastCells, line: lastRowStart) }
            lastCells = []
        }
        // Indicator tables printed one cell per line (plain pdftotext) are rebuilt whole.
        // Tables of -layout text are rebuilt from their aligned columns.
        var wrapped = WrappedIndicatorTable.tables(in: lines, firstLine: firstLine, path: path)
        for t in AlignedColumnTable.tables(in: lines, firstLine: firstLine, path: path)
        where !wrapped.contains(where: { $0.offsets.overlaps(t.offsets) }) {
            wrapped.append(t)
        }
        wrapped.sort { $0.offsets.lowerBound < $1.offsets.lowerBound }
        var nextWrapped = 0
        var skipThrough = -1
        for (k, line) in lines.enumerated() {
            let n = firstLine + k
            if k <= skipThrough { continue }
            if nextWrapped < wrapped.count, wrapped[nextWrapped].offsets.lowerBound == k {
                flushRow()
                builder.endTable()
                for (cells, rowLine) in zip(wrapped[nextWrapped].rows, wrapped[nextWrapped].rowLines) { builder.row(cells, line: rowLine) }
                builder.endTable()
                skipThrough = wrapped[nextWrapped].offsets.upperBound - 1
                nextWrapped += 1
                continue
            }
            if TextLines.isBlank(line) { continue }
            // A table row is short; a huge line is text, and tokenising it would only cost time.
            if line.utf8.count > 4096 {
                flushRow()
                builder.paragraph(String(line), line: n)
                continue
            }
            // A line with sentence punctuation is neither a row nor a wrapped tail of numbers
            // (isRow and isNumericOnly both refuse it): prose is not tokenised.
            if Self.hasSentencePunctuation(line) {
                flushRow()
                let lead = line.unicodeScalars.prefix { $0 == " " }.count
                builder.paragraph(String(line), line: n, column: lead + 1)
                continue
            }
            let (tokens, gaps) = Self.tokenize(line, line: n, path: path)
            let numeric = tokens.map(Self.isNumber)
            if Self.isNumericOnly(tokens, numeric), !lastCells.isEmpty, lastRowLine == n - 1 {
                // A wrapped tail of the row above: "23.57" then "% 2.36".
                for t in tokens {
                    if t.text == "%" || t.text == "％", let last = lastCells.indices.last {
                        lastCells[last] = Cell(text: lastCells[last].text + "%", location: lastCells[last].location)
                    } else {
                        lastCells.append(t)
                    }
                }
                lastRowLine = n
                continue
            }
            if Self.isRow(tokens, numeric, line), !AlignedColumnTable.isCaption(line, fragments: tokens.map(\.text)) {
                flushRow()
                lastCells = Self.mergeLabels(tokens, gaps: gaps, numeric: numeric)
                lastRowStart = n
                lastRowLine = n
            } else {
                flushRow()
                let lead = line.unicodeScalars.prefix { $0 == " " }.count
                builder.paragraph(String(line), line: n, column: lead + 1)
            }
        }
        flushRow()
    }

    /// True when `line` would be read as a table row (a few cells, one of them a number).
    static func looksLikeRow(_ line: Substring) -> Bool {
        guard line.utf8.count <= 4096 else { return false }
        let tokens = tokenize(line, line: 0, path: "").tokens
        return isRow(tokens, tokens.map(isNumber), line)
    }

    /// Whitespace-separated tokens with their columns.
    static func tokens(_ line: Substring, line n: Int, path: String) -> [Cell] { tokenize(line, line: n, path: path).tokens }

    /// Whitespace-separated tokens with their columns, and before each the width of the gap
    /// that precedes it (in columns: a CJK character is two, as pdftotext -layout aligns them).
    /// One walk over the scalars; a token's text is a slice of the line, copied once.
    static func tokenize(_ line: Substring, line n: Int, path: String) -> (tokens: [Cell], gaps: [Int]) {
        var out: [Cell] = []
        var gaps: [Int] = []
        let scalars = line.unicodeScalars
        var col = 1
        var start: Substring.UnicodeScalarView.Index?
        var startCol = 1
        var gap = 0
        var i = scalars.startIndex
        while i < scalars.endIndex {
            let u = scalars[i]
            if u == " " || u == "\t" || u == "\u{3000}" {
                if let st = start {
                    out.append(Cell(text: String(scalars[st..<i]), location: SourceLocation(file: path, line: n, column: startCol)))
                    gaps.append(gap)
                    start = nil
                    gap = 0
                }
                gap += u == "\u{3000}" ? 2 : 1
            } else if start == nil {
                start = i
                startCol = col
            }
            col += 1
            i = scalars.index(after: i)
        }
        if let st = start {
            out.append(Cell(text: String(scalars[st..<scalars.endIndex]), location: SourceLocation(file: path, line: n, column: startCol)))
            gaps.append(gap)
        }
        return (out, gaps)
    }

    static func isNumber(_ s: String) -> Bool { PrintedNumber.parse(s) != nil }

    /// A token's number from its cached compact text (what `PrintedNumber.parse` computes again).
    static func isNumber(_ c: Cell) -> Bool { c.number != nil }

    /// - Parameter numeric: `isNumber` of each token, computed once per line by the caller.
    static func isNumericOnly(_ tokens: [Cell], _ numeric: [Bool]) -> Bool {
        !tokens.isEmpty && tokens.indices.allSatisfy { numeric[$0] || tokens[$0].text == "%" || tokens[$0].text == "％" }
    }

    /// "，", "。" or "；": sentences, not cells.
    static func hasSentencePunctuation(_ text: Substring) -> Bool {
        // All three are EF BC 8C / E3 80 82 / EF BC 9B in UTF-8; most lines are ruled out by bytes.
        guard text.utf8.contains(where: { $0 == 0xEF || $0 == 0xE3 }) else { return false }
        return text.unicodeScalars.contains { $0 == "，" || $0 == "。" || $0 == "；" }
    }

    /// A table row: a few cells, at least one of them a number or a "label：number"
    /// pair, and no sentence punctuation.
    static func isRow(_ tokens: [Cell], _ numeric: [Bool], _ text: Substring) -> Bool {
        guard tokens.count >= 2, tokens.count <= 16 else { return false }
        if hasSentencePunctuation(text) { return false }
        return tokens.indices.contains { numeric[$0] || TextPatterns.hasColonDigit(tokens[$0].text) }
    }

    /// A gap this wide (two columns or more) is a column boundary in `pdftotext -layout` text,
    /// which pads cells to their column; words of one cell are one space apart.
    static let columnGap = 2

    /// Joins neighbouring word tokens into one label cell ("其中： 一般公共预算：7071.38" stays two cells
    /// only where numbers or placeholders separate them). Words a column gap apart stay
    /// apart: "（万元）      上年结转" are two cells of a -layout row.
    static func mergeLabels(_ tokens: [Cell], gaps: [Int], numeric: [Bool]) -> [Cell] {
        var out: [Cell] = []
        var lastNumeric = false
        for (k, t) in tokens.enumerated() {
            let isWord = !numeric[k] && !Placeholder.isMark(t.text) && !TextPatterns.endsWithColonNumber(t.text)
            if isWord, gaps[k] < columnGap, let last = out.last, !lastNumeric, !Placeholder.isMark(last.text),
               !TextPatterns.endsWithColonNumber(last.text),
               !(last.text.hasSuffix("：") || last.text.hasSuffix(":")) {
                // A row has at most 16 tokens, so rebuilding the joined cell is cheap.
                let joined = Cell(text: last.text + " " + t.text, location: last.location)
                out[out.count - 1] = joined
                lastNumeric = isNumber(joined)
            } else {
                out.append(t)
                lastNumeric = numeric[k]
            }
        }
        return out
    }
}

/// Text that `pdftotext` prints for a PDF (seed 002): a table row is one line of
/// space-separated cells, and long cells wrap onto the next lines, e.g.
/// "年度资金总额 428.73 334.9 78.92 10" whose 执行率 and 得分 follow as
/// "23.57" and "% 2.36".
public struct PdfTextReader: TextLayoutReader {
    public let format = "pdf-text"
    public init() {}

    /// The fallback layout: any text is at least PDF text.
    public func score(_ lines: [Substring]) -> Int { 1 }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        var lastRowLine = -10
        var lastCells: [Cell] = []
        var lastRowStart = 0
        func flushRow() {
            if !lastCells.isEmpty { builder.row(lastCells, line: lastRowStart) }
            lastCells = []
        }
        for (i, line) in TextLines.split(text).enumerated() {
            let n = i + 1
            let trimmed = TextNormalizer.trim(String(line))
            if trimmed.isEmpty { continue }
            // A table row is short; a huge line is text, and tokenising it would only cost time.
            if line.utf8.count > 4096 {
                flushRow()
                builder.paragraph(trimmed, line: n)
                continue
            }
            let tokens = Self.tokens(line, line: n, path: path)
            if Self.isNumericOnly(tokens), !lastCells.isEmpty, lastRowLine == n - 1 {
                // A wrapped tail of the row above: "23.57" then "% 2.36".
                for t in tokens {
                    if t.text == "%" || t.text == "％", let last = lastCells.indices.last {
                        lastCells[last].text += "%"
                    } else {
                        lastCells.append(t)
                    }
                }
                lastRowLine = n
                continue
            }
            if Self.isRow(tokens, trimmed) {
                flushRow()
                lastCells = Self.mergeLabels(tokens)
                lastRowStart = n
                lastRowLine = n
            } else {
                flushRow()
                builder.paragraph(trimmed, line: n, column: (line.prefix { $0 == " " }.count) + 1)
            }
        }
        flushRow()
        return builder.build()
    }

    /// Whitespace-separated tokens with their columns.
    static func tokens(_ line: Substring, line n: Int, path: String) -> [Cell] {
        var out: [Cell] = []
        var col = 1
        var current = ""
        var start = 1
        for ch in line {
            if ch == " " || ch == "\t" || ch == "\u{3000}" {
                if !current.isEmpty { out.append(Cell(text: current, location: SourceLocation(file: path, line: n, column: start))); current = "" }
            } else {
                if current.isEmpty { start = col }
                current.append(ch)
            }
            col += 1
        }
        if !current.isEmpty { out.append(Cell(text: current, location: SourceLocation(file: path, line: n, column: start))) }
        return out
    }

    static func isNumber(_ s: String) -> Bool { PrintedNumber.parse(s) != nil }

    static func isNumericOnly(_ tokens: [Cell]) -> Bool {
        !tokens.isEmpty && tokens.allSatisfy { isNumber($0.text) || $0.text == "%" || $0.text == "％" }
    }

    /// A table row: a few cells, at least one of them a number or a "label：number"
    /// pair, and no sentence punctuation.
    static func isRow(_ tokens: [Cell], _ text: String) -> Bool {
        guard tokens.count >= 2, tokens.count <= 16 else { return false }
        if text.containsText("，") || text.containsText("。") || text.containsText("；") { return false }
        return tokens.contains { isNumber($0.text) || TextPatterns.hasColonDigit($0.text) }
    }

    /// Joins neighbouring word tokens into one label cell ("其中： 一般公共预算：7071.38" stays two cells
    /// only where numbers or placeholders separate them).
    static func mergeLabels(_ tokens: [Cell]) -> [Cell] {
        var out: [Cell] = []
        for t in tokens {
            let isWord = !isNumber(t.text) && !Placeholder.isMark(t.text) && !TextPatterns.endsWithColonNumber(t.text)
            if isWord, let last = out.last, !isNumber(last.text), !Placeholder.isMark(last.text),
               !TextPatterns.endsWithColonNumber(last.text),
               !(last.text.hasSuffix("：") || last.text.hasSuffix(":")) {
                out[out.count - 1].text += " " + t.text
            } else {
                out.append(t)
            }
        }
        return out
    }
}

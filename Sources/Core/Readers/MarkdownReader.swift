import Foundation

/// Markdown as converters print it (seed 004): `#` headings, paragraphs, and
/// tables whose rows are TAB-separated lines. Markdown pipe tables
/// (`| a | b |`) are read the same way; their `|---|` rule lines are skipped.
public struct MarkdownReader: TextLayoutReader, BlockLayoutReader {
    public static let formatName = "markdown"
    public let format = MarkdownReader.formatName
    public init() {}

    /// Pipe rows, or TAB rows beside headings (`LayoutProfile`).
    public func score(_ lines: [Substring]) -> Int {
        LayoutProfile(lines.prefix(LayoutProfile.scoredLines).map(LineShape.of)[...]).markdownScore
    }

    /// `| a | b |`: the line, trimmed of whitespace, starts and ends with a pipe (`PipeRowTests`).
    static func isPipeRow(_ l: Substring) -> Bool {
        // Without a pipe byte it cannot be a pipe row; most lines end here without Foundation's trimming.
        guard l.utf8.contains(UInt8(ascii: "|")) else { return false }
        // A Character equal to "|" is that scalar alone, so the trimmed text can only start and end
        // with "|" if its first and last scalars are "|". Web-text cells ("1397.90 |") stop here.
        let ws = CharacterSet.whitespaces
        guard l.unicodeScalars.first(where: { !ws.contains($0) }) == "|",
              l.unicodeScalars.reversed().first(where: { !ws.contains($0) }) == "|" else { return false }
        let t = l.trimmingCharacters(in: .whitespaces)
        return t.hasPrefix("|") && t.hasSuffix("|") && t.count >= 2
    }

    static func isPipeRule(_ l: Substring) -> Bool {
        isPipeRow(l) && l.utf8.allSatisfy { $0 == 0x7C || $0 == 0x2D || $0 == 0x3A || $0 == 0x20 || $0 == 0x09 }
    }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        read(lines: TextLines.split(text)[...], firstLine: 1, into: &builder)
        return builder.build()
    }

    /// A pipe row whose last cell wraps runs on until a line ending in a pipe, at most this many lines.
    static let maxWrappedRowLines = 20

    func read(lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        let path = builder.path
        var i = lines.startIndex
        while i < lines.endIndex {
            let line = lines[i]
            let n = firstLine + (i - lines.startIndex)
            i += 1
            switch LineShape.of(line) {
            case .pipeRow:
                if Self.isPipeRule(line) { continue }
                // Among rows without a leading pipe (" | 质量指标 | …" under "产出指标 | 数量指标 | …"),
                // a line that starts with a pipe starts with an empty cell.
                if Self.amongInnerRows(lines, at: i - 1) {
                    builder.row(innerPipeCells(line, line: n, path: path), line: n)
                } else {
                    builder.row(pipeCells(line, line: n, path: path), line: n)
                }
            case .pipeOpen:
                // "| 产出指标 | 培训" + "人数 | 100 |": the cell's text goes on below; rejoin the row.
                var joined = String(line)
                var j = i
                while j < lines.endIndex, j - i < Self.maxWrappedRowLines {
                    let next = lines[j]
                    let shape = LineShape.of(next)
                    if shape == .blank || shape == .pipeRow || shape == .pipeOpen { break }
                    joined += "\n" + next
                    j += 1
                    if TextLines.droppingTrailingBlanks(next).utf8.last == 0x7C { break }
                }
                i = j
                // pipeCells drops the text after the last pipe; a row that never closes keeps its last cell.
                if TextLines.droppingTrailingBlanks(Substring(joined)).utf8.last != 0x7C { joined += "|" }
                builder.row(pipeCells(Substring(joined), line: n, path: path), line: n)
            case .pipeInner:
                builder.row(innerPipeCells(line, line: n, path: path), line: n)
            case .blank:
                continue
            case .tabLed, .tabInner:
                if TextLines.isBlank(line) { continue }
                builder.row(tabCells(line, line: n, path: path), line: n)
            case .heading:
                let level = line.prefix { $0 == "#" }.count
                builder.paragraph(stripEmphasis(String(line.dropFirst(level))), line: n, heading: level)
            case .webCell, .webRowEnd, .plain:
                builder.paragraph(stripEmphasis(String(line)), line: n)
            }
        }
    }

    /// True when a row without a leading pipe stands in the same run of non-blank lines as `index`
    /// (looking a bounded number of lines each way).
    static func amongInnerRows(_ lines: ArraySlice<Substring>, at index: Int, reach: Int = 40) -> Bool {
        for step in [-1, 1] {
            var k = index + step
            var seen = 0
            while k >= lines.startIndex && k < lines.endIndex && seen < reach {
                let shape = LineShape.of(lines[k])
                if shape == .blank { break }
                if shape == .pipeInner { return true }
                k += step
                seen += 1
            }
        }
        return false
    }

    /// "总额 | 0.00 | 3.36 | 10 | |||": every cell is followed by a pipe, the row by more pipes.
    /// Parts between pipes are cells (blank ones are empty cells); the empty parts of the
    /// closing run of pipes are not.
    private func innerPipeCells(_ line: Substring, line n: Int, path: String) -> [Cell] {
        var parts = line.split(separator: "|", omittingEmptySubsequences: false)
        // The text after the last pipe is a cell only when it is not blank (a line may lose its closing pipes).
        let tail = parts.removeLast()
        while let last = parts.last, last.isEmpty { parts.removeLast() }
        if !TextLines.isBlank(tail) { parts.append(tail) }
        var cells: [Cell] = []
        var col = 1
        for part in parts {
            cells.append(Cell(text: stripEmphasis(String(part)), location: SourceLocation(file: path, line: n, column: col)))
            col += part.count + 1
        }
        return cells
    }

    private func tabCells(_ line: Substring, line n: Int, path: String) -> [Cell] {
        // Split on TAB bytes (a TAB is a Character of its own); columns count scalars, which are
        // the Characters of these texts, without grapheme breaking every line.
        var cells: [Cell] = []
        var col = 1
        let utf8 = line.utf8
        var start = utf8.startIndex
        var i = start
        while true {
            if i == utf8.endIndex || utf8[i] == 0x09 {
                let part = line[start..<i]
                cells.append(Cell(text: stripEmphasis(String(part)), location: SourceLocation(file: path, line: n, column: col)))
                col += part.unicodeScalars.count + 1
                if i == utf8.endIndex { break }
                start = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        return cells
    }

    private func pipeCells(_ line: Substring, line n: Int, path: String) -> [Cell] {
        var cells: [Cell] = []
        var col = 1
        var parts = line.split(separator: "|", omittingEmptySubsequences: false)
        // Leading text before the first pipe and after the last one is not a cell.
        col += (parts.first?.count ?? 0) + 1
        parts = Array(parts.dropFirst().dropLast())
        for part in parts {
            cells.append(Cell(text: stripEmphasis(String(part)), location: SourceLocation(file: path, line: n, column: col + 1)))
            col += part.count + 1
        }
        return cells
    }

    /// Removes Markdown bold markers, which converters wrap around headings and labels.
    private func stripEmphasis(_ s: String) -> String {
        TextNormalizer.trim(s.removingAll("**"))
    }
}

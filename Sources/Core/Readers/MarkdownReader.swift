import Foundation

/// Markdown as converters print it (seed 004): `#` headings, paragraphs, and
/// tables whose rows are TAB-separated lines. Markdown pipe tables
/// (`| a | b |`) are read the same way; their `|---|` rule lines are skipped.
public struct MarkdownReader: TextLayoutReader {
    public let format = "markdown"
    public init() {}

    public func score(_ lines: [Substring]) -> Int {
        var headings = 0, tabRows = 0, pipeRows = 0
        for l in lines.prefix(4000) {
            if l.hasPrefix("#") { headings += 1 }
            if l.first != "\t" && l.utf8.contains(0x09) { tabRows += 1 }
            if Self.isPipeRow(l) { pipeRows += 1 }
        }
        if pipeRows >= 1 { return 4 }
        if tabRows >= 2 && (headings >= 1 || tabRows >= 5) { return 2 }
        return headings >= 1 ? 1 : 0
    }

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
        let t = l.trimmingCharacters(in: .whitespaces)
        return isPipeRow(l) && t.allSatisfy { "|-: ".contains($0) }
    }

    public func read(text: String, path: String) -> Document {
        var builder = DocumentBuilder(path: path, format: format)
        for (i, line) in TextLines.split(text).enumerated() {
            let n = i + 1
            if Self.isPipeRow(line) {
                if Self.isPipeRule(line) { continue }
                builder.row(pipeCells(line, line: n, path: path), line: n)
            } else if line.utf8.contains(0x09) && !TextNormalizer.trim(String(line)).isEmpty {
                builder.row(tabCells(line, line: n, path: path), line: n)
            } else if TextNormalizer.trim(String(line)).isEmpty {
                continue
            } else if line.hasPrefix("#") {
                let level = line.prefix { $0 == "#" }.count
                builder.paragraph(stripEmphasis(String(line.dropFirst(level))), line: n, heading: level)
            } else {
                builder.paragraph(stripEmphasis(String(line)), line: n)
            }
        }
        return builder.build()
    }

    private func tabCells(_ line: Substring, line n: Int, path: String) -> [Cell] {
        var cells: [Cell] = []
        var col = 1
        for part in line.split(separator: "\t", omittingEmptySubsequences: false) {
            cells.append(Cell(text: stripEmphasis(String(part)), location: SourceLocation(file: path, line: n, column: col)))
            col += part.count + 1
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

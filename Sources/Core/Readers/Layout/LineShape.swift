/// What one line of text looks like, decided once from its bytes: the only per-line test
/// the layout choice makes (every layout used to score every line of the file on its own).
enum LineShape: Equatable {
    case blank
    /// Starts with a TAB (a Word cell); `moreTabs` when another TAB follows.
    case tabLed(moreTabs: Bool)
    /// Holds a TAB, not at its start (a Markdown/converter TAB row).
    case tabInner
    /// `#` heading.
    case heading
    /// `| a | b |`: first and last visible bytes are pipes.
    case pipeRow
    /// `| a | b` (or `| a`) without the closing pipe: a pipe row whose last cell wraps onto the next lines.
    case pipeOpen
    /// `a | b | c |||`: three or more pipes, not led by one (web tables saved with pipes between cells).
    case pipeInner
    /// `text |` or a lone `|`: one web-page cell.
    case webCell
    /// `||`, `|||`: the end of a web-page row.
    case webRowEnd
    /// Anything else: prose, PDF-text rows, wrapped cell text.
    case plain

    /// The shape of `line` (without its line break).
    static func of(_ line: Substring) -> LineShape {
        let utf8 = line.utf8
        guard let first = utf8.first else { return .blank }
        if first == 0x09 {
            return .tabLed(moreTabs: utf8.dropFirst().contains(0x09))
        }
        if TextLines.isBlank(line) { return .blank }
        if first == UInt8(ascii: "#") { return .heading }
        let (pipes, tabs) = countPipesAndTabs(utf8)
        if pipes == 0 { return tabs > 0 ? .tabInner : .plain }
        let body = TextLines.droppingTrailingBlanks(line)
        let lead = body.utf8.first { $0 != 0x20 && $0 != 0x09 }
        let last = body.utf8.last
        if body.utf8.allSatisfy({ $0 == 0x7C }) { return body.utf8.count >= 2 ? .webRowEnd : .webCell }
        // The Markdown definition (trimmed of every kind of whitespace), held by PipeRowTests.
        if MarkdownReader.isPipeRow(line) { return .pipeRow }
        if lead == 0x7C { return .pipeOpen }
        if pipes >= 3 { return .pipeInner }
        if body.utf8.count >= 2, last == 0x7C, body.utf8[body.utf8.index(body.utf8.endIndex, offsetBy: -2)] == 0x20 { return .webCell }
        return tabs > 0 ? .tabInner : .plain
    }

    /// Pipe and TAB bytes of a line, over its contiguous bytes when it has them (a native
    /// string always does): every line of every file passes here once.
    private static func countPipesAndTabs(_ utf8: Substring.UTF8View) -> (Int, Int) {
        func count<C: Collection>(_ bytes: C) -> (Int, Int) where C.Element == UInt8 {
            var pipes = 0, tabs = 0
            for b in bytes where b <= 0x7C {
                if b == 0x7C { pipes += 1 } else if b == 0x09 { tabs += 1 }
            }
            return (pipes, tabs)
        }
        return utf8.withContiguousStorageIfAvailable { count($0) } ?? count(utf8)
    }
}

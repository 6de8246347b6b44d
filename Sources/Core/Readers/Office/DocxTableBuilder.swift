/// Builds one top-level Word table: rows of cells located by grid column, merges resolved.
struct DocxTableBuilder {
    let path: String
    let index: Int

    private var rows: [Row] = []
    private var rowCells: [Cell] = []
    /// 0-based grid column where the next cell of the row starts.
    private var gridColumn = 0
    private var cell: PendingCell?
    /// Text of the `vMerge="restart"` cell above, by the grid column it starts at.
    private var mergeTexts: [Int: String] = [:]

    private enum VerticalMerge { case none, restart, continuation }

    private struct PendingCell {
        var column: Int
        var span = 1
        var merge = VerticalMerge.none
        var paragraphs: [String] = []
    }

    init(path: String, index: Int) {
        self.path = path
        self.index = index
    }

    mutating func startRow() {
        rowCells = []
        gridColumn = 0
    }

    /// `w:gridBefore`: the row starts this many grid columns to the right.
    mutating func skipColumns(_ count: Int) {
        if cell == nil { gridColumn += max(0, min(count, 1000)) }
    }

    mutating func startCell() {
        cell = PendingCell(column: gridColumn + 1)
    }

    mutating func setSpan(_ span: Int) {
        // Word allows at most 63 grid columns; clamp hostile values.
        cell?.span = max(1, min(span, 1000))
    }

    mutating func setVerticalMerge(restart: Bool) {
        cell?.merge = restart ? .restart : .continuation
    }

    mutating func addParagraph(_ text: String) {
        cell?.paragraphs.append(text)
    }

    mutating func endCell() {
        guard let pending = cell else { return }
        cell = nil
        var text = pending.paragraphs.joined(separator: "\n")
        while text.hasSuffix("\n") { text.removeLast() }
        switch pending.merge {
        case .restart:
            mergeTexts[pending.column] = text
        case .continuation:
            // Word hides a continuation cell's own content; the restart cell's text is what prints.
            text = mergeTexts[pending.column] ?? ""
        case .none:
            for column in pending.column..<(pending.column + pending.span) { mergeTexts[column] = nil }
        }
        rowCells.append(Cell(text: text, location: SourceLocation(file: path, table: index, row: rows.count + 1,
                                                                  cell: pending.column)))
        gridColumn += pending.span
    }

    mutating func endRow() {
        if cell != nil { endCell() }
        rows.append(Row(cells: rowCells, location: SourceLocation(file: path, table: index, row: rows.count + 1)))
        rowCells = []
    }

    func table() -> Table {
        Table(index: index, rows: rows, location: SourceLocation(file: path, table: index))
    }
}

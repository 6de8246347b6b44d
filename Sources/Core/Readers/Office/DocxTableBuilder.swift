/// Builds one top-level Word table: rows of cells located by grid column, merges resolved.
struct DocxTableBuilder {
    let path: String
    let index: Int
    /// The file's budget: each cell and its text (a merged cell's text once per row it shows in).
    let budget: ReadBudget

    private var rows: [Row] = []
    private var rowCells: [Cell] = []
    /// 0-based grid column where the next cell of the row starts.
    private var gridColumn = 0
    private var cell: PendingCell?
    /// The `vMerge="restart"` cell above, by the grid column it starts at. Continuations copy
    /// the cell (with their own location), so its text is compacted once, not once per row.
    private var mergeCells: [Int: Cell] = [:]

    private enum VerticalMerge { case none, restart, continuation }

    private struct PendingCell {
        var column: Int
        var span = 1
        var merge = VerticalMerge.none
        var paragraphs: [String] = []
    }

    init(path: String, index: Int, budget: ReadBudget) {
        self.path = path
        self.index = index
        self.budget = budget
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

    /// Ends the open cell; the message when it puts the file over budget.
    @discardableResult
    mutating func endCell() -> String? {
        guard let pending = cell else { return nil }
        cell = nil
        let location = SourceLocation(file: path, table: index, row: rows.count + 1, cell: pending.column)
        var made: Cell
        switch pending.merge {
        case .continuation:
            // Word hides a continuation cell's own content; the restart cell's text is what prints.
            made = mergeCells[pending.column] ?? Cell(text: "", location: location)
            made.location = location
        case .restart, .none:
            var text = pending.paragraphs.joined(separator: "\n")
            while text.hasSuffix("\n") { text.removeLast() }
            made = Cell(text: text, location: location)
            if pending.merge == .restart {
                mergeCells[pending.column] = made
            } else {
                for column in pending.column..<(pending.column + pending.span) { mergeCells[column] = nil }
            }
        }
        rowCells.append(made)
        gridColumn += pending.span
        return budget.spendCells(1) ?? budget.spendCharacters(made.text.utf8.count)
    }

    /// Ends the row; the message when its last cell puts the file over budget.
    mutating func endRow() -> String? {
        let exceeded = cell != nil ? endCell() : nil
        rows.append(Row(cells: rowCells, location: SourceLocation(file: path, table: index, row: rows.count + 1)))
        rowCells = []
        return exceeded
    }

    func table() -> Table {
        Table(index: index, rows: rows, location: SourceLocation(file: path, table: index))
    }
}

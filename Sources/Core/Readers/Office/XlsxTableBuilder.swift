/// Lays the cells of one sheet out as a `Table`, resolving merged ranges.
///
/// A sheet is a grid over its used range (row 1 to the last used row, column A to the last used
/// column, blank cells and rows included, so the recognizer finds each column at its position)
/// when that grid is not mostly padding: at most `densityFactor` cells per cell present, or at
/// most `denseArea` cells in all. Form and ledger sheets are far denser than that (the corpus
/// and the fixtures hold at most 2.4 grid cells per cell present).
///
/// A sheet whose used range is mostly blank (a stray value in XFD1048576, two cells at A1 and
/// ALL2000) is laid out from the cells present, so it costs what its cells cost, not what its
/// extent would: only the rows that hold a cell, each padded from column A to its last cell
/// when that padding is small beside the row's cells, else holding its cells alone (each with
/// its own column in its location, as a .docx row leaves out the columns a cell spans).
struct XlsxTableBuilder {
    /// Grids up to this many cells are always laid out dense, however empty.
    static let denseArea = 65_536
    /// Grid cells allowed per cell present before a sheet is laid out from its cells.
    static let densityFactor = 16
    /// In a sparse sheet, a row is padded from column A when its last cell is within this
    /// column (or within `densityFactor` columns per cell of the row).
    static let rowSlack = 64

    let path: String
    let index: Int
    let sheetName: String
    let maxCells: Int
    let budget: ReadBudget

    func table(cells original: [XlsxCellPosition: String], merges: [XlsxMergedRange]) throws -> Table {
        let tableLocation = SourceLocation(file: path, table: index, sheet: sheetName)
        // Merges are unbounded in a hostile file (one can cover the whole sheet), so all
        // merge work is counted against a budget instead of trusting the ranges.
        var mergeWork = max(maxCells, original.count) * 8
        func spend(_ n: Int) throws {
            mergeWork -= n
            if mergeWork < 0 {
                throw ReadError("工作表“\(sheetName)”的合并单元格过多或过大，无法读取", at: tableLocation)
            }
        }

        var cells = original
        // Excel shows only the top-left value of a merge; anything else underneath is hidden.
        for merge in merges {
            let area = (merge.last.row - merge.first.row + 1) * (merge.last.column - merge.first.column + 1)
            if area <= original.count {
                try spend(area)
                for row in merge.first.row...merge.last.row {
                    for column in merge.first.column...merge.last.column {
                        let position = XlsxCellPosition(row: row, column: column)
                        if position != merge.first { cells[position] = nil }
                    }
                }
            } else {
                try spend(original.count)
                for position in original.keys where merge.contains(position) && position != merge.first {
                    cells[position] = nil
                }
            }
        }
        // Repeating merged labels below never widens the grid, so its size is known here.
        let lastRow = cells.keys.map(\.row).max() ?? 0
        let lastColumn = cells.keys.map(\.column).max() ?? 0
        let (area, overflow) = lastRow.multipliedReportingOverflow(by: lastColumn)
        let isDense = !overflow && area <= max(Self.denseArea, Self.densityFactor * cells.count)

        let layout: [(row: Int, columns: [Int])]
        if isDense {
            guard area <= maxCells else {
                throw ReadError("工作表“\(sheetName)”过大：\(lastRow) 行 × \(lastColumn) 列超过 \(maxCells) 个单元格的上限",
                                at: tableLocation)
            }
            // The padded grid of every sheet counts against the file's one budget.
            guard budget.fits(cells: area) else {
                throw ReadError(budget.spendCells(area) ?? "", at: tableLocation)
            }
            _ = budget.spendCells(area)
            // A label merged down a column applies to each row it spans (一级指标 over many rows),
            // but not past the last row that has anything else to say.
            for merge in merges where merge.last.row > merge.first.row {
                guard let text = original[merge.first], merge.first.row < lastRow else { continue }
                let end = min(merge.last.row, lastRow)
                try spend(end - merge.first.row)
                for row in (merge.first.row + 1)...end {
                    cells[XlsxCellPosition(row: row, column: merge.first.column)] = text
                }
            }
            let allColumns = lastColumn > 0 ? Array(1...lastColumn) : []
            layout = stride(from: 1, through: lastRow, by: 1).map { ($0, allColumns) }
        } else {
            layout = try sparseLayout(cells: &cells, original: original, merges: merges, spend: spend)
        }

        // Text is charged as laid out: a shared string or merged label counts once per cell showing it.
        var characters = 0
        for text in cells.values { characters &+= text.utf8.count }
        if let exceeded = budget.spendCharacters(characters) { throw ReadError(exceeded, at: tableLocation) }

        // A long text shown in many cells (a shared string, a merged label) is made into a Cell,
        // and so compacted, once; the other cells copy it with their own location.
        var longTexts: [String: Cell] = [:]
        func cell(_ text: String, _ location: SourceLocation) -> Cell {
            guard text.utf8.count > 1024 else { return Cell(text: text, location: location) }
            var made = longTexts[text] ?? Cell(text: text, location: location)
            if longTexts[text] == nil { longTexts[text] = made }
            made.location = location
            return made
        }

        var rows: [Row] = []
        rows.reserveCapacity(layout.count)
        for (r, columns) in layout {
            var rowCells: [Cell] = []
            rowCells.reserveCapacity(columns.count)
            for c in columns {
                let position = XlsxCellPosition(row: r, column: c)
                rowCells.append(cell(cells[position] ?? "",
                                     SourceLocation(file: path, table: index, row: r, cell: c,
                                                    sheet: sheetName, cellRef: position.reference)))
            }
            rows.append(Row(cells: rowCells, location: SourceLocation(file: path, table: index, row: r, sheet: sheetName)))
        }
        return Table(index: index, rows: rows, location: tableLocation)
    }

    /// The rows of a mostly blank sheet: those holding a cell, in order, each with the columns it
    /// shows. A label merged down a column is repeated only into the rows below that hold a cell.
    /// Every cell laid out, padding included, is charged to the budget.
    private func sparseLayout(cells: inout [XlsxCellPosition: String], original: [XlsxCellPosition: String],
                              merges: [XlsxMergedRange], spend: (Int) throws -> Void) throws -> [(row: Int, columns: [Int])] {
        let tableLocation = SourceLocation(file: path, table: index, sheet: sheetName)
        var columnsByRow: [Int: [Int]] = [:]
        for position in cells.keys { columnsByRow[position.row, default: []].append(position.column) }
        let usedRows = columnsByRow.keys.sorted()

        for merge in merges where merge.last.row > merge.first.row {
            guard let text = original[merge.first] else { continue }
            var k = Self.firstIndex(in: usedRows, notBelow: merge.first.row + 1)
            while k < usedRows.count, usedRows[k] <= merge.last.row {
                try spend(1)
                let position = XlsxCellPosition(row: usedRows[k], column: merge.first.column)
                if cells[position] == nil { columnsByRow[position.row, default: []].append(position.column) }
                cells[position] = text
                k += 1
            }
        }

        var layout: [(row: Int, columns: [Int])] = []
        layout.reserveCapacity(usedRows.count)
        for row in usedRows {
            let present = (columnsByRow[row] ?? []).sorted()
            guard let last = present.last else { continue }
            let padded = last <= max(Self.rowSlack, Self.densityFactor * present.count)
            let columns = padded ? Array(1...last) : present
            if let exceeded = budget.spendCells(columns.count) { throw ReadError(exceeded, at: tableLocation) }
            layout.append((row, columns))
        }
        return layout
    }

    /// The index of the first element of the ascending `sorted` that is at least `value`.
    private static func firstIndex(in sorted: [Int], notBelow value: Int) -> Int {
        var low = 0, high = sorted.count
        while low < high {
            let mid = (low + high) / 2
            if sorted[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}

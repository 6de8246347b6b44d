import Foundation

/// Reads an Excel workbook (.xlsx): each worksheet becomes one `Table`.
///
/// Cell texts are what Excel prints: numbers formatted with the cell's number format
/// (0.9591 with "0.00%" reads "95.91%"), computed exactly from the stored decimal text.
/// Rows run from row 1 to the last used row (empty rows kept, so row numbers match the
/// sheet), cells from column A to the last used column. A vertically merged range repeats
/// its top-left text in every row it spans; the other cells of a merge read empty.
public struct XlsxReader: DocumentReader {
    public let format = "xlsx"
    /// Ceilings against ZIP bombs.
    public var limits: ZipLimits
    /// Most cells one sheet may yield (rows × columns after padding), so a stray value in
    /// cell XFD1048576 cannot make the reader allocate a billion cells.
    public var maxCellsPerSheet: Int

    public init(limits: ZipLimits = .default, maxCellsPerSheet: Int = 2_000_000) {
        self.limits = limits
        self.maxCellsPerSheet = maxCellsPerSheet
    }

    public func read(_ data: Data, path: String) throws -> Document {
        var limits = ResourceLimits()
        limits.cells = maxCellsPerSheet
        return try read(data, path: path, budget: ReadBudget(limits))
    }

    /// Reads with `budget`: the cells of every sheet, padding and merges included, and their
    /// characters are charged to it, so repeating sheets or references multiplies nothing.
    public func read(_ data: Data, path: String, budget: ReadBudget) throws -> Document {
        let package = try OfficePackage(data, path: path, kind: format, limits: limits, budget: budget)
        let workbookPart = try package.rootPart(ofType: "officeDocument") ?? "xl/workbook.xml"
        let workbook = XlsxWorkbookHandler()
        try package.parse(workbookPart, with: workbook)
        let relationships = try package.relationships(of: workbookPart)
        let directory = OfficePackage.directory(of: workbookPart)

        func part(_ typeSuffix: String, default name: String) -> String {
            relationships.first { $0.type.hasSuffix("/" + typeSuffix) }?.target ?? directory + name
        }
        let sharedStrings = XlsxSharedStringsHandler()
        if let data = try package.optionalPart(part("sharedStrings", default: "sharedStrings.xml")) {
            try package.parse(part("sharedStrings", default: "sharedStrings.xml"), data: data, with: sharedStrings)
        }
        let styles = XlsxStylesHandler()
        if let data = try package.optionalPart(part("styles", default: "styles.xml")) {
            try package.parse(part("styles", default: "styles.xml"), data: data, with: styles)
        }
        let formats = styles.formats()

        var blocks: [Block] = []
        for (offset, sheet) in workbook.sheets.enumerated() {
            guard let relationship = relationships.first(where: { $0.id == sheet.relationshipID }) else {
                throw ReadError("\(workbookPart) 中工作表“\(sheet.name)”的关系 \(sheet.relationshipID) 不存在",
                                at: SourceLocation(file: path, sheet: sheet.name))
            }
            // Chart, dialog and macro sheets have no cells worth reading.
            guard !["/chartsheet", "/dialogsheet", "/xlMacrosheet"].contains(where: relationship.type.hasSuffix) else {
                continue
            }
            let target = relationship.target
            let handler = XlsxSheetHandler(sharedStrings: sharedStrings.strings, formats: formats,
                                           date1904: workbook.date1904, maxCells: min(maxCellsPerSheet, budget.limits.cells),
                                           sheetName: sheet.name)
            try package.parse(target, with: handler)
            let table = try XlsxTableBuilder(path: path, index: offset + 1, sheetName: sheet.name,
                                             maxCells: min(maxCellsPerSheet, budget.limits.cells), budget: budget)
                .table(cells: handler.cells, merges: handler.merges)
            blocks.append(.table(table))
        }
        return Document(path: path, format: format, blocks: blocks)
    }
}

/// Lays the cells of one sheet out as a `Table`, resolving merged ranges.
struct XlsxTableBuilder {
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
        guard !overflow, area <= maxCells else {
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
        rows.reserveCapacity(lastRow)
        for r in stride(from: 1, through: lastRow, by: 1) {
            var rowCells: [Cell] = []
            rowCells.reserveCapacity(lastColumn)
            for c in stride(from: 1, through: lastColumn, by: 1) {
                let position = XlsxCellPosition(row: r, column: c)
                rowCells.append(cell(cells[position] ?? "",
                                     SourceLocation(file: path, table: index, row: r, cell: c,
                                                    sheet: sheetName, cellRef: position.reference)))
            }
            rows.append(Row(cells: rowCells, location: SourceLocation(file: path, table: index, row: r, sheet: sheetName)))
        }
        return Table(index: index, rows: rows, location: tableLocation)
    }
}

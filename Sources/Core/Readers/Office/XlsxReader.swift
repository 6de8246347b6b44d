import Foundation

/// Reads an Excel workbook (.xlsx): each worksheet becomes one `Table`.
///
/// Cell texts are what Excel prints: numbers formatted with the cell's number format
/// (0.9591 with "0.00%" reads "95.91%"), computed exactly from the stored decimal text.
/// Rows run from row 1 to the last used row (empty rows kept, so row numbers match the
/// sheet), cells from column A to the last used column. A vertically merged range repeats
/// its top-left text in every row it spans; the other cells of a merge read empty. A sheet
/// whose used range is mostly blank is laid out from the cells present instead
/// (`XlsxTableBuilder`), so blank padding is never built beyond a small multiple of its cells.
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

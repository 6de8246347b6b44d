import Core

/// Where a finding sits in its report's document: the block, row and cell its location names,
/// and the form whose span holds it. The CSV output names the form; the HTML report colours the cell.
///
/// A finding is matched by its `SourceLocation` as the readers set it: a text cell by line and
/// column, an office cell by table, row and cell, a spreadsheet cell by sheet and reference.
/// Locations are compared without the file (a result's locations all name its own file, and
/// the shown file name may be escaped) and with the sheet name escaped as findings show it.
struct ReportLocator {
    /// A place in the document: `cell` nil for a whole row or a paragraph (`row` 0).
    struct Position: Hashable, Comparable {
        var block: Int
        var row: Int
        var cell: Int?

        static func < (a: Position, b: Position) -> Bool {
            if a.block != b.block { return a.block < b.block }
            if a.row != b.row { return a.row < b.row }
            return (a.cell ?? -1) < (b.cell ?? -1)
        }
    }

    let report: Report
    private var byLineColumn: [[Int]: Position] = [:]
    private var byLine: [Int: Position] = [:]
    private var byGridCell: [[Int]: Position] = [:]
    private var byGridRow: [[Int]: Position] = [:]
    private var bySheetCell: [String: Position] = [:]
    private var byParagraph: [Int: Position] = [:]

    init(_ report: Report) {
        self.report = report
        for (b, block) in report.document.blocks.enumerated() {
            switch block {
            case .paragraph(let p):
                let pos = Position(block: b, row: 0, cell: nil)
                if let line = p.location.line, byLine[line] == nil { byLine[line] = pos }
                if let n = p.location.paragraph, byParagraph[n] == nil { byParagraph[n] = pos }
            case .table(let t):
                for (r, row) in t.rows.enumerated() {
                    let rowPos = Position(block: b, row: r, cell: nil)
                    if let line = row.location.line, byLine[line] == nil { byLine[line] = rowPos }
                    if let key = Self.gridRow(row.location), byGridRow[key] == nil { byGridRow[key] = rowPos }
                    for (c, cell) in row.cells.enumerated() {
                        let pos = Position(block: b, row: r, cell: c)
                        let l = cell.location
                        // The first cell wins: a merged cell repeated by the reader keeps its origin.
                        if let line = l.line, let col = l.column, byLineColumn[[line, col]] == nil { byLineColumn[[line, col]] = pos }
                        if let line = l.line, byLine[line] == nil { byLine[line] = rowPos }
                        if let key = Self.gridCell(l), byGridCell[key] == nil { byGridCell[key] = pos }
                        if let key = Self.gridRow(l), byGridRow[key] == nil { byGridRow[key] = rowPos }
                        if let key = Self.sheetCell(l), bySheetCell[key] == nil { bySheetCell[key] = pos }
                    }
                }
            }
        }
    }

    private static func gridCell(_ l: SourceLocation) -> [Int]? {
        guard let t = l.table, let r = l.row, let c = l.cell else { return nil }
        return [t, r, c]
    }
    private static func gridRow(_ l: SourceLocation) -> [Int]? {
        guard let t = l.table, let r = l.row else { return nil }
        return [t, r]
    }
    private static func sheetCell(_ l: SourceLocation) -> String? {
        guard let s = l.sheet, let ref = l.cellRef else { return nil }
        return DisplayText.escaped(s) + "!" + ref
    }

    /// The cell (or row, or paragraph) `location` names; nil when it names none of the document's.
    func position(of location: SourceLocation) -> Position? {
        if let line = location.line, let col = location.column, let p = byLineColumn[[line, col]] { return p }
        if let key = Self.gridCell(location), let p = byGridCell[key] { return p }
        if let key = Self.sheetCell(location), let p = bySheetCell[key] { return p }
        if let line = location.line, let p = byLine[line] { return p }
        if let key = Self.gridRow(location), let p = byGridRow[key] { return p }
        if let n = location.paragraph, let p = byParagraph[n] { return p }
        return nil
    }

    /// The index of the form whose span holds `location`, nil outside every form.
    func formIndex(of location: SourceLocation) -> Int? {
        guard let p = position(of: location) else { return nil }
        let at = DocumentPosition(block: p.block, row: p.row)
        return report.spans.firstIndex { $0.start <= at && at < $0.end }
    }

    /// The title of the form holding `location`, escaped for display; nil outside every form.
    func formTitle(of location: SourceLocation) -> String? {
        formIndex(of: location).map { DisplayText.escaped(report.forms[$0].title) }
    }
}

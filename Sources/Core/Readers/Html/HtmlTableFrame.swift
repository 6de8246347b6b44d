/// An open `<table>` while the page is read: its grid, the cell being read, and everything
/// needed to dissolve it instead if it turns out to be a layout table.
struct HtmlTableFrame {
    var grid: HtmlTableGrid
    let position: HtmlPosition
    /// Text inside the table but outside any cell (captions, and stray text a browser moves
    /// before the table): it comes out before the table.
    var before = HtmlFlow()
    /// The content of the open cell.
    var cell: HtmlFlow?
    var cellPosition = HtmlPosition(line: 1, column: 1)
    var colspan = 1
    var rowspan = 1
    /// Every cell's content in source order, nested tables included: the table's reading
    /// order when it is a layout table.
    var layout = HtmlFlow()
    /// True once a cell held a table with rows.
    var holdsTable = false

    init(position: HtmlPosition, budget: HtmlRepeatBudget) {
        self.position = position
        self.grid = HtmlTableGrid(budget: budget)
    }

    /// `<td>`/`<th>`: ends the open cell and opens another.
    mutating func openCell(at position: HtmlPosition, attributes: [HtmlAttribute]) {
        closeCell()
        cell = HtmlFlow()
        cellPosition = position
        colspan = Self.span(attributes, "colspan", default: 1)
        rowspan = Self.span(attributes, "rowspan", default: 1)
    }

    /// Ends the open cell, placing it on the grid.
    mutating func closeCell() {
        guard let content = cell else { return }
        cell = nil
        grid.addCell(text: content.text, at: cellPosition, colspan: colspan, rowspan: rowspan)
        layout.append(contentsOf: content)
    }

    /// What the table becomes in its container's flow. A table holding another table is taken
    /// for a layout table (CMS pages wrap articles in them; office exports never nest data
    /// tables): it dissolves into its cells' lines and inner tables, in reading order. Any other
    /// table with rows is a data table.
    mutating func finish() -> HtmlFlow {
        closeCell()
        var out = before
        if holdsTable {
            out.append(contentsOf: layout)
        } else {
            let draft = grid.draft(at: position)
            if !draft.rows.isEmpty { out.append(.table(draft)) }
        }
        return out
    }

    /// A span attribute's value: leading digits as browsers read them ("2px" is 2), `default`
    /// when absent or not a number. Clamping is the grid's job.
    static func span(_ attributes: [HtmlAttribute], _ name: String, default value: Int) -> Int {
        guard let raw = attributes.first(where: { $0.name == name })?.value else { return value }
        let digits = raw.drop { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty else { return value }
        // Long digit strings saturate instead of overflowing.
        return digits.count > 9 ? 1_000_000_000 : Int(digits) ?? value
    }
}

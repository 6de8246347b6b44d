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
    /// True when the open cell holds a table with rows.
    var cellHoldsTable = false
    /// Every cell's content in source order, nested tables included: the table's reading
    /// order when it is a layout table.
    var layout = HtmlFlow()
    /// The tables nested in cells, in order: they follow the table when it is a data table.
    var nested: [HtmlFlow.Item] = []
    private var cellCount = 0
    private var cellsHoldingTables = 0
    /// True once a cell held a table beside text of its own (an article with its tables).
    private var tableBesideText = false

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

    /// Ends the open cell, placing it on the grid. A nested table's text stays out of the
    /// cell's text.
    mutating func closeCell() {
        guard let content = cell else { return }
        cell = nil
        cellCount += 1
        let text = content.text
        if cellHoldsTable {
            cellsHoldingTables += 1
            if !text.isEmpty { tableBesideText = true }
            nested += content.items.filter { if case .table = $0 { return true }; return false }
        }
        cellHoldsTable = false
        grid.addCell(text: text, at: cellPosition, colspan: colspan, rowspan: rowspan)
        layout.append(contentsOf: content)
    }

    /// True when the table only arranges the page: it holds a table beside text in one cell (an
    /// article wrapped with its tables), or it holds tables and has fewer than four cells (a
    /// wrapper, a centring frame, a sidebar). A data table with a small table in one of its
    /// cells stays a data table.
    var isLayout: Bool {
        cellsHoldingTables > 0 && (tableBesideText || cellCount < 4)
    }

    /// What the table becomes in its container's flow: a layout table dissolves into its cells'
    /// lines and inner tables, in reading order; a data table comes out with its rows, followed
    /// by the tables nested in its cells, each on its own.
    mutating func finish() -> HtmlFlow {
        closeCell()
        var out = before
        if isLayout {
            out.append(contentsOf: layout)
        } else {
            let draft = grid.draft(at: position)
            if !draft.rows.isEmpty { out.append(.table(draft)) }
            for item in nested { out.append(item) }
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

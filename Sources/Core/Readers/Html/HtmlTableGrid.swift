/// Places the cells of one HTML table on a grid, resolving `rowspan` and `colspan` the way the
/// .docx reader resolves `w:vMerge` and `w:gridSpan`, so the recognizer sees the same rows:
///
/// - a cell sits at the grid column where it starts (1-based) and the next cell starts
///   `colspan` columns further; nothing is allocated for the spanned columns;
/// - a cell spanning rows is repeated, with its text, at its column in each later row it
///   covers (Word's continuation cells print the restart cell's text).
///
/// Bounds: `colspan` is clamped to 1…1000 and `rowspan` to 0…65534 as the HTML standard does
/// (0 spans to the end of the row group); spans never add rows. Repeats are paid from the
/// page's `HtmlRepeatBudget`; once it is spent, a spanning cell stops and leaves its columns
/// free in later rows.
struct HtmlTableGrid {
    static let maxColspan = 1000
    static let maxRowspan = 65534

    private(set) var rows: [[HtmlCellDraft]] = []
    private(set) var rowPositions: [HtmlPosition] = []
    private let budget: HtmlRepeatBudget

    private var row: [HtmlCellDraft] = []
    private var rowPosition: HtmlPosition?
    private(set) var isRowOpen = false
    /// 0-based grid column where the next cell may start.
    private var column = 0
    /// Cells spanning into later rows, by 0-based start column.
    private var spanning: [Int: Spanning] = [:]
    /// The open row's spanning cells from earlier rows, in column order, and how many are placed.
    private var carried: [Int] = []
    private var carriedPlaced = 0

    private struct Spanning {
        var text: String
        var position: HtmlPosition
        var colspan: Int
        /// Rows still covered after the row it was last placed in.
        var remaining: Int
    }

    init(budget: HtmlRepeatBudget) { self.budget = budget }

    /// `<tr>`: starts a row, ending an open one.
    mutating func startRow(at position: HtmlPosition) {
        if isRowOpen { endRow() }
        isRowOpen = true
        rowPosition = position
        row = []
        column = 0
        carried = spanning.keys.sorted()
        carriedPlaced = 0
    }

    /// Adds a finished `<td>`/`<th>` to the open row (opening one when none is).
    mutating func addCell(text: String, at position: HtmlPosition, colspan: Int, rowspan: Int) {
        if !isRowOpen { startRow(at: position) }
        budget.earn()
        placeCarried(all: false)
        let span = max(1, min(colspan, Self.maxColspan))
        let start = column
        row.append(HtmlCellDraft(text: text, position: position, column: start + 1))
        column += span
        let covered = rowspan == 0 ? Self.maxRowspan : max(1, min(rowspan, Self.maxRowspan))
        if covered > 1 {
            spanning[start] = Spanning(text: text, position: position, colspan: span, remaining: covered - 1)
        }
    }

    /// `</tr>` or an implied end: places the rest of the carried cells and closes the row.
    mutating func endRow() {
        guard isRowOpen else { return }
        placeCarried(all: true)
        if !row.isEmpty {
            rows.append(row)
            rowPositions.append(rowPosition ?? row[0].position)
        }
        row = []
        isRowOpen = false
        carried = []
        carriedPlaced = 0
    }

    /// A row group (`<thead>`, `<tbody>`, `<tfoot>`) starts or ends: row spans stop at its end.
    mutating func endRowGroup() {
        endRow()
        spanning.removeAll()
    }

    /// The table with the open row closed.
    mutating func draft(at position: HtmlPosition) -> HtmlTableDraft {
        endRow()
        return HtmlTableDraft(rows: rows, rowPositions: rowPositions, position: position)
    }

    /// Places the carried cells that start at or before the next free column (or all of
    /// them), each moving the next free column past its span.
    private mutating func placeCarried(all: Bool) {
        while carriedPlaced < carried.count {
            let start = carried[carriedPlaced]
            if !all && start > column { break }
            carriedPlaced += 1
            guard let cell = spanning[start] else { continue }
            if budget.spend() {
                row.append(HtmlCellDraft(text: cell.text, position: cell.position, column: start + 1))
                if cell.remaining <= 1 { spanning[start] = nil } else { spanning[start]?.remaining -= 1 }
            } else {
                // Out of budget: the span ends here.
                spanning[start] = nil
            }
            column = max(column, start + cell.colspan)
        }
    }
}

/// Builds the page's flow (lines and tables in reading order) from tokens, with the implied
/// ends real pages rely on: a `<td>`, `<th>` or `<tr>` ends the open cell or row, `</table>`
/// (or the end of the file) ends them all, a `<table>` directly in a table (not in a cell)
/// ends that table first, as the HTML standard says.
///
/// Nothing but open tables is kept on a stack, so 10 MB of nested `<div>` costs no memory;
/// tables nested deeper than `maxTableDepth` are read as text of the deepest cell.
struct HtmlDocumentBuilder {
    static let maxTableDepth = 32

    /// Tags that end a line of text when they start or end.
    static let blockTags: Set<String> = [
        "address", "article", "aside", "blockquote", "body", "caption", "center", "dd", "details", "dialog", "dir",
        "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hgroup", "hr", "html",
        "legend", "li", "main", "menu", "nav", "ol", "p", "pre", "section", "summary", "ul",
    ]

    private var body = HtmlFlow()
    private var tables: [HtmlTableFrame] = []
    /// `<table>` tags open past `maxTableDepth`, read as text.
    private var ignoredTables = 0
    private let budget = HtmlRepeatBudget()
    /// True once `</body>` or `</html>` was read: the page got to its end.
    private(set) var sawDocumentEnd = false
    /// Where the outermost table starts that the end of the file left open.
    private(set) var tableOpenAtEnd: HtmlPosition?

    mutating func consume(_ token: HtmlToken) {
        switch token {
        case .text(let text, let position):
            withFlow { $0.append(text, at: position) }
        case .startTag(let name, let attributes, _, let position):
            start(name, attributes, position)
        case .endTag(let name, _):
            end(name)
        }
    }

    /// Ends every open table and returns the page's flow.
    mutating func finish() -> HtmlFlow {
        tableOpenAtEnd = tables.first?.position
        while !tables.isEmpty { closeTable() }
        body.endBlock()
        return body
    }

    private mutating func start(_ name: String, _ attributes: [HtmlAttribute], _ position: HtmlPosition) {
        switch name {
        case "br":
            withFlow { $0.lineBreak(at: position) }
        case "table":
            if ignoredTables > 0 || tables.count >= Self.maxTableDepth {
                ignoredTables += 1
                withFlow { $0.endBlock() }
                return
            }
            if let top = tables.last, top.cell == nil { closeTable() }
            withFlow { $0.endBlock() }
            tables.append(HtmlTableFrame(position: position, budget: budget))
        case "tr":
            guard ignoredTables == 0, !tables.isEmpty else { return withFlow { $0.endBlock() } }
            tables[tables.count - 1].closeCell()
            tables[tables.count - 1].grid.startRow(at: position)
        case "td", "th":
            guard ignoredTables == 0, !tables.isEmpty else { return withFlow { $0.endBlock() } }
            tables[tables.count - 1].openCell(at: position, attributes: attributes)
        case "thead", "tbody", "tfoot":
            guard ignoredTables == 0, !tables.isEmpty else { return }
            tables[tables.count - 1].closeCell()
            tables[tables.count - 1].grid.endRowGroup()
        case "caption":
            guard ignoredTables == 0, !tables.isEmpty else { return withFlow { $0.endBlock() } }
            tables[tables.count - 1].closeCell()
            withFlow { $0.endBlock() }
        default:
            if let level = Self.headingLevel(name) {
                withFlow { $0.endBlock(); $0.headingLevel = level }
            } else if Self.blockTags.contains(name) {
                withFlow { $0.endBlock() }
            }
        }
    }

    private mutating func end(_ name: String) {
        switch name {
        case "body", "html":
            sawDocumentEnd = true
            withFlow { $0.endBlock() }
        case "table":
            if ignoredTables > 0 {
                ignoredTables -= 1
                withFlow { $0.endBlock() }
            } else if !tables.isEmpty {
                closeTable()
            }
        case "tr":
            guard ignoredTables == 0, !tables.isEmpty else { return withFlow { $0.endBlock() } }
            tables[tables.count - 1].closeCell()
            tables[tables.count - 1].grid.endRow()
        case "td", "th":
            guard ignoredTables == 0, !tables.isEmpty else { return withFlow { $0.endBlock() } }
            tables[tables.count - 1].closeCell()
        case "thead", "tbody", "tfoot":
            guard ignoredTables == 0, !tables.isEmpty else { return }
            tables[tables.count - 1].closeCell()
            tables[tables.count - 1].grid.endRowGroup()
        default:
            if Self.headingLevel(name) != nil {
                withFlow { $0.endBlock(); $0.headingLevel = nil }
            } else if Self.blockTags.contains(name) {
                withFlow { $0.endBlock() }
            }
        }
    }

    /// Ends the innermost table and puts what it became into its container.
    private mutating func closeTable() {
        guard var frame = tables.popLast() else { return }
        let flow = frame.finish()
        let holdsRows = flow.items.contains { if case .table = $0 { return true }; return false }
        if holdsRows, let last = tables.indices.last, tables[last].cell != nil { tables[last].cellHoldsTable = true }
        withFlow { $0.append(contentsOf: flow) }
    }

    /// The flow text goes to now: the open cell of the innermost table, the table itself
    /// (text outside its cells), or the page body.
    private mutating func withFlow(_ change: (inout HtmlFlow) -> Void) {
        guard let last = tables.indices.last else { return change(&body) }
        if tables[last].cell != nil {
            change(&tables[last].cell!)
        } else {
            change(&tables[last].before)
        }
    }

    private static func headingLevel(_ name: String) -> Int? {
        guard name.utf8.count == 2, name.hasPrefix("h"), let level = Int(name.dropFirst()), (1...6).contains(level) else { return nil }
        return level
    }
}

/// The part of a table on one page, rebuilt into rows of cell texts.
struct PdfTablePart: Sendable {
    var page: Int
    /// Top of the part on its page, for reading order.
    var top: Double
    var columns: [PdfColumnFinder.Column]
    /// The header lines as one row (stacked header cells joined by "\n"), nil when the part has none.
    var header: [String]?
    /// The header's words line by line, whitespace removed: equal on every page that repeats the
    /// header, whatever columns each page's body makes of it.
    var headerKey: String?
    /// Body rows, each as many cells as columns.
    var rows: [[String]]
    /// The page of each body row (a joined table spans pages).
    var rowPages: [Int]
}

/// What a document looked like to the recogniser, in a few words: the layout it was read as,
/// how many tables and paragraphs it holds and the first header rows. Enough to tell a user why
/// nothing was recognised without making them read the model.
public struct DocumentOutline: Sendable, Equatable {
    /// The layout the reader recognised ("tab-cells", "pdf-text", "docx", …).
    public var format: String
    public var tables: Int
    public var paragraphs: Int
    /// The header rows of the first tables, cells joined by " | ", shortened: in each table the
    /// first of its first rows with three or more cells (a header names several columns), else,
    /// when no table has one, the first non-blank rows.
    public var headerRows: [String]
    /// Where to report on the document as a whole: line 1, or the first table of an Office file.
    public var location: SourceLocation

    /// How many header rows are shown, and how many Characters of each.
    static let shownRows = 2
    static let shownLength = 60
    /// How deep into a table its header is looked for.
    static let headerDepth = 5

    public init(_ document: Document) {
        format = document.format
        var tables = 0, paragraphs = 0
        var headers: [String] = [], fallback: [String] = []
        var firstTable: SourceLocation?
        for block in document.blocks {
            switch block {
            case .paragraph:
                paragraphs += 1
            case .table(let t):
                tables += 1
                if firstTable == nil { firstTable = t.location }
                let cells = t.rows.prefix(Self.headerDepth).map { $0.cells.map(\.compact).filter { !$0.isEmpty } }
                if headers.count < Self.shownRows, let header = cells.first(where: { $0.count >= 3 }) {
                    headers.append(Self.shorten(header.joined(separator: " | ")))
                }
                if fallback.count < Self.shownRows, let first = cells.first(where: { !$0.isEmpty }) {
                    fallback.append(Self.shorten(first.joined(separator: " | ")))
                }
            }
        }
        self.tables = tables
        self.paragraphs = paragraphs
        headerRows = headers.isEmpty ? fallback : headers
        let start = document.startLocation
        location = start.line != nil ? start : (firstTable ?? start)
    }

    private static func shorten(_ s: String) -> String {
        s.count <= shownLength ? s : String(s.prefix(shownLength)) + "…"
    }
}

extension Report {
    /// What the document looked like to the recogniser.
    public var outline: DocumentOutline { DocumentOutline(document) }
}

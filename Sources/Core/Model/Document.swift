/// One table cell with its printed text and where it came from.
public struct Cell: Codable, Hashable, Sendable {
    /// The cell's text as printed (line breaks of wrapped cells kept as "\n").
    public var text: String { didSet { compact = TextNormalizer.compact(text) } }
    public var location: SourceLocation
    /// The text with all whitespace removed, for header and label matching.
    /// Stored: the recognizer asks for it several times per cell (header, title,
    /// total and ledger tests), and compaction was the bulk of recognition time.
    public private(set) var compact: String

    public init(text: String, location: SourceLocation) {
        self.text = text
        self.location = location
        self.compact = TextNormalizer.compact(text)
    }

    /// The text normalised for comparisons (full-width digits folded, trimmed).
    public var normalized: String { TextNormalizer.normalize(text) }

    /// `PrintedNumber.parse(text)` without compacting the text again.
    var number: PrintedNumber? { text.utf8.count <= 64 ? PrintedNumber.parse(compacted: compact) : nil }

    // The model format stays {text, location}: `compact` follows from the text.
    private enum CodingKeys: String, CodingKey { case text, location }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(text: try c.decode(String.self, forKey: .text), location: try c.decode(SourceLocation.self, forKey: .location))
    }

    public static func == (a: Cell, b: Cell) -> Bool { a.text == b.text && a.location == b.location }
    public func hash(into h: inout Hasher) { h.combine(text); h.combine(location) }
}

/// One table row: its cells in order. Merged cells are already resolved by the
/// reader (a vertically merged cell repeats its text in each row it spans).
public struct Row: Codable, Hashable, Sendable {
    public var cells: [Cell]
    public var location: SourceLocation

    public init(cells: [Cell], location: SourceLocation) {
        self.cells = cells
        self.location = location
    }

    /// The row's cell texts, compacted.
    public var compactTexts: [String] { cells.map(\.compact) }
    /// True when every cell is empty.
    public var isBlank: Bool { cells.allSatisfy { $0.compact.isEmpty } }
}

/// A table as the reader found it.
public struct Table: Codable, Hashable, Sendable {
    /// 1-based index of the table in its document.
    public var index: Int
    public var rows: [Row]
    public var location: SourceLocation
    /// False when the layout lost the row boundaries (one cell per paragraph, a sheet on one
    /// line, web cells without row ends): the table is then one row holding the cell stream,
    /// and the recognizer cuts it into rows (`CellStreamAligner`). Encoded only when false.
    public var rowsKnown: Bool

    public init(index: Int, rows: [Row], location: SourceLocation, rowsKnown: Bool = true) {
        self.index = index
        self.rows = rows
        self.location = location
        self.rowsKnown = rowsKnown
    }

    private enum CodingKeys: String, CodingKey { case index, rows, location, rowsKnown }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        index = try c.decode(Int.self, forKey: .index)
        rows = try c.decode([Row].self, forKey: .rows)
        location = try c.decode(SourceLocation.self, forKey: .location)
        rowsKnown = try c.decodeIfPresent(Bool.self, forKey: .rowsKnown) ?? true
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(index, forKey: .index)
        try c.encode(rows, forKey: .rows)
        try c.encode(location, forKey: .location)
        if !rowsKnown { try c.encode(rowsKnown, forKey: .rowsKnown) }
    }
}

/// A paragraph of text outside tables (narrative, titles, headings).
public struct Paragraph: Codable, Hashable, Sendable {
    public var text: String
    public var location: SourceLocation
    /// Markdown heading level (1 for "#"), nil for body text.
    public var headingLevel: Int?

    public init(text: String, location: SourceLocation, headingLevel: Int? = nil) {
        self.text = text
        self.location = location
        self.headingLevel = headingLevel
    }
}

/// A piece of a document in reading order.
public enum Block: Codable, Hashable, Sendable {
    case table(Table)
    case paragraph(Paragraph)

    private enum CodingKeys: String, CodingKey { case table, paragraph }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        if let t = try c.decodeIfPresent(Table.self, forKey: .table) { self = .table(t); return }
        if let p = try c.decodeIfPresent(Paragraph.self, forKey: .paragraph) { self = .paragraph(p); return }
        throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a block is either {\"table\": …} or {\"paragraph\": …}"))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .table(let t): try c.encode(t, forKey: .table)
        case .paragraph(let p): try c.encode(p, forKey: .paragraph)
        }
    }
}

/// What a reader makes of one file: tables and paragraphs in reading order.
public struct Document: Codable, Hashable, Sendable {
    /// The path as given (used in every location).
    public var path: String
    /// The layout the reader recognised ("tab-cells", "pdf-text", "markdown", "docx", …).
    public var format: String
    /// The text encoding the bytes were decoded from, when the input was text.
    public var encoding: String?
    public var blocks: [Block]

    public init(path: String, format: String, encoding: String? = nil, blocks: [Block]) {
        self.path = path
        self.format = format
        self.encoding = encoding
        self.blocks = blocks
    }

    /// The tables, in order.
    public var tables: [Table] { blocks.compactMap { if case .table(let t) = $0 { return t }; return nil } }
    /// The paragraphs, in order.
    public var paragraphs: [Paragraph] { blocks.compactMap { if case .paragraph(let p) = $0 { return p }; return nil } }
}

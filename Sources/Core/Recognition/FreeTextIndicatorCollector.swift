/// Collects the indicators a form writes as free text (`IndicatorTextGrammar`) into one stream of
/// text, in reading order, since an item wraps over lines that a PDF cuts into several rows, tables
/// and paragraphs:
///
/// - in each table, from the first cell that holds the start of an item, that cell's column is the
///   indicator column and its cells are read on, row after row;
/// - a paragraph is read on while the stream is open (a cell's lines a PDF table left out);
/// - a new table keeps the stream open, and its indicator column is again the first cell with an item.
struct FreeTextIndicatorCollector {
    private let grammar: IndicatorTextGrammar
    /// The stream: each piece with its location, to give each item the place it starts.
    private var pieces: [(text: String, location: SourceLocation)] = []
    /// The indicator column of the current table, and which table that is.
    private var column: Int?
    private var table: Int?
    /// A form's text is usually far smaller; the stream is not read further than this.
    static let maximumPieces = 100_000

    init(vocabulary: Vocabulary) {
        grammar = IndicatorTextGrammar(vocabulary: vocabulary)
    }

    mutating func add(_ row: Row) {
        if row.location.table != table { table = row.location.table; column = nil }
        for (k, cell) in row.cells.enumerated() where !cell.compact.isEmpty {
            if let c = column {
                if k == c { append(cell.text, cell.location) }
            } else if grammar.startsItem(cell.compact) {
                column = k
                append(cell.text, cell.location)
            }
        }
    }

    mutating func add(_ paragraph: Paragraph) {
        if !pieces.isEmpty || grammar.startsItem(TextNormalizer.compact(paragraph.text)) { append(paragraph.text, paragraph.location) }
    }

    private mutating func append(_ text: String, _ location: SourceLocation) {
        if pieces.count < Self.maximumPieces { pieces.append((text, location)) }
    }

    /// The indicator table of the stream, nil when no item was read.
    func build() -> IndicatorTable? {
        guard !pieces.isEmpty else { return nil }
        // Where each piece starts in the whitespace-free text, to give each item its piece's location.
        var starts: [Int] = []
        var offset = 0
        for p in pieces { starts.append(offset); offset += p.text.filter { !$0.isWhitespace }.count }
        var rows: [IndicatorRow] = []
        var groups: [IndicatorGroup] = []
        for item in grammar.items(in: pieces.map(\.text).joined()) {
            let piece = (starts.lastIndex { $0 <= item.start }) ?? 0
            let location = pieces[piece].location
            if groups.last?.name != item.level1 {
                groups.append(IndicatorGroup(name: item.level1, weight: nil, location: location))
            }
            rows.append(IndicatorRow(group: groups.count - 1, level2: item.level2,
                                     name: Value(text: item.name, location: location),
                                     target: item.target.map { Value(text: $0, location: location) },
                                     location: location))
        }
        guard let first = rows.first else { return nil }
        return IndicatorTable(location: first.location, hasActual: false, hasScore: false, groups: groups, rows: rows)
    }
}

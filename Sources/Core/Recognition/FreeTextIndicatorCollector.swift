/// Collects the indicators a form writes as free text in one column (`IndicatorTextGrammar`):
/// from the cell where such text first appears, that column's cells are read on, row after
/// row, as one text, since an item wraps over lines that a PDF table may cut into rows.
struct FreeTextIndicatorCollector {
    private let grammar: IndicatorTextGrammar
    /// The text of each column holding free-text indicators, as pieces with their cells' locations.
    private var columns: [Int: [(text: String, location: SourceLocation)]] = [:]
    /// A form's tables are usually far smaller; a column is not read further than this.
    static let maximumPieces = 100_000

    init(vocabulary: Vocabulary) {
        grammar = IndicatorTextGrammar(vocabulary: vocabulary)
    }

    var isEmpty: Bool { columns.isEmpty }

    mutating func add(_ row: Row) {
        for (k, cell) in row.cells.enumerated() where !cell.compact.isEmpty {
            if columns[k] != nil {
                if columns[k]!.count < Self.maximumPieces { columns[k]!.append((cell.text, cell.location)) }
            } else if grammar.startsItem(cell.compact) {
                columns[k] = [(cell.text, cell.location)]
            }
        }
    }

    /// The indicator table of the collected columns, nil when no item was read.
    func build() -> IndicatorTable? {
        var rows: [IndicatorRow] = []
        var groups: [IndicatorGroup] = []
        for k in columns.keys.sorted() {
            let pieces = columns[k]!
            // Where each piece starts in the whitespace-free text, to give each item its cell's location.
            var starts: [Int] = []
            var offset = 0
            for p in pieces { starts.append(offset); offset += p.text.filter { !$0.isWhitespace }.count }
            let text = pieces.map(\.text).joined()
            for item in grammar.items(in: text) {
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
        }
        guard let first = rows.first else { return nil }
        return IndicatorTable(location: first.location, hasActual: false, hasScore: false, groups: groups, rows: rows)
    }
}

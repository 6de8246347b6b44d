/// Turns a document into typed forms: it splits the document at form titles
/// and hands every table row, in reading order, to the parts of the current form.
public struct Recognizer: Sendable {
    public init() {}

    public func recognize(_ document: Document) -> Report {
        // Tables whose layout lost the row boundaries are cut into rows first.
        let document = CellStreamAligner.aligned(document)
        var forms: [Form] = []
        var builder = FormBuilder(kind: .other, title: "", location: SourceLocation(file: document.path, line: 1))
        func finish() {
            let f = builder.build()
            let hasIndicators = !(f.indicators?.rows.isEmpty ?? true) || f.indicators?.total != nil
            if f.funding != nil || hasIndicators || !f.ledgers.isEmpty { forms.append(f) }
        }
        for block in document.blocks {
            switch block {
            case .paragraph(let p):
                if let (kind, title) = FormTitle.match(p.text) {
                    // Page-split budget tables repeat their title: same form, same ledger.
                    if kind == .budget && title == builder.title { continue }
                    finish()
                    builder = FormBuilder(kind: kind, title: title, location: p.location)
                } else {
                    builder.paragraph(p)
                }
            case .table(let t):
                for row in t.rows {
                    if let (kind, title) = titleInRow(row), title != builder.title {
                        finish()
                        builder = FormBuilder(kind: kind, title: title, location: row.location)
                    }
                    // The header test is the costliest per-row test; it is made once for both calls.
                    let header = IndicatorCollector.header(row)
                    if builder.startsNewForm(row, indicatorHeader: header) {
                        let kind = builder.kind, title = builder.title
                        finish()
                        builder = FormBuilder(kind: kind, title: title, location: row.location)
                    }
                    builder.add(row, indicatorHeader: header)
                }
            }
        }
        finish()
        return Report(document: document, forms: forms)
    }

    /// Some extractions put the form title in the first row of the table.
    private func titleInRow(_ row: Row) -> (FormKind, String)? {
        let texts = row.cells.map(\.compact).filter { !$0.isEmpty }
        guard texts.count == 1 else { return nil }
        return FormTitle.match(texts[0])
    }
}

/// Collects one form's parts while its rows stream by.
struct FormBuilder {
    let kind: FormKind
    let title: String
    let location: SourceLocation
    private var funding = FundingCollector()
    private var indicators: IndicatorCollector?
    private var finishedIndicators: IndicatorTable?
    private var ledgers: [LedgerTable] = []
    private var ledger: LedgerCollector?

    init(kind: FormKind, title: String, location: SourceLocation) {
        self.kind = kind
        self.title = title
        self.location = location
    }

    /// A second indicator table or funding row means the next form began without a title.
    /// - Parameter indicatorHeader: `IndicatorCollector.header(row)`.
    func startsNewForm(_ row: Row, indicatorHeader: IndicatorCollector.Header?) -> Bool {
        if indicatorHeader != nil && (indicators != nil || finishedIndicators != nil) { return true }
        if FundingCollector.isTotalRow(row) && funding.hasTotal && (indicators != nil || finishedIndicators != nil) { return true }
        return false
    }

    mutating func paragraph(_ p: Paragraph) {
        funding.paragraph(p)
    }

    /// - Parameter indicatorHeader: `IndicatorCollector.header(row)`.
    mutating func add(_ row: Row, indicatorHeader: IndicatorCollector.Header?) {
        if let header = indicatorHeader {
            closeLedger()
            indicators = IndicatorCollector(header: header, location: row.location)
            return
        }
        if var ind = indicators {
            let open = ind.add(row)
            indicators = ind
            if !open { finishedIndicators = ind.build(); indicators = nil }
            return
        }
        if let header = LedgerCollector.header(row) {
            if let current = ledger, current.columns == header.columns {
                return // a repeated page header of the same table
            }
            closeLedger()
            ledger = LedgerCollector(title: title, header: header, location: row.location)
            return
        }
        if var l = ledger {
            let open = l.add(row)
            ledger = l
            if !open { closeLedger() } else { return }
        }
        funding.add(row)
    }

    private mutating func closeLedger() {
        if let l = ledger, let table = l.build() { ledgers.append(table) }
        ledger = nil
    }

    mutating func build() -> Form {
        closeLedger()
        if let ind = indicators { finishedIndicators = ind.build(); indicators = nil }
        return Form(kind: kind, title: title, location: location, funding: funding.build(),
                    indicators: finishedIndicators, ledgers: ledgers)
    }
}

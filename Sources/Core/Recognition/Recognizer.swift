/// Turns a document into the recognised report, in one pass over it: it splits the document at
/// form titles and hands every table row, in reading order, to the parts of the current form;
/// then it locates each form's span and reads the narrative into sentences and claims.
public struct Recognizer: Sendable {
    /// The names of fields and forms this recognizer knows.
    public let vocabulary: Vocabulary

    public init(vocabulary: Vocabulary = .standard) {
        self.vocabulary = vocabulary
    }

    /// The report of a document as a reader made it.
    public func recognize(_ document: Document) -> Report {
        // Tables whose layout lost the row boundaries are cut into rows first.
        let aligned = CellStreamAligner.aligned(document)
        return complete(aligned, forms: forms(of: aligned))
    }

    /// The report of a document whose forms are known (recognised, or read from a model file):
    /// the forms' spans, the narrative's sentences and claims, and the indicator quantities.
    public func complete(_ document: Document, forms: [Form]) -> Report {
        let (spans, placed) = FormSpans.locate(forms, in: document)
        let wraps = document.linesWrap
        var narrative = NarrativeSentences.read(placed, spans: spans, forms: forms, linesWrap: wraps)
        narrative.claims = NarrativeClaimExtractor.claims(in: narrative, spans: spans, forms: forms, linesWrap: wraps)
        let quantities = forms.map { $0.indicators?.rows.map { IndicatorQuantities($0) } ?? [] }
        return Report(document: document, forms: forms, spans: spans, narrative: narrative,
                      quantities: quantities, placedParagraphs: placed)
    }

    /// The typed forms of a document, in reading order.
    public func forms(of document: Document) -> [Form] {
        var forms: [Form] = []
        var builder = FormBuilder(kind: .other, title: "", location: SourceLocation(file: document.path, line: 1), vocabulary: vocabulary)
        func finish() {
            let f = builder.build()
            let hasIndicators = !(f.indicators?.rows.isEmpty ?? true) || f.indicators?.total != nil
            if f.funding != nil || hasIndicators || !f.ledgers.isEmpty { forms.append(f) }
        }
        for block in document.blocks {
            switch block {
            case .paragraph(let p):
                if let (kind, title) = FormTitle.match(p.text, vocabulary: vocabulary) {
                    // Page-split budget tables repeat their title: same form, same ledger.
                    if kind == .budget && title == builder.title { continue }
                    finish()
                    builder = FormBuilder(kind: kind, title: title, location: p.location, vocabulary: vocabulary)
                } else {
                    builder.paragraph(p)
                }
            case .table(let t):
                for (n, row) in t.rows.enumerated() {
                    // A title row starts the next form; the same title again starts one too after a
                    // form whose indicators ended (a page of one 自评表 after another), or when it heads
                    // a new table after a form that read its indicators (a workbook of one sheet per
                    // project, every sheet under the same title). A budget table repeats its title
                    // when it goes on over a page.
                    if let (kind, title) = titleInRow(row),
                       title != builder.title || kind != .budget && (builder.indicatorsEnded || n == 0 && builder.hasIndicatorTable) {
                        finish()
                        builder = FormBuilder(kind: kind, title: title, location: row.location, vocabulary: vocabulary)
                    }
                    // Every header test reads the row's cells normalised, once; the indicator header
                    // test is made once for both calls.
                    let keys = HeaderKey.keys(of: row)
                    let columns = IndicatorCollector.columns(keys, vocabulary: vocabulary)
                    let header = IndicatorCollector.header(columns: columns)
                    if builder.startsNewForm(row, keys: keys, indicatorHeader: header) {
                        let kind = builder.kind, title = builder.title
                        finish()
                        builder = FormBuilder(kind: kind, title: title, location: row.location, vocabulary: vocabulary)
                    }
                    builder.add(row, keys: keys, indicatorHeader: header, indicatorColumns: columns)
                }
            }
        }
        finish()
        return forms
    }

    /// Some extractions put the form title in the first row of the table.
    private func titleInRow(_ row: Row) -> (FormKind, String)? {
        let texts = row.cells.map(\.compact).filter { !$0.isEmpty }
        guard texts.count == 1 else { return nil }
        return FormTitle.match(texts[0], vocabulary: vocabulary)
    }
}

/// Collects one form's parts while its rows stream by.
struct FormBuilder {
    let kind: FormKind
    let title: String
    let location: SourceLocation
    let vocabulary: Vocabulary
    private var funding: FundingCollector
    private var indicators: IndicatorCollector?
    private var finishedIndicators: IndicatorTable?
    /// Indicators written as free text in one cell (Guangzhou's 绩效目标表), read when the form has no indicator table.
    private var textIndicators: FreeTextIndicatorCollector
    private var ledgers: [LedgerTable] = []
    private var ledger: LedgerCollector?
    private var coded: CodedLedgerCollector?
    private var pendingTotal: Row?
    /// A ledger header without code columns and the rows after it, until a row with amounts
    /// shows whether the table is coded.
    private var pendingLedger: (header: LedgerCollector.Header, location: SourceLocation, rows: [Row])?
    /// The unit last stated ("单位：元"), for the ledgers that follow.
    private var unit: String?
    /// The texts of the last line that looked like a column header, to name coded ledgers' columns.
    private var headerTexts = ColumnNames()
    /// The row before was the upper row of a two-row indicator header.
    private var upperIndicatorHeader: [IndicatorCollector.Column?]?
    /// A two-sided table (收支总表) being read, in a budget form.
    private var twoSided: TwoSidedLedgerCollector?
    /// A “三公”经费 table (or another of amounts under named columns) being read, in a budget form.
    private var threePublic: AmountRowsLedgerCollector?
    /// The first table header of a budget form (its amount columns and where it stands), so a
    /// table printed without data still shows as the form's (empty) ledger.
    private var tableHeader: (columns: [String], location: SourceLocation)?
    /// The form printed an amount (a non-zero number in a row, or in a short line of text).
    private var sawAmounts = false
    /// A note in the form says its table is empty ("故本表为空表", "本表无数据", "无").
    private var saysEmpty = false
    /// Running text came after the title before any table header or note: the title was a line of
    /// a table of contents or a heading of the 说明, not a table's.
    private var narrativeBeforeTable = false
    /// Running text came after the table header or note: the table has ended, and what follows
    /// (the 说明's amounts, other tables in it) says nothing about whether it was empty.
    private var narrativeAfterTable = false

    init(kind: FormKind, title: String, location: SourceLocation, vocabulary: Vocabulary) {
        self.kind = kind
        self.title = title
        self.location = location
        self.vocabulary = vocabulary
        self.funding = FundingCollector(vocabulary: vocabulary)
        self.textIndicators = FreeTextIndicatorCollector(vocabulary: vocabulary)
    }

    /// Whether this form has met an indicator table's header (open or closed).
    var hasIndicatorTable: Bool { indicators != nil || finishedIndicators != nil }

    /// A second indicator table or funding row means the next form began without a title.
    /// - Parameters:
    ///   - keys: `HeaderKey.keys(of: row)`.
    ///   - indicatorHeader: `IndicatorCollector.header(columns:)` of the row.
    func startsNewForm(_ row: Row, keys: [String], indicatorHeader: IndicatorCollector.Header?) -> Bool {
        if indicatorHeader != nil && (indicators != nil || finishedIndicators != nil) { return true }
        let hasIndicators = indicators != nil || finishedIndicators != nil
        if funding.hasTotal && hasIndicators && (funding.isTotalRow(row, keys: keys) || funding.headerColumns(row, keys: keys) != nil) { return true }
        return false
    }

    /// The indicator table has met its 总分/合计 row: a form printed after it is another form.
    var indicatorsEnded: Bool { finishedIndicators != nil }

    mutating func paragraph(_ p: Paragraph) {
        // A ledger line read as text (a table's last row alone on the next page): the ledger
        // lost that row, so its parents' sums are only bounds.
        if coded != nil, p.text.utf8.count <= 400 {
            let cells = p.text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }).map { Cell(text: String($0), location: p.location) }
            if let code = CodedLedgerCollector.parse(Row(cells: cells, location: p.location), previous: nil, vocabulary: vocabulary)?.code {
                coded?.markLostRow(code: code)
            }
        }
        if let u = StatedUnit.find(in: p.text) { unit = u }
        if kind == .budget { noteEmptiness(text: p.text) }
        noteHeaderCandidate(p.text.split(whereSeparator: { $0 == "\t" }).flatMap { $0.components(separatedBy: "  ") })
        funding.paragraph(p)
        if indicators == nil && finishedIndicators == nil { textIndicators.add(p) }
    }

    /// Remembers a line of two or more short texts without numbers: the column header a
    /// coded ledger below it may be named by.
    private mutating func noteHeaderCandidate(_ texts: [String]) {
        let parts = texts.map { TextNormalizer.compact($0) }.filter { !$0.isEmpty }
        guard parts.count >= 2, parts.count <= 24, parts.allSatisfy({ $0.count <= 20 && PrintedNumber.parse($0) == nil }) else { return }
        // The code and name columns ("类 款 项", "科目名称") name no amount column.
        let amountNames = parts.filter { p in
            let key = HeaderKey.normalize(compacted: p)
            return !vocabulary.matches(.subjectCode, key: key) && !vocabulary.matches(.subjectName, key: key)
        }
        if !amountNames.isEmpty { headerTexts = ColumnNames(names: amountNames, aligned: false) }
    }

    /// Notes, for a budget form, whether a text prints an amount or says the table is empty.
    private mutating func noteEmptiness(text: String) {
        guard text.utf8.count <= 600 else { return }
        let compact = TextNormalizer.compact(text)
        if vocabulary.mentions(.emptyTableNote, compacted: compact) { saysEmpty = true }
        if compact.count > 60 {
            if tableHeader == nil && !saysEmpty { narrativeBeforeTable = true } else { narrativeAfterTable = true }
        }
        if narrativeAfterTable { return }
        // Amounts print a decimal point or a thousands comma; "2025年", "1." do not.
        for token in text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }) where token.contains(".") || token.contains(",") {
            if let n = PrintedNumber.parse(String(token)), n.value != 0 { sawAmounts = true; break }
        }
        // The note under a table ("注：…", "说明：…故本表无数据") closes it.
        if tableHeader != nil && (compact.hasPrefix("注") || compact.hasPrefix("说明") || saysEmpty) { narrativeAfterTable = true }
    }

    /// Notes the first table header of a budget form.
    private mutating func noteTableHeader(_ columns: [String], at location: SourceLocation) {
        if tableHeader == nil { tableHeader = (columns, location) }
    }

    /// Reads a row of a budget table printed without codes: a two-sided 收支总表 or a “三公”经费
    /// table. True when the row was taken.
    private mutating func addCodeless(_ row: Row, keys: [String]) -> Bool {
        if twoSided == nil, let halves = TwoSidedLedgerCollector.header(row, keys: keys, title: title, vocabulary: vocabulary) {
            closeLedger()
            twoSided = TwoSidedLedgerCollector(title: title, halves: halves, location: row.location)
            noteTableHeader(halves.flatMap(\.columns), at: row.location)
            return true
        }
        if let open = twoSided?.add(row, keys: keys, vocabulary: vocabulary) {
            if open { return true }
            closeLedger()
        }
        if threePublic == nil, AmountRowsLedgerCollector.isHeader(row, keys: keys, vocabulary: vocabulary) {
            closeLedger()
            let collector = AmountRowsLedgerCollector(title: title, header: row, keys: keys, vocabulary: vocabulary)
            threePublic = collector
            noteTableHeader(row.cells.map(\.compact), at: row.location)
            return true
        }
        if let open = threePublic?.add(row, vocabulary: vocabulary) {
            if open { return true }
            closeLedger()
        }
        return false
    }

    /// - Parameters:
    ///   - rawKeys: `HeaderKey.keys(of: rawRow)`.
    ///   - indicatorHeader: `IndicatorCollector.header(columns:)` of the row.
    ///   - indicatorColumns: `IndicatorCollector.columns(keys)`, for the upper row of a two-row header.
    mutating func add(_ rawRow: Row, keys rawKeys: [String], indicatorHeader: IndicatorCollector.Header?,
                      indicatorColumns: [IndicatorCollector.Column?] = []) {
        // Two coded tables side by side: each half is a ledger line of its own. A two-sided
        // 收支总表 being read keeps its rows (its 收入合计 | 支出合计 line is its own totals).
        if indicatorHeader == nil, indicators == nil, twoSided == nil, CodedLedgerCollector.parse(rawRow, previous: nil, vocabulary: vocabulary) == nil,
           let halves = CodedLedgerCollector.sideBySide(rawRow, vocabulary: vocabulary) {
            for half in halves { add(half, keys: HeaderKey.keys(of: half), indicatorHeader: nil) }
            return
        }
        let row = LabelValueCells.split(rawRow, vocabulary: vocabulary)
        // Splitting "年度资金总额：2,134.87" adds cells, whose keys are taken again.
        let keys = row.cells.count == rawRow.cells.count ? rawKeys : HeaderKey.keys(of: row)
        if indicators == nil && finishedIndicators == nil && indicatorHeader == nil { textIndicators.add(rawRow) }
        let upper = upperIndicatorHeader
        upperIndicatorHeader = nil
        if let header = indicatorHeader {
            closeLedger()
            indicators = IndicatorCollector(header: upper.map { IndicatorCollector.stacked(upper: $0, lower: header) } ?? header,
                                            location: row.location, vocabulary: vocabulary)
            return
        }
        if indicators == nil, row.cells.count == rawRow.cells.count, IndicatorCollector.isUpperHeader(indicatorColumns),
           !row.cells.contains(where: { $0.number != nil }) {
            upperIndicatorHeader = indicatorColumns
            return
        }
        // Mutated in place through the optional: a copy taken out and stored back would
        // share the rows array and copy all of it for every row (quadratic in the rows).
        if let open = indicators?.add(row) {
            if !open, let ind = indicators { finishedIndicators = ind.build(); indicators = nil }
            return
        }
        if kind == .budget {
            if !narrativeAfterTable && row.cells.contains(where: { $0.number.map { $0.value != 0 } ?? false }) && !CodedLedgerCollector.isColumnNumbering(row) { sawAmounts = true }
            if row.cells.contains(where: { vocabulary.mentions(.emptyTableNote, compacted: $0.compact) }) { saysEmpty = true }
            if addCodeless(row, keys: keys) { return }
            // A 科目 header the ledger tests do not take (its cells merged into one: "功能科目编码 功能科目名称
            // 金额") still shows the table was printed.
            if !row.cells.contains(where: { $0.number != nil }),
               keys.contains(where: { vocabulary.matches(.subjectCode, key: $0) || vocabulary.matches(.subjectName, key: $0) }) {
                noteTableHeader(row.cells.map(\.compact), at: row.location)
            }
            // "项目名称 | 金额": one label column over amounts (a 收入总表 printed without codes). Its
            // first row with amounts decides whether its rows are coded, as for any header without codes.
            if let header = LedgerCollector.itemHeader(row, keys: keys, vocabulary: vocabulary) {
                closeLedger()
                pendingLedger = (header, row.location, [])
                noteTableHeader(header.columns, at: row.location)
                return
            }
        }
        if let header = LedgerCollector.header(row, keys: keys, vocabulary: vocabulary) {
            if kind == .budget { noteTableHeader(header.columns, at: row.location) }
            if let current = ledger, current.columns == header.columns {
                return // a repeated page header of the same table
            }
            // Tables with code columns are read by their rows (CodedLedgerCollector); the
            // header only names their amount columns, and repeats on every page.
            if !header.codeIndices.isEmpty {
                let names = ColumnNames(names: header.columns, aligned: true)
                // The same header again is the table going on over a page; another header starts another table.
                if let c = coded {
                    // Against a header row compare the names; against none (the first page's header
                    // was read as text) the number of amount columns.
                    let other = headerTexts.aligned ? names != headerTexts : header.columns.filter { !$0.isEmpty }.count != c.width
                    if other { closeLedger() }
                }
                if ledger != nil { closeLedger() }
                if !header.columns.allSatisfy(\.isEmpty) { headerTexts = names }
                return
            }
            closeLedger()
            pendingLedger = (header, row.location, [])
            return
        }
        // The row read as a ledger line on its own (without the code of a line above it), once.
        let hasNumbers = row.cells.contains { $0.number != nil }
        let line = hasNumbers ? CodedLedgerCollector.parse(row, previous: nil, vocabulary: vocabulary) : nil
        let opensCoded = line?.code != nil, isTotalLine = line?.isTotal == true
        // A header without code columns may still head coded rows (its code header was not
        // recognised, or was stacked over the columns): the first row with amounts decides.
        if var pending = pendingLedger {
            let hasAmounts = hasNumbers && !CodedLedgerCollector.isColumnNumbering(row)
            if !hasAmounts || isTotalLine {
                pending.rows.append(row)
                pendingLedger = pending
                if hasAmounts { pendingTotal = row }
                return
            }
            pendingLedger = nil
            if opensCoded {
                if !pending.header.columns.allSatisfy(\.isEmpty) { headerTexts = ColumnNames(names: pending.header.columns, aligned: true) }
            } else {
                ledger = LedgerCollector(title: title, header: pending.header, location: pending.location)
                for r in pending.rows { _ = ledger?.add(r) }
                pendingTotal = nil
            }
        }
        if let open = ledger?.add(row) {
            if !open { closeLedger() } else { return }
        }
        if let open = coded?.add(row) {
            if open { return }
            closeLedger()
        }
        if coded == nil && opensCoded {
            coded = CodedLedgerCollector(title: title, location: (pendingTotal ?? row).location, vocabulary: vocabulary)
            if let total = pendingTotal { _ = coded?.add(total) }
            pendingTotal = nil
            _ = coded?.add(row)
            return
        }
        // A 合计 row printed above the items it adds up waits for them.
        if isTotalLine {
            pendingTotal = row
        } else if hasNumbers {
            pendingTotal = nil
        }
        if let u = row.cells.lazy.compactMap({ StatedUnit.find(in: $0.text) }).first { unit = u }
        if !hasNumbers { noteHeaderCandidate(row.cells.map(\.text)) }
        funding.add(row, keys: keys)
    }

    private mutating func closeLedger() {
        // A header followed by no amounts at all has nothing to read.
        pendingLedger = nil
        if let l = ledger, var table = l.build() {
            table.unit = unit
            ledgers.append(table)
        }
        ledger = nil
        if let c = coded, let table = c.build(headerTexts: headerTexts, unit: unit) { ledgers.append(table) }
        coded = nil
        if let t = twoSided, t.rowCount > 0 { ledgers += t.build(unit: unit) }
        twoSided = nil
        if let t = threePublic?.build(unit: unit) { ledgers.append(t) }
        threePublic = nil
    }

    mutating func build() -> Form {
        closeLedger()
        if let ind = indicators { finishedIndicators = ind.build(); indicators = nil }
        // A budget table printed without data (no body rows, "无", a 合计 of 0, "故本表为空表") is
        // still the form it is titled: one ledger with no rows shows it was there.
        if kind == .budget, ledgers.isEmpty, !sawAmounts, !narrativeBeforeTable, tableHeader != nil || saysEmpty {
            var empty = LedgerTable(title: title, location: tableHeader?.location ?? location, columns: tableHeader?.columns ?? [], rows: [])
            empty.unit = unit
            ledgers.append(empty)
        }
        if finishedIndicators == nil { finishedIndicators = textIndicators.build() }
        return Form(kind: kind, title: title, location: location, funding: funding.build(),
                    indicators: finishedIndicators, ledgers: ledgers)
    }
}

/// Where each form of a report lies in the document's reading order, and what its span holds
/// beyond the typed form.
///
/// Narrative reading needs to know which form a paragraph precedes (a report bundles the unit's
/// narrative, its forms and per-project narratives), and some facts sit in a form's raw rows
/// even when the layout's indicator table is not recognised (the 总分 row of PDF text, the
/// 项目支出名称 line). Spans are found from the forms' locations, so a model read from a file
/// gets the same spans as a freshly recognised document (positions are block indices, not lines).
enum FormSpans {
    /// The spans of `forms` (parallel to it) and every paragraph of the document in reading order.
    static func locate(_ forms: [Form], in document: Document) -> (spans: [FormSpan], paragraphs: [PlacedParagraph]) {
        var firstAt: [SourceLocation: DocumentPosition] = [:]
        var placed: [PlacedParagraph] = []
        for (b, block) in document.blocks.enumerated() {
            switch block {
            case .paragraph(let p):
                let pos = DocumentPosition(block: b)
                placed.append(PlacedParagraph(paragraph: p, position: pos))
                if firstAt[p.location] == nil { firstAt[p.location] = pos }
            case .table(let t):
                for (r, row) in t.rows.enumerated() where firstAt[row.location] == nil {
                    firstAt[row.location] = DocumentPosition(block: b, row: r)
                }
            }
        }
        var starts: [DocumentPosition] = []
        for form in forms {
            let previous = starts.last ?? DocumentPosition(block: 0)
            // A form that starts without a title (the recogniser's first, untitled builder) has
            // no matching block; it then starts where the previous one did.
            let found = firstAt[form.location] ?? previous
            starts.append(max(found, previous))
        }
        let documentEnd = DocumentPosition(block: document.blocks.count)
        var spans: [FormSpan] = []
        for (i, start) in starts.enumerated() {
            var span = FormSpan(start: start, end: i + 1 < starts.count ? starts[i + 1] : documentEnd)
            let rows = self.rows(of: span, in: document)
            let paragraphs = self.paragraphs(of: span, in: placed)
            span.total = forms[i].indicators?.total ?? rawTotal(rows)
            span.projectName = projectName(rows, paragraphs)
            spans.append(span)
        }
        return (spans, placed)
    }

    /// Table rows within a span, in order.
    static func rows(of span: FormSpan, in document: Document) -> [Row] {
        var out: [Row] = []
        let blocks = document.blocks
        var b = span.start.block
        while b < blocks.count && b <= span.end.block {
            if case .table(let t) = blocks[b] {
                for (r, row) in t.rows.enumerated() {
                    let pos = DocumentPosition(block: b, row: r)
                    if pos >= span.start && pos < span.end { out.append(row) }
                }
            }
            b += 1
        }
        return out
    }

    /// Paragraphs within a span, in order.
    static func paragraphs(of span: FormSpan, in paragraphs: [PlacedParagraph]) -> [Paragraph] {
        // Paragraphs are in reading order: a binary search keeps thousands of forms linear.
        var lo = 0, hi = paragraphs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if paragraphs[mid].position < span.start { lo = mid + 1 } else { hi = mid }
        }
        var out: [Paragraph] = []
        while lo < paragraphs.count && paragraphs[lo].position < span.end { out.append(paragraphs[lo].paragraph); lo += 1 }
        return out
    }

    /// A raw row that reads exactly "总分 | weight | score" (PDF text, whose indicator tables are
    /// not recognised). A wrapped score ("92." on one line, "36" on the next) is not a total.
    private static func rawTotal(_ rows: [Row]) -> TotalRow? {
        for row in rows {
            let cells = row.cells.filter { !$0.compact.isEmpty }
            guard cells.count == 3, cells[0].compact == "总分" else { continue }
            let numbers = cells.dropFirst().map { $0.compact }
            guard numbers.allSatisfy({ !$0.hasSuffix(".") && PrintedNumber.parse($0) != nil }) else { continue }
            return TotalRow(weight: Value(cells[1]), score: Value(cells[2]), location: cells[0].location)
        }
        return nil
    }

    private static let projectLabels = ["项目支出名称", "项目名称"]

    /// The project's name (项目支出名称 / 项目名称) printed at the top of a form, from a
    /// "label | name" row or a "项目支出名称 运行维护经费" line.
    private static func projectName(_ rows: [Row], _ paragraphs: [Paragraph]) -> Value? {
        for row in rows.prefix(12) {
            let cells = row.cells.filter { !$0.compact.isEmpty }
            guard let i = cells.firstIndex(where: { projectLabels.contains($0.compact) }), i + 1 < cells.count else { continue }
            return Value(cells[i + 1])
        }
        for p in paragraphs.prefix(12) {
            let t = TextNormalizer.normalize(p.text)
            guard let label = projectLabels.first(where: { t.hasPrefix($0) }) else { continue }
            var name = TextNormalizer.trim(String(t.dropFirst(label.count)))
            // PDF text may print the next label on the same line.
            if let r = name.range(of: "主管部门") { name = TextNormalizer.trim(String(name[..<r.lowerBound])) }
            if name.hasPrefix(":") || name.hasPrefix("：") { name = TextNormalizer.trim(String(name.dropFirst())) }
            guard !name.isEmpty else { continue }
            return Value(text: name, location: p.location)
        }
        return nil
    }
}

extension Report {
    /// The compact texts of the cells of every table row in form `index`'s span, row by row.
    public func cellTexts(ofForm index: Int) -> [[String]] {
        FormSpans.rows(of: spans[index], in: document).map { $0.cells.map(\.compact) }
    }

    /// Every text the form prints itself: its table rows (cells joined by "。") and, where lines
    /// wrap (PDF text prints the rows of tables it did not recognise as lines), the lines of its
    /// span. Other paragraphs after a table are narrative.
    public func ownTexts(ofForm index: Int) -> [String] {
        let rows = cellTexts(ofForm: index).map { $0.joined(separator: "。") }
        guard document.linesWrap else { return rows }
        return rows + FormSpans.paragraphs(of: spans[index], in: placedParagraphs).map { TextNormalizer.compact($0.text) }
    }
}

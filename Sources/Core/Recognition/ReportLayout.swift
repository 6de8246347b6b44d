/// Where each form of a report begins in the document's reading order, and what its span
/// holds beyond the typed model.
///
/// Narrative checks need to know which form a paragraph precedes (a report bundles the unit's
/// narrative, its forms and per-project narratives), and some facts sit in a form's raw rows
/// even when the layout's indicator table is not recognised (the 总分 row of PDF text, the
/// 项目支出名称 line). This is computed from the model alone, so it needs no change to the
/// recogniser and works for every input format (positions are block indices, not lines).
public struct ReportLayout: Sendable {
    /// A place in reading order: a block of the document, and a row within a table block.
    public struct Position: Comparable, Hashable, Sendable {
        public var block: Int
        public var row: Int

        public init(block: Int, row: Int = 0) { self.block = block; self.row = row }

        public static func < (a: Position, b: Position) -> Bool {
            a.block != b.block ? a.block < b.block : a.row < b.row
        }
    }

    /// A paragraph with its place in reading order.
    public struct PlacedParagraph: Sendable {
        public var paragraph: Paragraph
        public var position: Position
    }

    public let report: Report
    /// Where each form starts, parallel to `report.forms` (non-decreasing).
    public let formStarts: [Position]
    /// Every paragraph, in reading order.
    public let paragraphs: [PlacedParagraph]

    public init(_ report: Report) {
        self.report = report
        var firstAt: [SourceLocation: Position] = [:]
        var placed: [PlacedParagraph] = []
        for (b, block) in report.document.blocks.enumerated() {
            switch block {
            case .paragraph(let p):
                let pos = Position(block: b)
                placed.append(PlacedParagraph(paragraph: p, position: pos))
                if firstAt[p.location] == nil { firstAt[p.location] = pos }
            case .table(let t):
                for (r, row) in t.rows.enumerated() where firstAt[row.location] == nil {
                    firstAt[row.location] = Position(block: b, row: r)
                }
            }
        }
        var starts: [Position] = []
        for form in report.forms {
            let previous = starts.last ?? Position(block: 0)
            // A form that starts without a title (the recogniser's first, untitled builder) has
            // no matching block; it then starts where the previous one did.
            let found = firstAt[form.location] ?? previous
            starts.append(max(found, previous))
        }
        formStarts = starts
        paragraphs = placed
    }

    /// The end (exclusive) of form `index`'s span.
    public func end(ofForm index: Int) -> Position {
        index + 1 < formStarts.count ? formStarts[index + 1] : Position(block: report.document.blocks.count)
    }

    /// Table rows within form `index`'s span, in order.
    public func rows(ofForm index: Int) -> [Row] {
        let start = formStarts[index], end = self.end(ofForm: index)
        var out: [Row] = []
        let blocks = report.document.blocks
        var b = start.block
        while b < blocks.count && b <= end.block {
            if case .table(let t) = blocks[b] {
                for (r, row) in t.rows.enumerated() {
                    let pos = Position(block: b, row: r)
                    if pos >= start && pos < end { out.append(row) }
                }
            }
            b += 1
        }
        return out
    }

    /// Paragraphs within form `index`'s span, in order.
    public func paragraphs(ofForm index: Int) -> [Paragraph] {
        let start = formStarts[index], end = self.end(ofForm: index)
        // Paragraphs are in reading order: a binary search keeps thousands of forms linear.
        var lo = 0, hi = paragraphs.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if paragraphs[mid].position < start { lo = mid + 1 } else { hi = mid }
        }
        var out: [Paragraph] = []
        while lo < paragraphs.count && paragraphs[lo].position < end { out.append(paragraphs[lo].paragraph); lo += 1 }
        return out
    }

    /// The 总分 row of form `index`: the recognised one, or else a raw row that reads exactly
    /// "总分 | weight | score" (PDF text, whose indicator tables are not recognised).
    /// A wrapped score ("92." on one line, "36" on the next) is not a total: nil then.
    public func totalRow(ofForm index: Int) -> TotalRow? {
        if let total = report.forms[index].indicators?.total { return total }
        for row in rows(ofForm: index) {
            let cells = row.cells.filter { !$0.compact.isEmpty }
            guard cells.count == 3, cells[0].compact == "总分" else { continue }
            let numbers = cells.dropFirst().map { $0.compact }
            guard numbers.allSatisfy({ !$0.hasSuffix(".") && PrintedNumber.parse($0) != nil }) else { continue }
            return TotalRow(weight: Value(cells[1]), score: Value(cells[2]), location: cells[0].location)
        }
        return nil
    }

    /// The project's name (项目支出名称 / 项目名称) printed at the top of form `index`,
    /// from a "label | name" row or a "项目支出名称 运行维护经费" line.
    public func projectName(ofForm index: Int) -> Value? {
        let labels = ["项目支出名称", "项目名称"]
        for row in rows(ofForm: index).prefix(12) {
            let cells = row.cells.filter { !$0.compact.isEmpty }
            guard let i = cells.firstIndex(where: { labels.contains($0.compact) }), i + 1 < cells.count else { continue }
            return Value(cells[i + 1])
        }
        for p in paragraphs(ofForm: index).prefix(12) {
            let t = TextNormalizer.normalize(p.text)
            guard let label = labels.first(where: { t.hasPrefix($0) }) else { continue }
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

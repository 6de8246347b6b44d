extension Document {
    /// True when the layout wraps prose and table cells across lines, so consecutive lines
    /// are parts of one text (PDF text extracted with `pdftotext -layout`). Decided here, and
    /// only here, from the layout the reader recognised; other layouts end a paragraph where
    /// its text ends.
    public var linesWrap: Bool { format == "pdf-text" }

    /// Where the document begins: line 1 for inputs with lines, the file for Office inputs.
    public var startLocation: SourceLocation {
        let first = blocks.lazy.map { block -> SourceLocation in
            switch block {
            case .paragraph(let p): return p.location
            case .table(let t): return t.location
            }
        }.first
        let hasLines = first.map { $0.line != nil } ?? !["docx", "xlsx"].contains(format)
        return SourceLocation(file: path, line: hasLines ? 1 : nil, column: hasLines ? 1 : nil)
    }
}

/// A paragraph with its place in reading order.
struct PlacedParagraph: Sendable {
    var paragraph: Paragraph
    var position: DocumentPosition
}

/// The one re-joiner of wrapped lines: it groups the narrative's paragraphs into the texts
/// they continue. Where lines wrap, consecutive paragraph blocks are one text until a table
/// or the start of a form interrupts them; elsewhere every paragraph is a text of its own.
enum LineJoiner {
    /// Runs of consecutive indices into `paragraphs` that make one text each.
    static func runs(_ paragraphs: [PlacedParagraph], linesWrap: Bool, formStarts: [DocumentPosition]) -> [Range<Int>] {
        guard linesWrap else { return paragraphs.indices.map { $0..<($0 + 1) } }
        var out: [Range<Int>] = []
        var start = 0
        var nextForm = 0
        for i in paragraphs.indices {
            let position = paragraphs[i].position
            var crossesForm = false
            while nextForm < formStarts.count && formStarts[nextForm] <= position {
                nextForm += 1
                crossesForm = true
            }
            if i > start && (crossesForm || position.block != paragraphs[i - 1].position.block + 1) {
                out.append(start..<i)
                start = i
            }
        }
        if start < paragraphs.count { out.append(start..<paragraphs.count) }
        return out
    }
}

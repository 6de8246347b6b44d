/// Reads decoded text: the line shapes are taken once, the file's host layout follows
/// from their counts (`LayoutProfile`), and each block of lines (`LayoutPlanner`) is read
/// by its own layout into one document, in order.
struct TextLayoutReading {
    let layouts: [any TextLayoutReader]

    init(_ layouts: [any TextLayoutReader]) { self.layouts = layouts }

    func read(_ text: String, path: String) -> Document {
        let lines = TextLines.split(text)
        let shapes = lines.map(LineShape.of)
        let profile = LayoutProfile(shapes[...])
        // The first best layout wins, as `max(by:)` picks it.
        var host: (any TextLayoutReader)?
        var best = Int.min
        for layout in layouts {
            let known = profile.score(format: layout.format)
            // A layout the profile does not know (a caller's own) scores itself.
            let score = Self.builtIn(layout.format) == nil ? layout.score(lines) : known
            if score > best { best = score; host = layout }
        }
        guard let hostReader = host else { return PdfTextReader().read(text: text, path: path) }
        guard let hostLayout = Self.builtIn(hostReader.format), Self.isBuiltIn(hostReader) else {
            return hostReader.read(text: text, path: path)
        }
        let planner = LayoutPlanner(lines: lines, shapes: shapes, host: hostLayout)
        var builder = DocumentBuilder(path: path, format: hostReader.format)
        for block in planner.blocks() {
            // A table never runs on from one layout into the next.
            builder.endTable()
            Self.read(block.layout, lines[block.lines], firstLine: block.lines.lowerBound + 1, into: &builder)
        }
        return builder.build()
    }

    /// One of auditlint's own readers, by concrete type: a cast to the protocol searched the
    /// runtime's conformance tables, a tenth of reading a small report.
    static func isBuiltIn(_ reader: any TextLayoutReader) -> Bool {
        reader is TabCellReader || reader is MarkdownReader || reader is PdfTextReader || reader is WebTextReader || reader is CellStreamReader
    }

    static func builtIn(_ format: String) -> LayoutPlanner.Layout? {
        switch format {
        case TabCellReader.formatName: return .tabCells
        case MarkdownReader.formatName: return .markdown
        case PdfTextReader.formatName: return .pdfText
        case WebTextReader.formatName: return .webText
        case CellStreamReader.formatName: return .cellStream
        default: return nil
        }
    }

    /// Reads one block in its layout (concrete calls, no existential).
    static func read(_ layout: LayoutPlanner.Layout, _ lines: ArraySlice<Substring>, firstLine: Int, into builder: inout DocumentBuilder) {
        switch layout {
        case .tabCells: TabCellReader().read(lines: lines, firstLine: firstLine, into: &builder)
        case .markdown: MarkdownReader().read(lines: lines, firstLine: firstLine, into: &builder)
        case .pdfText: PdfTextReader().read(lines: lines, firstLine: firstLine, into: &builder)
        case .webText: WebTextReader().read(lines: lines, firstLine: firstLine, into: &builder)
        case .cellStream: CellStreamReader().read(lines: lines, firstLine: firstLine, into: &builder)
        }
    }
}

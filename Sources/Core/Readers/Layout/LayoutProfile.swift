/// Counts of line shapes over a file's first lines, from which every text layout's score
/// follows. Made once per file from `LineShape`s, instead of each layout walking the lines.
struct LayoutProfile {
    var tabLines = 0, multiTab = 0
    var headings = 0, innerTabRows = 0, pipeRows = 0
    var webCells = 0, webRowEnds = 0

    /// The lines a score looks at: the first 4,000, as each layout's own scan did.
    static let scoredLines = 4000

    init(_ shapes: ArraySlice<LineShape>) {
        for shape in shapes.prefix(Self.scoredLines) {
            switch shape {
            case .tabLed(let more):
                tabLines += 1
                if more { multiTab += 1 }
            case .tabInner: innerTabRows += 1
            case .heading: headings += 1
            case .pipeRow: pipeRows += 1
            // A row of pipe-separated cells ending in " |" was counted as a web cell before.
            case .webCell, .pipeInner: webCells += 1
            case .webRowEnd: webRowEnds += 1
            case .blank, .pipeOpen, .plain: break
            }
        }
    }

    /// Word text: many single-cell TAB lines.
    var tabCellsScore: Int { tabLines >= 3 && multiTab * 4 < tabLines ? 3 : 0 }

    /// Markdown: pipe rows, or TAB rows beside headings.
    var markdownScore: Int {
        if pipeRows >= 1 { return 4 }
        if innerTabRows >= 2 && (headings >= 1 || innerTabRows >= 5) { return 2 }
        return headings >= 1 ? 1 : 0
    }

    /// Web text: many " |" cells and rows ended by pipe-only lines.
    var webTextScore: Int { webCells >= 4 && webRowEnds >= 1 && webCells >= webRowEnds ? 5 : 0 }

    /// The fallback: any text is at least PDF text.
    var pdfTextScore: Int { 1 }

    /// The score of the layout of this format name (0 for a layout it does not know).
    func score(format: String) -> Int {
        switch format {
        case TabCellReader.formatName: return tabCellsScore
        case MarkdownReader.formatName: return markdownScore
        case WebTextReader.formatName: return webTextScore
        case PdfTextReader.formatName: return pdfTextScore
        default: return 0
        }
    }
}

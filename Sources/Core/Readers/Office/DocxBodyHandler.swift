import Foundation

/// Walks word/document.xml and collects the body's paragraphs and tables in reading order.
final class DocxBodyHandler: OfficeXMLHandler {
    private(set) var blocks: [Block] = []

    private let path: String
    private let headingLevels: [String: Int]

    /// The outermost open table, when its structure is kept; nil when no table is open or the
    /// open one is flattened (inside a text box). Tables nested in its cells are flattened into
    /// its cells' text. A stored optional, mutated in place: a computed property over an array
    /// element would copy the builder (every row so far) on each event, quadratic in the rows.
    private var table: DocxTableBuilder?
    /// How many tables are open (the outermost and those nested in it).
    private var openTables = 0
    private var sawRoot = false
    private var skipDepth = 0
    private var paragraphDepth = 0
    private var paragraphText = ""
    private var paragraphHeading: Int?
    private var runDepth = 0
    private var inText = false
    private var paragraphCount = 0
    private var tableCount = 0

    private let readBudget: ReadBudget

    init(path: String, headingLevels: [String: Int], budget: ReadBudget) {
        self.path = path
        self.headingLevels = headingLevels
        self.readBudget = budget
    }

    /// True when the outermost table is also the innermost: its rows and cells are being built.
    private var buildsStructure: Bool { openTables == 1 && table != nil }

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if !sawRoot {
            sawRoot = true
            guard name == "document", Self.isWord(namespace) else {
                return fail("根元素是“\(name)”而不是 w:document，不是 Word 文档正文")
            }
        }
        if skipDepth > 0 || Self.startsSkippedContent(name, namespace) {
            skipDepth += 1
            return
        }
        if Self.isMath(namespace) {
            if name == "r" { runDepth += 1 } else if name == "t" { inText = true }
            return
        }
        guard Self.isWord(namespace) else { return }
        switch name {
        case "p":
            paragraphDepth += 1
            if paragraphDepth == 1 { paragraphText = ""; paragraphHeading = nil }
        case "pStyle" where paragraphDepth == 1:
            if let style = attributes["val"], let level = headingLevels[style] { paragraphHeading = level }
        case "outlineLvl" where paragraphDepth == 1:
            if let raw = attributes["val"].flatMap(Int.init), (0...8).contains(raw) { paragraphHeading = raw + 1 }
        case "r": runDepth += 1
        case "t": inText = runDepth > 0
        case "tab" where runDepth > 0: append("\t")
        case "br" where runDepth > 0, "cr" where runDepth > 0: append("\n")
        case "noBreakHyphen" where runDepth > 0: append("-")
        case "tbl":
            if openTables == 0 && paragraphDepth == 0 {
                tableCount += 1
                table = DocxTableBuilder(path: path, index: tableCount, budget: readBudget)
            }
            openTables += 1
        case "tr" where buildsStructure: table?.startRow()
        case "gridBefore" where buildsStructure: table?.skipColumns(Self.intValue(attributes) ?? 0)
        case "tc" where buildsStructure: table?.startCell()
        case "gridSpan" where buildsStructure: table?.setSpan(Self.intValue(attributes) ?? 1)
        case "vMerge" where buildsStructure: table?.setVerticalMerge(restart: attributes["val"] == "restart")
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        if skipDepth > 0 {
            skipDepth -= 1
            return
        }
        if Self.isMath(namespace) {
            if name == "r" { runDepth -= 1 } else if name == "t" { inText = false }
            return
        }
        guard Self.isWord(namespace) else { return }
        switch name {
        case "p": endParagraph()
        case "r": runDepth -= 1
        case "t": inText = false
        case "tc" where buildsStructure:
            if let exceeded = table?.endCell() { fail(exceeded) }
        case "tr" where buildsStructure:
            if let exceeded = table?.endRow() { fail(exceeded) }
        case "tbl" where openTables > 0:
            openTables -= 1
            if openTables == 0, let builder = table {
                blocks.append(.table(builder.table()))
                table = nil
            }
        default: break
        }
    }

    override func characters(_ text: String) {
        if inText, skipDepth == 0 { append(text) }
    }

    private func append(_ text: String) {
        if paragraphDepth > 0 { paragraphText += text }
    }

    private func endParagraph() {
        paragraphDepth -= 1
        // A paragraph inside a text box continues its anchor paragraph on a new line.
        if paragraphDepth > 0 {
            if !paragraphText.isEmpty, !paragraphText.hasSuffix("\n") { paragraphText += "\n" }
            return
        }
        var text = paragraphText
        while text.hasSuffix("\n") { text.removeLast() }
        paragraphText = ""
        if openTables == 0 {
            guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return }
            if let exceeded = readBudget.spendCharacters(text.utf8.count) { return fail(exceeded) }
            paragraphCount += 1
            blocks.append(.paragraph(Paragraph(text: text, location: SourceLocation(file: path, paragraph: paragraphCount),
                                               headingLevel: paragraphHeading)))
        } else {
            table?.addParagraph(text)
        }
    }

    private static func intValue(_ attributes: [String: String]) -> Int? {
        attributes["val"].flatMap(Int.init)
    }

    private static func isWord(_ namespace: String?) -> Bool {
        guard let namespace else { return false }
        return namespace.hasSuffix("wordprocessingml/2006/main") || namespace.hasSuffix("wordprocessingml/main")
    }

    private static func isMath(_ namespace: String?) -> Bool {
        namespace?.hasSuffix("officeDocument/2006/math") == true || namespace?.hasSuffix("officeDocument/math") == true
    }

    /// Content Word does not show: the fallback copy of alternate content (it duplicates the
    /// text box text) and text moved away under tracked changes.
    private static func startsSkippedContent(_ name: String, _ namespace: String?) -> Bool {
        if name == "Fallback", namespace?.contains("markup-compatibility") == true { return true }
        return name == "moveFrom" && isWord(namespace)
    }
}

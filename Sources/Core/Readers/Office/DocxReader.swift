import Foundation

/// Reads a Word document (.docx): the body's paragraphs and tables in reading order.
///
/// Tables keep one `Cell` per Word cell: a cell spanning several grid columns (`w:gridSpan`)
/// appears once, located at the grid column where it starts, so labels are not doubled.
/// A cell merged down several rows (`w:vMerge`) repeats its text in every row it spans,
/// so a 一级指标 label applies to each indicator row. Nested tables are flattened into
/// the text of their cell. Empty paragraphs outside tables are skipped.
public struct DocxReader: DocumentReader {
    public let format = "docx"
    /// Ceilings against ZIP bombs.
    public var limits: ZipLimits

    public init(limits: ZipLimits = .default) {
        self.limits = limits
    }

    public func read(_ data: Data, path: String) throws -> Document {
        let package = try OfficePackage(data, path: path, kind: format, limits: limits)
        let documentPart = try package.rootPart(ofType: "officeDocument") ?? "word/document.xml"

        let styles = DocxStylesHandler()
        let stylesPart = try package.relationships(of: documentPart)
            .first { $0.type.hasSuffix("/styles") }?.target ?? "word/styles.xml"
        if let data = try package.optionalPart(stylesPart) {
            try package.parse(stylesPart, data: data, with: styles)
        }

        let body = DocxBodyHandler(path: path, headingLevels: styles.headingLevels)
        try package.parse(documentPart, with: body)
        return Document(path: path, format: format, blocks: body.blocks)
    }
}

/// Which paragraph styles are headings, from word/styles.xml. Style ids are localised
/// ("1" for 标题 1 in Chinese Word), so the level comes from the style name or its outline level.
final class DocxStylesHandler: OfficeXMLHandler {
    private(set) var headingLevels: [String: Int] = [:]
    private var styleID: String?
    private var inParagraphProperties = false

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "style":
            styleID = attributes["type"] == "paragraph" ? attributes["styleId"] : nil
        case "name":
            guard let id = styleID, let styleName = attributes["val"] else { return }
            if let level = Self.level(fromName: styleName) { headingLevels[id] = level }
        case "pPr": inParagraphProperties = true
        case "outlineLvl" where inParagraphProperties:
            guard let id = styleID, let raw = attributes["val"].flatMap(Int.init), (0...8).contains(raw) else { return }
            if headingLevels[id] == nil { headingLevels[id] = raw + 1 }
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        switch name {
        case "style": styleID = nil
        case "pPr": inParagraphProperties = false
        default: break
        }
    }

    /// "heading 2" / "Heading2" / "标题 2" → 2.
    static func level(fromName name: String) -> Int? {
        let lower = name.lowercased().replacingOccurrences(of: " ", with: "")
        for prefix in ["heading", "标题"] where lower.hasPrefix(prefix) {
            if let n = Int(lower.dropFirst(prefix.count)), (1...9).contains(n) { return n }
        }
        return nil
    }
}

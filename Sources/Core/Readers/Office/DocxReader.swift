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
        try read(data, path: path, budget: ReadBudget(ResourceLimits()))
    }

    /// Reads with `budget`, shared with whatever else the file costs.
    public func read(_ data: Data, path: String, budget: ReadBudget) throws -> Document {
        let package = try OfficePackage(data, path: path, kind: format, limits: limits, budget: budget)
        let documentPart = try package.rootPart(ofType: "officeDocument") ?? "word/document.xml"

        let stylesPart = try package.relationships(of: documentPart)
            .first { $0.type.hasSuffix("/styles") }?.target ?? "word/styles.xml"
        var headingLevels: [String: Int] = [:]
        if let data = try package.optionalPart(stylesPart) {
            headingLevels = try DocxStylesCache.shared.headingLevels(of: data) {
                let styles = DocxStylesHandler()
                try package.parse(stylesPart, data: data, with: styles)
                return styles.headingLevels
            }
        }

        let body = DocxBodyHandler(path: path, headingLevels: headingLevels, budget: budget)
        try package.parse(documentPart, with: body)
        return Document(path: path, format: format, blocks: body.blocks)
    }
}

/// The heading levels of the last few distinct styles parts read, keyed by the part's bytes.
///
/// Documents made from one template carry the same `styles.xml` (often ten times the size of
/// the text), and parsing it was most of the time of reading such a document. A hit needs the
/// bytes to be equal, so it returns exactly what parsing them would; failures are not kept.
final class DocxStylesCache: @unchecked Sendable {
    static let shared = DocxStylesCache()
    private static let capacity = 8
    private let lock = NSLock()
    private var entries: [(data: Data, levels: [String: Int])] = []

    func headingLevels(of data: Data, parse: () throws -> [String: Int]) throws -> [String: Int] {
        lock.lock()
        if let hit = entries.first(where: { $0.data == data }) { lock.unlock(); return hit.levels }
        lock.unlock()
        let levels = try parse()
        lock.lock()
        if !entries.contains(where: { $0.data == data }) {
            if entries.count == Self.capacity { entries.removeFirst() }
            entries.append((data, levels))
        }
        lock.unlock()
        return levels
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

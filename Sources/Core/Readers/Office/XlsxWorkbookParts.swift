import Foundation

/// The sheets listed in xl/workbook.xml, in tab order, and the workbook's date system.
final class XlsxWorkbookHandler: OfficeXMLHandler {
    struct SheetRef: Equatable {
        var name: String
        var relationshipID: String
    }

    private(set) var sheets: [SheetRef] = []
    private(set) var date1904 = false
    private var sawRoot = false

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        if !sawRoot {
            sawRoot = true
            guard name == "workbook" else { return fail("根元素是“\(name)”而不是 workbook，不是 Excel 工作簿") }
        }
        switch name {
        case "sheet":
            sheets.append(SheetRef(name: attributes["name"] ?? "Sheet\(sheets.count + 1)",
                                   relationshipID: attributes["id"] ?? ""))
        case "workbookPr":
            date1904 = ["1", "true"].contains(attributes["date1904"]?.lowercased() ?? "")
        default:
            break
        }
    }
}

/// The shared string table: one string per `<si>`, rich-text runs concatenated,
/// phonetic guides (`<rPh>`) left out because Excel does not print them.
final class XlsxSharedStringsHandler: OfficeXMLHandler {
    private(set) var strings: [String] = []
    private var current: String?
    private var inText = false
    private var phoneticDepth = 0

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "si": current = ""
        case "rPh": phoneticDepth += 1
        case "t": inText = current != nil && phoneticDepth == 0
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        switch name {
        case "si":
            strings.append(current ?? "")
            current = nil
        case "rPh": phoneticDepth -= 1
        case "t": inText = false
        default: break
        }
    }

    override func characters(_ text: String) {
        if inText { current? += text }
    }
}

/// The number format of every cell style (`cellXfs`), from xl/styles.xml.
final class XlsxStylesHandler: OfficeXMLHandler {
    private var customCodes: [Int: String] = [:]
    private var styleFormatIDs: [Int] = []
    private var inCellXfs = false
    /// The longest number format code Excel accepts.
    static let maxCodeLength = 255

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "numFmt":
            if let id = attributes["numFmtId"].flatMap(Int.init), let code = attributes["formatCode"] {
                // Excel itself accepts at most 255 characters; a longer code is a hostile file whose
                // literal would be printed into every cell of the style.
                guard code.count <= Self.maxCodeLength else {
                    return fail("数字格式 \(id) 长 \(code.count) 个字符，超过 Excel 的 \(Self.maxCodeLength) 字符上限（文件可能被恶意构造）")
                }
                customCodes[id] = code
            }
        case "cellXfs": inCellXfs = true
        case "xf" where inCellXfs:
            styleFormatIDs.append(attributes["numFmtId"].flatMap(Int.init) ?? 0)
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        if name == "cellXfs" { inCellXfs = false }
    }

    /// The formats by cell style index (the `s` attribute of a cell).
    func formats() -> [ExcelNumberFormat] {
        var cache: [Int: ExcelNumberFormat] = [:]
        return styleFormatIDs.map { id in
            if let cached = cache[id] { return cached }
            let code = customCodes[id] ?? ExcelNumberFormat.builtinCode(id) ?? "General"
            let format = ExcelNumberFormat(code: code)
            cache[id] = format
            return format
        }
    }
}

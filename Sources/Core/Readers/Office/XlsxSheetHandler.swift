import Foundation

/// Reads one worksheet part: every non-empty cell as printed text, and the merged ranges.
final class XlsxSheetHandler: OfficeXMLHandler {
    /// Printed text of the cells that have any, by position.
    private(set) var cells: [XlsxCellPosition: String] = [:]
    private(set) var merges: [XlsxMergedRange] = []

    private let sharedStrings: [String]
    private let formats: [ExcelNumberFormat]
    private let date1904: Bool
    private let maxCells: Int
    private let sheetName: String

    private var rowNumber = 0
    private var columnNumber = 0
    private var cell: PendingCell?
    private var collecting: Collecting = .nothing
    private var phoneticDepth = 0

    private enum Collecting { case nothing, value, inlineText }

    /// A `<c>` element being read.
    private struct PendingCell {
        var position: XlsxCellPosition
        var type: String
        var style: Int
        var value = ""
        var inlineText = ""
        var inInlineString = false
    }

    init(sharedStrings: [String], formats: [ExcelNumberFormat], date1904: Bool, maxCells: Int, sheetName: String) {
        self.sharedStrings = sharedStrings
        self.formats = formats
        self.date1904 = date1904
        self.maxCells = maxCells
        self.sheetName = sheetName
    }

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        switch name {
        case "row":
            // Rows and cells may omit "r"; they then follow the previous one.
            rowNumber = attributes["r"].flatMap(Int.init) ?? rowNumber + 1
            columnNumber = 0
            guard (1...XlsxCellPosition.maxRow).contains(rowNumber) else {
                return fail("工作表“\(sheetName)”的行号 \(rowNumber) 超出范围")
            }
        case "c":
            let position: XlsxCellPosition
            if let ref = attributes["r"] {
                guard let parsed = XlsxCellPosition(reference: ref) else {
                    return fail("工作表“\(sheetName)”的单元格引用“\(ref)”无效")
                }
                position = parsed
            } else {
                position = XlsxCellPosition(row: max(rowNumber, 1), column: columnNumber + 1)
            }
            columnNumber = position.column
            cell = PendingCell(position: position, type: attributes["t"] ?? "n",
                               style: attributes["s"].flatMap(Int.init) ?? 0)
        case "v": collecting = cell == nil ? .nothing : .value
        case "is": cell?.inInlineString = true
        case "rPh": phoneticDepth += 1
        case "t":
            if cell?.inInlineString == true, phoneticDepth == 0 { collecting = .inlineText }
        case "mergeCell":
            if let ref = attributes["ref"], let range = XlsxMergedRange(reference: ref) { merges.append(range) }
        default: break
        }
    }

    override func end(_ name: String, namespace: String?) {
        switch name {
        case "v", "t": collecting = .nothing
        case "is": cell?.inInlineString = false
        case "rPh": phoneticDepth -= 1
        case "c":
            if let finished = cell { store(finished) }
            cell = nil
        default: break
        }
    }

    override func characters(_ text: String) {
        switch collecting {
        case .value: cell?.value += text
        case .inlineText: cell?.inlineText += text
        case .nothing: break
        }
    }

    private func store(_ pending: PendingCell) {
        guard let text = printed(pending), !text.isEmpty else { return }
        cells[pending.position] = text
        if cells.count > maxCells {
            fail("工作表“\(sheetName)”的单元格数超过上限 \(maxCells)")
        }
    }

    /// The cell's text as Excel prints it; nil after a failure.
    private func printed(_ c: PendingCell) -> String? {
        switch c.type {
        case "s":
            guard let index = Int(c.value.trimmingCharacters(in: .whitespaces)),
                  sharedStrings.indices.contains(index) else {
                fail("工作表“\(sheetName)”单元格 \(c.position.reference) 引用了不存在的共享字符串“\(c.value)”")
                return nil
            }
            return sharedStrings[index]
        case "inlineStr": return c.inlineText
        case "b": return c.value.trimmingCharacters(in: .whitespaces) == "1" ? "TRUE" : "FALSE"
        case "str", "e", "d": return c.value
        default:
            guard !c.value.isEmpty else { return "" }
            guard let number = DecimalText.parse(c.value) else { return c.value }
            let format = formats.indices.contains(c.style) ? formats[c.style] : .general
            return format.format(number, date1904: date1904)
        }
    }
}

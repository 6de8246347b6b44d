/// Where a cell, paragraph or finding sits in its source file.
///
/// Text inputs carry `line`/`column` (1-based). Office inputs carry a table or
/// sheet position instead; every input may carry both.
public struct SourceLocation: Codable, Hashable, Sendable {
    /// The path as given on the command line (relative paths stay relative).
    public var file: String
    /// 1-based line of a text input.
    public var line: Int?
    /// 1-based column (in characters) of a text input.
    public var column: Int?
    /// 1-based page of a paginated input (PDF).
    public var page: Int?
    /// 1-based index of the table in the document.
    public var table: Int?
    /// 1-based row within the table.
    public var row: Int?
    /// 1-based column within the table row.
    public var cell: Int?
    /// 1-based index of a narrative paragraph.
    public var paragraph: Int?
    /// Worksheet name for spreadsheets.
    public var sheet: String?
    /// A1-style cell reference for spreadsheets ("H4").
    public var cellRef: String?

    public init(file: String, line: Int? = nil, column: Int? = nil, table: Int? = nil, row: Int? = nil,
                cell: Int? = nil, paragraph: Int? = nil, sheet: String? = nil, cellRef: String? = nil, page: Int? = nil) {
        self.file = file; self.line = line; self.column = column; self.page = page; self.table = table; self.row = row
        self.cell = cell; self.paragraph = paragraph; self.sheet = sheet; self.cellRef = cellRef
    }

    /// True when the location points at a line of a text file.
    public var hasTextPosition: Bool { line != nil }

    /// A short zh-CN name of the place, for inputs without lines:
    /// "Sheet1!H4" or "第7页 表2 第14行 第7列" or "第3段".
    public var logicalName: String? {
        if let sheet, let cellRef { return "\(sheet)!\(cellRef)" }
        let pagePrefix = page.map { "第\($0)页" }
        if let table {
            var s = (pagePrefix.map { $0 + " " } ?? "") + "表\(table)"
            if let row { s += " 第\(row)行" }
            if let cell { s += " 第\(cell)列" }
            return s
        }
        if let paragraph { return (pagePrefix.map { $0 + " " } ?? "") + "第\(paragraph)段" }
        return pagePrefix
    }

    /// "path:line:col" for text inputs, "path: 表2 第14行 第7列" otherwise.
    public var display: String {
        if let line { return "\(file):\(line):\(column ?? 1)" }
        if let name = logicalName { return "\(file): \(name)" }
        return file
    }
}

extension CodingUserInfoKey {
    /// The path of the JSON model being read: its locations are placed in that file, whatever
    /// `file` they carry, and their numbers are held to a range arithmetic cannot overflow.
    public static let modelPath = CodingUserInfoKey(rawValue: "auditlint.modelPath")!
}

extension SourceLocation {
    private enum CodingKeys: String, CodingKey { case file, line, column, page, table, row, cell, paragraph, sheet, cellRef }

    /// The largest line, column or index a model may give: checks add offsets to these numbers.
    public static let maxPosition = Int(Int32.max)

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let model = decoder.userInfo[.modelPath] as? String
        func position(_ key: CodingKeys) throws -> Int? {
            guard let n = try c.decodeIfPresent(Int.self, forKey: key) else { return nil }
            if model != nil && !(1...Self.maxPosition).contains(n) {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "\(key.stringValue) 为 \(n)，应在 1 到 \(Self.maxPosition) 之间")
            }
            return n
        }
        // A model describes the file being linted; it cannot place findings in another file.
        let file = try model ?? c.decode(String.self, forKey: .file)
        self.init(file: file, line: try position(.line), column: try position(.column), table: try position(.table),
                  row: try position(.row), cell: try position(.cell), paragraph: try position(.paragraph),
                  sheet: try c.decodeIfPresent(String.self, forKey: .sheet), cellRef: try c.decodeIfPresent(String.self, forKey: .cellRef),
                  page: try position(.page))
    }
}

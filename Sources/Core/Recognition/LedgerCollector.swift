import Foundation

/// Recognises ledger tables: labelled amounts whose rows nest by 科目编码
/// (215 → 21505 → 2150501, 301 → 30101) or by numbering and indentation
/// ("三公经费" → "1、公务用车购置和维护经费" → "其中：公车购置").
struct LedgerCollector {
    struct Header {
        /// Index of the label column.
        var labelIndex: Int
        /// Indices of code columns (类/款/项 or 科目编码), left of the label.
        var codeIndices: [Int]
        /// Amount column names, right of the label.
        var columns: [String]
        /// The header is the 基础数据表's "经费控制情况" row, whose rows nest by their labels.
        var isSectionLedger = false
    }

    /// Top-level lines of the 基础数据表's 经费控制情况 part.
    static let topLevelLabels: Set<String> = ["三公经费", "项目支出", "公用经费", "基本支出", "人员经费", "政府采购金额", "部门基本支出预算调整", "合计", "总计"]

    private let title: String
    private let header: Header
    private let location: SourceLocation
    private var rows: [LedgerRow] = []
    private var lastCodeParts: [String] = []
    // Nesting state of label-structured ledgers.
    private var section: Int?
    private var lastNumbered: Int?
    private var partialParent: Int?
    private var partialIndent = 0
    /// A label row showed how rows nest (list numbering, "其中", indentation). Without any such
    /// mark a table of names (a budget table printed without its codes) says nothing about
    /// which row is whose part, and no parent is inferred.
    private var sawStructure = false

    init(title: String, header: Header, location: SourceLocation) {
        self.title = title
        self.header = header
        self.location = location
    }

    var columns: [String] { header.columns }

    /// A ledger header: a 科目 header ("功能科目", "经济科目名称") or the
    /// 基础数据表's "经费控制情况（万元）" row.
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    static func header(_ row: Row, keys: [String], vocabulary: Vocabulary) -> Header? {
        let texts = row.cells.map(\.compact)
        if let i = keys.firstIndex(where: { vocabulary.matches(.subjectName, key: $0) }) {
            let codes = (0..<i).filter { keys[$0].isEmpty || vocabulary.matches(.subjectCode, key: keys[$0]) }
            // A second classification's code and name columns (政府经济科目编码, 政府经济科目名称)
            // beside the first name no amounts.
            var first = i + 1
            while first < keys.count, first - i <= 3, !keys[first].isEmpty,
                  vocabulary.matches(.subjectCode, key: keys[first]) || vocabulary.matches(.subjectName, key: keys[first]) { first += 1 }
            return Header(labelIndex: i, codeIndices: codes, columns: texts[min(first, texts.count)...].map { $0 })
        }
        if let i = keys.firstIndex(where: { vocabulary.matches(.ledgerSection, key: $0) }) {
            return Header(labelIndex: i, codeIndices: [], columns: texts[(i + 1)...].map { $0 }, isSectionLedger: true)
        }
        return nil
    }

    /// A budget table's header with one label column ("项目", "项目名称") and amount columns after
    /// it, without 科目 columns: read as a table of names, kept flat.
    /// - Parameter keys: `HeaderKey.keys(of: row)`.
    static func itemHeader(_ row: Row, keys: [String], vocabulary: Vocabulary) -> Header? {
        guard !row.cells.contains(where: { $0.number != nil }),
              !keys.contains(where: { vocabulary.matches(.subjectCode, key: $0) || vocabulary.matches(.subjectName, key: $0) }) else { return nil }
        let labels = keys.indices.filter { vocabulary.matches(.itemLabel, key: keys[$0]) }
        // Nothing named left of the label (a 序号 column makes it a list, not amounts), and an
        // amount column right of it.
        guard labels.count == 1, let i = labels.first, i + 1 < keys.count, keys[..<i].allSatisfy(\.isEmpty),
              keys[(i + 1)...].contains(where: { vocabulary.matches(.amountColumn, key: $0) }) else { return nil }
        // "项目名称 | ⏎ | 金额": the label header spans a category column and the item column; the
        // items stand in the last column before the first amount column.
        guard let firstAmount = keys.indices.first(where: { $0 > i && vocabulary.matches(.amountColumn, key: keys[$0]) }),
              keys[(i + 1)..<firstAmount].allSatisfy(\.isEmpty) else { return nil }
        let label = firstAmount - 1
        return Header(labelIndex: label, codeIndices: [], columns: row.cells[(label + 1)...].map(\.compact))
    }

    /// Adds a row; false when the ledger has ended.
    mutating func add(_ row: Row) -> Bool {
        let cells = row.cells
        guard header.labelIndex < cells.count else { return !row.isBlank ? false : true }
        let labelCell = cells[header.labelIndex]
        let label = TextNormalizer.label(labelCell.text)
        if label.hasPrefix("楼堂馆所") || label.hasPrefix("厉行节约") || label.hasPrefix("财政供养") { return false }
        if row.isBlank { return true }
        // Column-number rows ("** ** ** ** 1 2 3") and sub-headers carry no amounts.
        if cells.allSatisfy({ $0.compact.isEmpty || $0.compact == "**" || $0.compact.allSatisfy(\.isNumber) && $0.compact.count <= 2 }) { return true }
        let values: [Value?] = (0..<header.columns.count).map { k in
            let i = header.labelIndex + 1 + k
            return i < cells.count ? Value(cells[i]) : nil
        }
        if label.isEmpty && values.allSatisfy({ $0 == nil || $0!.number == nil }) { return true }
        if !header.codeIndices.isEmpty {
            addCoded(row, label: label, labelCell: labelCell, values: values)
        } else {
            addLabelled(labelCell: labelCell, label: label, values: values)
        }
        return true
    }

    private mutating func addCoded(_ row: Row, label: String, labelCell: Cell, values: [Value?]) {
        var parts = header.codeIndices.map { $0 < row.cells.count ? row.cells[$0].compact : "" }
        let codeText = parts.joined()
        if label == "合计" || label == "总计" || (codeText.isEmpty && label.hasSuffix("合计")) {
            rows.append(LedgerRow(label: label, location: labelCell.location, values: values, isTotal: true))
            return
        }
        guard !codeText.isEmpty, codeText.allSatisfy(\.isNumber) else {
            rows.append(LedgerRow(label: label, location: labelCell.location, values: values))
            return
        }
        // "→05→→工业和信息产业监管": a blank 类 means the 类 of the rows above.
        if parts.count > 1 {
            for k in parts.indices where parts[k].isEmpty && parts[(k + 1)...].contains(where: { !$0.isEmpty }) {
                if k < lastCodeParts.count { parts[k] = lastCodeParts[k] }
            }
        }
        lastCodeParts = parts
        let code = parts.joined()
        let parent = rows.indices.reversed().first { i in
            guard let c = rows[i].code else { return false }
            return c.count < code.count && code.hasPrefix(c)
        }
        rows.append(LedgerRow(label: label, code: code, location: labelCell.location, values: values, parent: parent))
    }

    private mutating func addLabelled(labelCell: Cell, label: String, values: [Value?]) {
        // Only text with an ideographic space needs Foundation's replacement.
        let text = labelCell.text
        let widened = text.unicodeScalars.contains("\u{3000}") ? text.replacingOccurrences(of: "\u{3000}", with: "  ") : text
        let raw = TextNormalizer.normalize(widened)
        let indent = labelCell.text.prefix { $0 == " " || $0 == "\u{3000}" }.reduce(0) { $0 + ($1 == " " ? 1 : 2) }
        let compact = TextNormalizer.compact(raw)
        let numbered = TextPatterns.hasNumberPrefix(compact)
        let qizhong = compact.hasPrefix("其中")
        if numbered || qizhong || indent > 0 || compact.hasPrefix("（") && TextPatterns.hasNumberPrefix(label) { sawStructure = true }
        let index = rows.count
        var parent: Int?
        var partial = false
        if LedgerCollector.topLevelLabels.contains(label) || section == nil {
            section = index; lastNumbered = nil; partialParent = nil
        } else if qizhong {
            parent = index - 1; partial = true
            partialParent = index - 1; partialIndent = indent
        } else if let pp = partialParent, !numbered, indent > 0 && indent + 2 >= partialIndent || indent == 0 && partialIndent == 0 {
            parent = pp; partial = true
        } else if numbered {
            parent = section; lastNumbered = index; partialParent = nil
        } else {
            parent = lastNumbered ?? section; partialParent = nil
        }
        rows.append(LedgerRow(label: label, location: labelCell.location, values: values, parent: parent, partial: partial))
    }

    func build() -> LedgerTable? {
        // Label nesting is known for the 基础数据表's 经费控制情况 part (its top-level lines, then
        // numbered items and 其中 lists); other tables of names are kept flat.
        if (!sawStructure || !header.isSectionLedger) && header.codeIndices.isEmpty {
            var flat: [LedgerRow] = []
            for var r in rows {
                r.parent = nil; r.partial = false
                // Amounts printed a line below their label (a tall row, its text centred) belong to it.
                if r.label.isEmpty, let last = flat.last, !last.label.isEmpty, !last.values.contains(where: { $0?.number != nil }),
                   r.values.contains(where: { $0?.number != nil }) {
                    flat[flat.count - 1].values = r.values
                    continue
                }
                flat.append(r)
            }
            guard flat.count >= 2 else { return nil }
            return LedgerTable(title: title, location: location, columns: header.columns, rows: flat)
        }
        guard rows.contains(where: { $0.parent != nil || $0.isTotal }) else { return nil }
        return LedgerTable(title: title, location: location, columns: header.columns, rows: rows)
    }
}

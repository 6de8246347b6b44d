/// Splits cells that print a funding row's label and its amount together
/// ("年度资金总额：2,134.87", "其中：财政拨款:1,384.87") into the label cell and the value
/// cell the collectors expect, so such templates read like the ones with two cells.
enum LabelValueCells {
    /// The row labels whose value may share their cell.
    static let terms: [Term] = [.fundingTotal, .currentAppropriation, .carryOver, .otherFunds]

    /// The row with every such cell split in two (the same row when there is none).
    static func split(_ row: Row, vocabulary: Vocabulary) -> Row {
        guard row.cells.contains(where: { $0.text.unicodeScalars.contains(where: { $0 == "：" || $0 == ":" }) }) else { return row }
        var cells: [Cell] = []
        var changed = false
        for c in row.cells {
            if let (label, value) = pair(c.text, vocabulary: vocabulary) {
                cells.append(Cell(text: label, location: c.location))
                cells.append(Cell(text: value, location: c.location))
                changed = true
            } else {
                cells.append(c)
            }
        }
        return changed ? Row(cells: cells, location: row.location) : row
    }

    /// ("年度资金总额", "2,134.87") for "年度资金总额：2,134.87"; nil unless the label is one of `terms`
    /// and the rest is an amount or a placeholder.
    static func pair(_ text: String, vocabulary: Vocabulary) -> (String, String)? {
        guard text.utf8.count <= 120 else { return nil }
        let scalars = Array(text.unicodeScalars)
        // The last colon: "其中：财政拨款：1,384.87" keeps its 其中 with the label.
        guard let colon = scalars.lastIndex(where: { $0 == "：" || $0 == ":" }), colon + 1 < scalars.count else { return nil }
        let label = String(String.UnicodeScalarView(scalars[..<colon]))
        let value = TextNormalizer.trim(String(String.UnicodeScalarView(scalars[(colon + 1)...])))
        guard !value.isEmpty, PrintedNumber.parse(value) != nil || Placeholder.isMark(value) else { return nil }
        let key = HeaderKey.normalize(label)
        guard terms.contains(where: { vocabulary.matches($0, key: key) }) else { return nil }
        return (TextNormalizer.trim(label), value)
    }
}

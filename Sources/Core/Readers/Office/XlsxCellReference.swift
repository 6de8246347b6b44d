/// A 1-based cell position in a worksheet.
struct XlsxCellPosition: Hashable, Comparable {
    var row: Int
    var column: Int

    static let maxRow = 1_048_576
    static let maxColumn = 16_384

    /// Parses "H4"; nil for anything outside the sheet's 1,048,576 × 16,384 grid.
    init?(reference: String) {
        var column = 0, row = 0
        var sawDigit = false
        for scalar in reference.unicodeScalars {
            switch scalar {
            case "A"..."Z", "a"..."z":
                guard !sawDigit else { return nil }
                let base: UInt32 = scalar.value >= 97 ? 96 : 64
                column = column * 26 + Int(scalar.value - base)
                if column > Self.maxColumn { return nil }
            case "0"..."9":
                sawDigit = true
                row = row * 10 + Int(scalar.value - 48)
                if row > Self.maxRow { return nil }
            case "$":
                continue
            default:
                return nil
            }
        }
        guard column >= 1, row >= 1 else { return nil }
        self.init(row: row, column: column)
    }

    init(row: Int, column: Int) {
        self.row = row
        self.column = column
    }

    /// "H4".
    var reference: String { Self.columnName(column) + String(row) }

    /// 1 → "A", 27 → "AA".
    static func columnName(_ column: Int) -> String {
        var n = column
        var letters: [Character] = []
        while n > 0 {
            let r = (n - 1) % 26
            letters.append(Character(UnicodeScalar(UInt8(65 + r))))
            n = (n - 1) / 26
        }
        return String(letters.reversed())
    }

    static func < (a: Self, b: Self) -> Bool { (a.row, a.column) < (b.row, b.column) }
}

/// A merged range ("A3:A9"), corners normalised so `first` is the top-left.
struct XlsxMergedRange: Hashable {
    var first: XlsxCellPosition
    var last: XlsxCellPosition

    init?(reference: String) {
        let parts = reference.split(separator: ":")
        guard parts.count == 2,
              let a = XlsxCellPosition(reference: String(parts[0])),
              let b = XlsxCellPosition(reference: String(parts[1])) else { return nil }
        first = XlsxCellPosition(row: min(a.row, b.row), column: min(a.column, b.column))
        last = XlsxCellPosition(row: max(a.row, b.row), column: max(a.column, b.column))
    }

    func contains(_ position: XlsxCellPosition) -> Bool {
        (first.row...last.row).contains(position.row) && (first.column...last.column).contains(position.column)
    }
}

/// One line of `pdftotext -layout` text cut into fragments at its column gaps, each with the
/// display columns it takes (a CJK character is two columns wide, as pdftotext pads them).
struct LayoutLine {
    /// Text between column gaps.
    struct Fragment {
        var text: String
        /// Display columns, 0-based, end exclusive.
        var start: Int
        var end: Int
        /// 1-based scalar column of its first character (the location users see).
        var column: Int
        var isNumber: Bool
        var center: Int { (start + end) / 2 }
    }

    let number: Int
    let text: Substring
    let fragments: [Fragment]
    /// Gaps of two or more columns between fragments: the mark of a -layout row.
    let wideGaps: Int

    /// A gap this wide separates cells; a single space separates words of one cell, except
    /// between two numbers or beside an amount ("82,096,797.42 82,096,797.42", "27,664.22 一、基本支出").
    static let columnGap = 2

    init(_ text: Substring, number: Int) {
        self.number = number
        self.text = text
        var tokens: [(text: String, start: Int, end: Int, column: Int, gap: Int)] = []
        var x = 0, col = 1, gap = 0
        var current = "", start = 0, startCol = 1
        var inToken = false
        for u in text.unicodeScalars {
            let w = DisplayWidth.of(u)
            if u == " " || u == "\t" || u == "\u{3000}" || u == "\u{0C}" {
                if inToken {
                    tokens.append((current, start, x, startCol, gap))
                    current = ""
                    inToken = false
                    gap = 0
                }
                gap += u == "\t" ? 2 : w
            } else {
                if !inToken { inToken = true; start = x; startCol = col }
                current.unicodeScalars.append(u)
            }
            x += w
            col += 1
        }
        if inToken { tokens.append((current, start, x, startCol, gap)) }
        var fragments: [Fragment] = []
        var wide = 0
        for (k, t) in tokens.enumerated() {
            let isNumber = t.text.utf8.count <= 32 && PrintedNumber.parse(t.text) != nil
            // "201   13   01 行政运行": the last of a run of codes is a cell, not the start of the name.
            let afterCodes = fragments.count >= 2 && Self.isDigits(fragments[fragments.count - 1].text) && Self.isDigits(fragments[fragments.count - 2].text)
            if k > 0, t.gap < Self.columnGap, let last = fragments.last, !afterCodes,
               !(isNumber && last.isNumber), !Self.isAmount(t.text, isNumber) && !Self.isAmount(last.text, last.isNumber) {
                fragments[fragments.count - 1].text += " " + t.text
                fragments[fragments.count - 1].end = t.end
                fragments[fragments.count - 1].isNumber = false
            } else {
                if k > 0 && t.gap >= Self.columnGap { wide += 1 }
                fragments.append(Fragment(text: t.text, start: t.start, end: t.end, column: t.column, isNumber: isNumber))
            }
        }
        self.fragments = fragments
        self.wideGaps = wide
    }

    /// An amount, not a code or a list number: a number with a thousands comma, decimals or a percent sign.
    static func isAmount(_ text: String, _ isNumber: Bool) -> Bool {
        guard isNumber else { return false }
        if text.contains(",") || text.hasSuffix("%") || text.hasSuffix("％") { return true }
        guard let dot = text.firstIndex(of: ".") else { return false }
        return text[text.index(after: dot)...].first?.isNumber == true
    }

    static func isDigits(_ text: String) -> Bool { !text.isEmpty && text.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }

    var hasNumber: Bool { fragments.contains { $0.isNumber } }

    /// Display width from the first visible character to the last.
    var span: Int { (fragments.last?.end ?? 0) - (fragments.first?.start ?? 0) }
}

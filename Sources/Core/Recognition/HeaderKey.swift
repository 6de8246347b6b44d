/// The form of a header cell or row label that the vocabulary is looked up with.
///
/// Templates print the same header as "全年预算数（万元）", "全年预算数 (万元)",
/// "1、全年预算数：" or "其中：财政拨款". Normalising once, here, means the vocabulary
/// holds each name once instead of every way of writing it.
public enum HeaderKey {
    /// Longer texts are sentences, not headers or labels.
    static let maxScalars = 40

    /// Units a header may carry in brackets after its name.
    static let unitWords: Set<String> = ["万元", "元", "千元", "亿元", "%", "％", "分", "个", "人", "项", "次", "单位:万元", "单位:元",
                                         "单位：万元", "单位：元", "人民币元", "人民币万元"]

    /// The text without spaces, Markdown bold, list prefixes, "其中：", trailing colons
    /// and trailing unit brackets, with full-width letters and digits folded and
    /// brackets made half-width. Empty for texts longer than a header.
    public static func normalize(_ raw: String) -> String {
        normalize(compacted: TextNormalizer.compact(raw))
    }

    /// Every cell's key, in order: a row's header tests (funding, indicator and ledger headers,
    /// funding labels) all read these, so each cell is normalised once per row.
    public static func keys(of row: Row) -> [String] { row.cells.map { normalize(compacted: $0.compact) } }

    /// `normalize` of a text already compacted (a cell's `compact`).
    public static func normalize(compacted compact: String) -> String {
        guard let first = compact.unicodeScalars.first else { return compact }
        // Amounts and long texts are never headers; most cells of a table are one or the other.
        if compact.utf8.count > maxScalars * 4 || first.value >= 0x30 && first.value <= 0x39 && compact.utf8.allSatisfy({ $0 < 0x80 }) { return "" }
        var t = TextNormalizer.normalize(compact)
        if t.unicodeScalars.count > maxScalars { return "" }
        // A byte test, not Foundation's `contains` (an NSString search for every header cell).
        if t.utf8.contains(UInt8(ascii: "*")) { t = t.removingAll("**") }
        if t.unicodeScalars.contains(where: { $0 == "（" || $0 == "）" || $0 == "【" || $0 == "】" || $0 == "［" || $0 == "］" }) {
            var out = String.UnicodeScalarView()
            for u in t.unicodeScalars {
                switch u {
                case "（": out.append("(")
                case "）": out.append(")")
                case "【", "［": out.append("[")
                case "】", "］": out.append("]")
                default: out.append(u)
                }
            }
            t = String(out)
        }
        t = TextPatterns.strippingListPrefixes(t)
        // "全年预算数(万元)", "金额（单位：万元）": the unit says nothing about which field it is.
        while t.hasSuffix(")"), let open = t.lastIndex(of: "(") {
            let inner = String(t[t.index(after: open)..<t.index(before: t.endIndex)])
            guard unitWords.contains(inner) || isFormula(inner), open > t.startIndex else { break }
            t = String(t[..<open])
        }
        while let last = t.unicodeScalars.last, last == ":" || last == "：" { t.unicodeScalars.removeLast() }
        return t
    }

    /// A bracket that says how a column is worked out, not what it is: "(A)", "(B/A)",
    /// "(20分*执行率)", "(A×B)".
    static func isFormula(_ inner: String) -> Bool {
        guard !inner.isEmpty, inner.count <= 12 else { return false }
        if inner.allSatisfy({ $0.isASCII && $0.isUppercase }) { return true }
        return inner.contains { "*×÷/".contains($0) }
    }
}

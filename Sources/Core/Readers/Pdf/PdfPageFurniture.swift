/// Recognises page numbers and running headers/footers, which are not part
/// of the document's text: "- 3 -", "第 3 页", "第3页 共20页", "3/20", or a
/// lone number at the bottom (or top) of a page.
enum PdfPageFurniture {
    /// Share of the page height, from the top and from the bottom, where page numbers sit.
    static let topMargin = 0.09
    static let bottomMargin = 0.14

    /// The lines without the page's furniture.
    static func strip(_ lines: [PdfTextLine], pageHeight: Double) -> [PdfTextLine] {
        guard pageHeight > 0 else { return lines }
        let lowest = lines.map(\.yMin).max() ?? 0
        let highest = lines.map(\.yMax).min() ?? 0
        return lines.filter { line in
            let inTop = line.yMax <= pageHeight * topMargin
            let inBottom = line.yMin >= pageHeight * (1 - bottomMargin)
            guard inTop || inBottom else { return true }
            let text = TextNormalizer.compact(line.text)
            if isPageNumber(text) { return false }
            // A lone number is a page number only at the very edge of the page's text.
            if isLoneNumber(text) && (inBottom && line.yMin >= lowest - 0.5 || inTop && line.yMax <= highest + 0.5) { return false }
            return true
        }
    }

    /// "-3-", "—3—", "第3页", "第3页共20页", "第3页/共20页", "3/20", "Page 3".
    static func isPageNumber(_ s: String) -> Bool {
        let dashes: Set<Character> = ["-", "—", "－", "–", "―", "‐"]
        var t = Substring(s)
        if t.first.map(dashes.contains) == true && t.last.map(dashes.contains) == true {
            t = t.drop { dashes.contains($0) }
            while let l = t.last, dashes.contains(l) { t = t.dropLast() }
            return isLoneNumber(String(t))
        }
        if t.hasPrefix("第") {
            let rest = t.dropFirst()
            let digits = rest.prefix { $0.isASCII && $0.isNumber }
            guard !digits.isEmpty else { return false }
            let tail = rest.dropFirst(digits.count)
            if tail == "页" { return true }
            if tail.hasPrefix("页") {
                let more = tail.dropFirst().drop { $0 == "/" || $0 == "," || $0 == "，" }
                return more.hasPrefix("共") && more.hasSuffix("页") && more.dropFirst().dropLast().allSatisfy { $0.isASCII && $0.isNumber }
            }
            return false
        }
        let parts = t.split(separator: "/", omittingEmptySubsequences: false)
        if parts.count == 2 && parts.allSatisfy({ isLoneNumber(String($0)) }) { return true }
        if t.lowercased().hasPrefix("page") { return isLoneNumber(String(t.dropFirst(4))) }
        return false
    }

    static func isLoneNumber(_ s: String) -> Bool {
        !s.isEmpty && s.count <= 4 && s.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

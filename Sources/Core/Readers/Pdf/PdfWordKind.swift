/// What a word looks like to the table rebuild: an amount, or text.
enum PdfWordKind {
    /// A printed number: "1,097,073.43", "-3.5", "95.91%", "204", "0".
    static func isNumber(_ s: String) -> Bool {
        var digits = 0
        var sawDot = false
        var k = s.unicodeScalars.startIndex
        let scalars = s.unicodeScalars
        if k < scalars.endIndex, scalars[k] == "-" || scalars[k] == "−" { k = scalars.index(after: k) }
        while k < scalars.endIndex {
            let c = scalars[k]
            switch c {
            case "0"..."9": digits += 1
            case ",", "，": if digits == 0 || sawDot { return false }
            case ".": if sawDot || digits == 0 { return false }; sawDot = true
            case "%": return digits > 0 && scalars.index(after: k) == scalars.endIndex
            default: return false
            }
            k = scalars.index(after: k)
        }
        return digits > 0
    }

    /// A cell with no content: "/", "\\", "-", "——", "…" are printed in place of a value
    /// and count as data too, so a row of placeholders is a row, not a wrapped label.
    static func isPlaceholder(_ s: String) -> Bool {
        ["/", "\\", "-", "—", "——", "--", "－", "*", "**", "—— "].contains(s)
    }

    static func isData(_ s: String) -> Bool { isNumber(s) || isPlaceholder(s) }
}

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
        // None is longer than 7 UTF-8 bytes, and none has another canonically equivalent
        // spelling: longer words (most of them) are not compared at all.
        s.utf8.count <= 7 && placeholders.contains(s)
    }

    /// Built once: an array literal in `isPlaceholder` was allocated again for every word.
    private static let placeholders = ["/", "\\", "-", "—", "——", "--", "－", "*", "**", "—— "]

    static func isData(_ s: String) -> Bool { isNumber(s) || isPlaceholder(s) }

    /// True when `next`, printed under `previous` in the same cell, is the rest of a number that
    /// wrapped in a narrow column: "73,360" + ".55", "108,53" + "5.97", "95.91" + "%".
    static func continuesNumber(_ previous: String, _ next: String) -> Bool {
        // A target keeps its comparison sign: "≥92.8" + "3%".
        var previous = Substring(previous)
        while let f = previous.first, "≥≤<>＞＜=＝".contains(f) { previous = previous.dropFirst() }
        let plain = String(previous)
        return continuesPlainNumber(plain, next)
    }

    private static func continuesPlainNumber(_ previous: String, _ next: String) -> Bool {
        guard let last = previous.last, last.isASCII && last.isNumber, isNumber(previous) || previous.hasSuffix(",") else { return false }
        if next == "%" { return true }
        if let first = next.first, first == "." || first == "," { return isNumber(previous + next) }
        // A thousands group cut short ("108,53") is completed by the digits below it.
        if let comma = previous.lastIndex(of: ","), !previous.contains("."), previous.distance(from: comma, to: previous.endIndex) - 1 < 3 {
            return isNumber(previous + next)
        }
        return false
    }
}

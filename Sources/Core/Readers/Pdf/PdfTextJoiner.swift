/// Joins words into text: a space between words, except between two CJK
/// characters set close together, where a space would not have been printed.
enum PdfTextJoiner {
    static func join(_ words: [PdfWord]) -> String {
        var out = ""
        var previous: PdfWord?
        for w in words {
            if let p = previous, needsSpace(p, w) { out += " " }
            out += w.text
            previous = w
        }
        return out
    }

    static func needsSpace(_ a: PdfWord, _ b: PdfWord) -> Bool {
        guard let last = a.text.unicodeScalars.last, let first = b.text.unicodeScalars.first else { return false }
        if isWide(last) && isWide(first) { return b.xMin - a.xMax > 0.6 * min(a.height, b.height) }
        return true
    }

    /// CJK ideographs and full-width punctuation, which are set without spaces.
    static func isWide(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return (0x2E80...0x9FFF).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFF00...0xFFEF).contains(v) || (0x3000...0x303F).contains(v) || (0x2010...0x2027).contains(v)
    }
}

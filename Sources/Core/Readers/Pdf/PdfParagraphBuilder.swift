/// Joins a page's lines outside tables into paragraphs: a line that runs to
/// the right edge of the text continues on the next line unless that line is
/// indented (a new paragraph), set in another size, or far below. Titles,
/// captions and short lines stay paragraphs of their own.
enum PdfParagraphBuilder {
    struct Piece {
        var text: String
        var top: Double
    }

    static func paragraphs(_ lines: [PdfTextLine]) -> [Piece] {
        guard !lines.isEmpty else { return [] }
        let right = lines.map(\.xMax).max() ?? 0
        let left = lines.map(\.xMin).min() ?? 0
        var pieces: [Piece] = []
        var previous: PdfTextLine?
        for line in lines {
            let text = line.text
            if let p = previous, continues(p, line, left: left, right: right), !pieces.isEmpty {
                pieces[pieces.count - 1].text = joinWrapped(pieces[pieces.count - 1].text, text)
            } else {
                pieces.append(Piece(text: text, top: line.yMin))
            }
            previous = line
        }
        return pieces
    }

    static func continues(_ a: PdfTextLine, _ b: PdfTextLine, left: Double, right: Double) -> Bool {
        let h = min(a.height, b.height)
        guard b.yMin - a.yMax <= 0.9 * h, b.yMin >= a.yMax - 0.5 * h else { return false }
        guard max(a.height, b.height) <= 1.2 * h else { return false }
        guard !PdfLineKind.isCaption(a), !PdfLineKind.isCaption(b), !PdfLineKind.isContentsEntry(a) else { return false }
        guard a.xMax >= right - 2.5 * h, a.xMax - a.xMin >= 0.5 * (right - left) else { return false }
        return b.xMin <= a.xMin + 0.5 * h || b.xMin <= left + 0.5 * h
    }

    /// Wrapped Chinese text joins without a space; two Latin letters or digits keep one.
    static func joinWrapped(_ a: String, _ b: String) -> String {
        guard let x = a.unicodeScalars.last, let y = b.unicodeScalars.first else { return a + b }
        let latin: (Unicode.Scalar) -> Bool = { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)) }
        return latin(x) && latin(y) ? a + " " + b : a + b
    }
}

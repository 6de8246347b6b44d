/// Groups a page's words into lines by their vertical overlap, whatever order
/// pdftotext printed them in (its flows follow table cells, not rows).
enum PdfLineGrouper {
    /// Two boxes share a line when they overlap vertically by this share of the smaller height:
    /// low enough that an amount centred beside a two-line label joins it, high enough that
    /// touching rows of a dense table stay apart.
    static let overlapShare = 0.4

    static func lines(_ words: [PdfWord]) -> [PdfTextLine] {
        let sorted = words.sorted { $0.midY < $1.midY || $0.midY == $1.midY && $0.xMin < $1.xMin }
        var lines: [PdfTextLine] = []
        var current: [PdfWord] = []
        var lo = 0.0, hi = 0.0, h = 0.0
        for w in sorted {
            if !current.isEmpty {
                let overlap = min(hi, w.yMax) - max(lo, w.yMin)
                if overlap >= overlapShare * min(h, w.height) {
                    current.append(w)
                    lo = min(lo, w.yMin); hi = max(hi, w.yMax)
                    continue
                }
                lines.append(PdfTextLine(words: current))
            }
            current = [w]
            lo = w.yMin; hi = w.yMax; h = w.height
        }
        if !current.isEmpty { lines.append(PdfTextLine(words: current)) }
        return lines
    }
}

/// Words of one page that share a baseline, left to right.
struct PdfTextLine: Sendable {
    var words: [PdfWord]
    var yMin: Double
    var yMax: Double

    init(words: [PdfWord]) {
        self.words = words.sorted { $0.xMin < $1.xMin }
        yMin = words.map(\.yMin).min() ?? 0
        yMax = words.map(\.yMax).max() ?? 0
    }

    var xMin: Double { words.first?.xMin ?? 0 }
    var xMax: Double { words.map(\.xMax).max() ?? 0 }
    /// The typical word height (robust to one large or small word).
    var height: Double {
        let hs = words.map(\.height).sorted()
        return hs.isEmpty ? 1 : hs[hs.count / 2]
    }

    /// The words joined as read.
    var text: String { PdfTextJoiner.join(words) }

    /// Gaps between neighbouring words, in points.
    var gaps: [Double] { zip(words, words.dropFirst()).map { $1.xMin - $0.xMax } }
}

/// One word of a PDF page as pdftotext places it: its text and its box in
/// PDF points, y growing downwards from the top of the page.
public struct PdfWord: Hashable, Sendable {
    public var text: String
    public var xMin: Double
    public var yMin: Double
    public var xMax: Double
    public var yMax: Double

    public init(_ text: String, xMin: Double, yMin: Double, xMax: Double, yMax: Double) {
        self.text = text
        self.xMin = xMin; self.yMin = yMin; self.xMax = xMax; self.yMax = yMax
    }

    var height: Double { max(yMax - yMin, 0.1) }
    var width: Double { max(xMax - xMin, 0) }
    var midY: Double { (yMin + yMax) / 2 }

    /// Horizontal overlap with the range `lo...hi`, in points (negative when apart).
    func xOverlap(_ lo: Double, _ hi: Double) -> Double { min(xMax, hi) - max(xMin, lo) }
}

/// One page of pdftotext's `-bbox-layout` output.
public struct PdfPage: Hashable, Sendable {
    /// 1-based page number.
    public var number: Int
    public var width: Double
    public var height: Double
    public var words: [PdfWord]

    public init(number: Int, width: Double, height: Double, words: [PdfWord]) {
        self.number = number
        self.width = width
        self.height = height
        self.words = words
    }
}

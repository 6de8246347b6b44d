/// Bounds on what one PDF may cost, so that a hostile file (thousands of empty
/// pages, a page of 50,000 text objects) ends in a diagnostic, not a hang.
public struct PdfLimits: Sendable {
    /// Seconds pdftotext may run before its process group is killed.
    public var timeout: Double = 60
    /// Bytes of pdftotext output kept; more kills it.
    public var outputLimit: Int = 64 << 20
    /// Words on one page: a budget table page holds a few thousand at most.
    public var wordsPerPage: Int = 20_000
    /// Words in the whole document.
    public var wordsTotal: Int = 600_000

    public init() {}
}

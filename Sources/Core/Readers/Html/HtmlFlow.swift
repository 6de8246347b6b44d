/// The content of a container (the page body, a table cell, a caption) in reading order:
/// lines of text and tables. Text is collapsed as a browser renders it:
///
/// - runs of ASCII whitespace become one space, dropped at the start and end of a line;
/// - a line break in the source between two CJK characters is dropped (CSS Text 3's rule for
///   segment breaks), so "资金\n使用" reads "资金使用";
/// - `&nbsp;` (U+00A0) is not collapsed and becomes a plain space: leading ones are kept
///   (they indent ledger rows), trailing ones are dropped;
/// - a block element ends the line when it has text; `<br>` ends it always (empty lines count).
struct HtmlFlow: Sendable {
    enum Item: Equatable, Sendable {
        case line(HtmlLine)
        case table(HtmlTableDraft)
    }

    private(set) var items: [Item] = []
    /// The heading level for text added from now on; set by `<hN>` and cleared by its end.
    var headingLevel: Int?

    private var current: [UInt8] = []
    private var currentPosition: HtmlPosition?
    private var currentHeading: Int?
    private var pendingSpace = false
    private var pendingBreak = false
    /// The last scalar written to the current line, for the CJK segment-break rule.
    private var lastScalar: Unicode.Scalar?

    /// Appends text (whitespace as in the source) that starts at `position`.
    mutating func append(_ text: String, at position: HtmlPosition) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case " ", "\t", "\r", "\u{0C}":
                pendingSpace = true
            case "\n":
                pendingSpace = true
                pendingBreak = true
            case "\0":
                continue
            default:
                if current.isEmpty {
                    if currentPosition == nil { currentPosition = position; currentHeading = headingLevel }
                } else if pendingSpace, !(pendingBreak && Self.isWide(lastScalar) && Self.isWide(scalar)) {
                    current.append(0x20)
                }
                pendingSpace = false
                pendingBreak = false
                let s = scalar == "\u{00A0}" ? " " : scalar
                UTF8.encode(s) { current.append($0) }
                lastScalar = scalar
            }
        }
        if current.isEmpty { pendingSpace = false; pendingBreak = false }
    }

    /// `<br>`: ends the line, even an empty one.
    mutating func lineBreak(at position: HtmlPosition) {
        if currentPosition == nil { currentPosition = position; currentHeading = headingLevel }
        flush()
    }

    /// A block element starts or ends: ends the line when it holds text.
    mutating func endBlock() {
        if !current.isEmpty { flush() }
    }

    /// Appends a table, or the flow of a layout table that is dissolved into this one.
    mutating func append(_ item: Item) {
        endBlock()
        items.append(item)
    }

    mutating func append(contentsOf other: HtmlFlow) {
        endBlock()
        var other = other
        other.endBlock()
        items.append(contentsOf: other.items)
    }

    /// The text of the lines (not tables), joined with "\n"; empty lines at both ends dropped.
    /// This is a table cell's text, as the .docx reader joins a cell's paragraphs.
    var text: String {
        var flow = self
        flow.endBlock()
        var lines: [String] = flow.items.compactMap { if case .line(let l) = $0 { return l.text }; return nil }
        while lines.last?.isEmpty == true { lines.removeLast() }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        return lines.joined(separator: "\n")
    }

    /// True when nothing has been written.
    var isEmpty: Bool { items.isEmpty && current.isEmpty }

    private mutating func flush() {
        // Trailing no-break spaces are invisible; a line of them is empty.
        while current.last == 0x20 { current.removeLast() }
        if let position = currentPosition {
            items.append(.line(HtmlLine(text: String(decoding: current, as: UTF8.self), position: position, headingLevel: currentHeading)))
        }
        current.removeAll(keepingCapacity: true)
        currentPosition = nil
        currentHeading = nil
        pendingSpace = false
        pendingBreak = false
        lastScalar = nil
    }

    /// East Asian wide characters, between which a source line break is no space.
    private static func isWide(_ s: Unicode.Scalar?) -> Bool {
        guard let v = s?.value else { return false }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}

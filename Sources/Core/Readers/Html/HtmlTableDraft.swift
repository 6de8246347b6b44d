/// A table found in the flow, located but not yet numbered (tables are numbered in reading
/// order once the whole page is read, since a layout table's inner tables come out before it ends).
struct HtmlTableDraft: Equatable, Sendable {
    var rows: [[HtmlCellDraft]]
    var rowPositions: [HtmlPosition]
    var position: HtmlPosition
}

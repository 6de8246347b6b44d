/// One resolved grid cell of a table draft.
struct HtmlCellDraft: Equatable, Sendable {
    var text: String
    /// Where the `<td>`/`<th>` that holds the text starts.
    var position: HtmlPosition
    /// 1-based grid column.
    var column: Int
}

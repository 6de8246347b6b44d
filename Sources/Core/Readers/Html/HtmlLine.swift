/// One line of text as a browser lays it out: ended by a block element or `<br>`.
struct HtmlLine: Equatable, Sendable {
    /// The text with whitespace collapsed and no-break spaces as plain spaces.
    var text: String
    /// Where its first character is in the source.
    var position: HtmlPosition
    /// 1…6 inside `<h1>`…`<h6>`.
    var headingLevel: Int?
}

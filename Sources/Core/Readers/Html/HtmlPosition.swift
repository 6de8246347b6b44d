/// Where a token starts in the decoded page: 1-based line and column (in characters).
struct HtmlPosition: Equatable, Sendable {
    var line: Int
    var column: Int
}

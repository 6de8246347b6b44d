/// One attribute of a start tag: the lowercased name and the value with character references decoded.
struct HtmlAttribute: Equatable, Sendable {
    var name: String
    var value: String
}

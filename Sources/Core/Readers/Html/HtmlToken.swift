/// What the tokenizer hands the document builder. Comments, doctypes, processing
/// instructions and the content of `<script>`/`<style>`-like elements produce no token.
enum HtmlToken: Equatable, Sendable {
    /// A start tag; `name` is lowercased ASCII.
    case startTag(name: String, attributes: [HtmlAttribute], selfClosing: Bool, at: HtmlPosition)
    /// An end tag; `name` is lowercased ASCII.
    case endTag(name: String, at: HtmlPosition)
    /// Text with character references decoded and whitespace as in the source.
    /// `at` is the position of its first non-whitespace character (or its start when blank).
    case text(String, at: HtmlPosition)
}

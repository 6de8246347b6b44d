import Foundation

/// Reads a saved web page: its tables (with `rowspan`/`colspan` resolved into the grid the
/// .docx reader builds) and the text around them as paragraphs, in reading order.
///
/// The page is decoded (`HtmlCharset`), cut into tokens by a tolerant byte tokenizer
/// (`HtmlTokenizer`; pages are not well-formed XML, so no XML parser is used) and laid out by
/// `HtmlDocumentBuilder`. Every cell carries its table position and the line and column where
/// its `<td>` starts; every paragraph its line and column.
public struct HtmlReader: DocumentReader {
    public let format = "html"
    public init() {}

    public func read(_ data: Data, path: String) throws -> Document {
        if data.isEmpty { throw ReadError("文件为空", at: SourceLocation(file: path)) }
        let (text, encoding) = try HtmlCharset.decode(data, path: path)
        var tokenizer = HtmlTokenizer(bytes: Array(text.utf8))
        var builder = HtmlDocumentBuilder()
        while let token = tokenizer.next() { builder.consume(token) }
        let flow = builder.finish()
        // A page that stops inside a table, before </body> or </html>, was cut off (a broken
        // download or save): its last table is incomplete, and checking it would report sums
        // and scores of rows that are only missing. The docx reader refuses truncated files too.
        if let table = builder.tableOpenAtEnd, !builder.sawDocumentEnd {
            if let comment = tokenizer.unterminatedComment {
                throw ReadError("HTML 第\(comment.line)行的注释 “<!--” 没有结束，第\(table.line)行起的表格及其后的内容都被注释掉了，无法完整读取",
                                at: SourceLocation(file: path, line: comment.line, column: comment.column))
            }
            throw ReadError("HTML 页面在第\(table.line)行起的表格中途结束（没有 </table>、</body> 或 </html>），文件可能被截断",
                            at: SourceLocation(file: path, line: table.line, column: table.column))
        }
        return Document(path: path, format: format, encoding: encoding, blocks: blocks(flow, path: path))
    }

    /// Numbers the tables and paragraphs of the flow in reading order.
    private func blocks(_ flow: HtmlFlow, path: String) -> [Block] {
        var blocks: [Block] = []
        var tableCount = 0
        var paragraphCount = 0
        for item in flow.items {
            switch item {
            case .line(let line):
                let text = TextNormalizer.trim(line.text)
                guard !text.isEmpty else { continue }
                paragraphCount += 1
                let location = SourceLocation(file: path, line: line.position.line, column: line.position.column, paragraph: paragraphCount)
                blocks.append(.paragraph(Paragraph(text: text, location: location, headingLevel: line.headingLevel)))
            case .table(let draft):
                tableCount += 1
                blocks.append(.table(table(draft, index: tableCount, path: path)))
            }
        }
        return blocks
    }

    private func table(_ draft: HtmlTableDraft, index: Int, path: String) -> Table {
        var rows: [Row] = []
        rows.reserveCapacity(draft.rows.count)
        for (r, cells) in draft.rows.enumerated() {
            let located = cells.map { c in
                Cell(text: c.text, location: SourceLocation(file: path, line: c.position.line, column: c.position.column,
                                                            table: index, row: r + 1, cell: c.column))
            }
            let p = draft.rowPositions[r]
            rows.append(Row(cells: located, location: SourceLocation(file: path, line: p.line, column: p.column, table: index, row: r + 1)))
        }
        let location = SourceLocation(file: path, line: draft.position.line, column: draft.position.column, table: index)
        return Table(index: index, rows: rows, location: location)
    }
}

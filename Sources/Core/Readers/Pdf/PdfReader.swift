import Foundation

/// Reads a PDF's text layer into tables and paragraphs.
public struct PdfReader: DocumentReader {
    public let format = "pdf"
    public init() {}

    public func read(_ data: Data, path: String) throws -> Document {
        throw ReadError("PDF 文件暂不能直接读取：请先用 `pdftotext -layout 文件.pdf 文件.txt` 转成文本再检查", at: SourceLocation(file: path))
    }
}

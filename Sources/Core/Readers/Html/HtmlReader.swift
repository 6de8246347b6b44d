import Foundation

/// Reads a saved web page: its tables and the text around them.
public struct HtmlReader: DocumentReader {
    public let format = "html"
    public init() {}

    public func read(_ data: Data, path: String) throws -> Document {
        throw ReadError("HTML 文件暂不能直接读取", at: SourceLocation(file: path))
    }
}

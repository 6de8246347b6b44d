import Foundation

/// Picks the reader for a file from its content (magic bytes, then the text
/// layout's own score), falling back on the extension only to name the problem.
public struct ReaderRegistry: Sendable {
    public var textLayouts: [any TextLayoutReader]
    /// What one file may cost its reader (`.lintrc` `limits`).
    public var limits = ResourceLimits()

    public init(textLayouts: [any TextLayoutReader] = [TabCellReader(), MarkdownReader(), PdfTextReader(), WebTextReader()]) {
        self.textLayouts = textLayouts
    }

    /// What the bytes look like.
    public enum Kind: Equatable, Sendable { case zip, pdf, ole2, json, html, text }

    public static func sniff(_ data: Data) -> Kind {
        let head = [UInt8](data.prefix(8))
        if head.starts(with: [0x50, 0x4B, 0x03, 0x04]) || head.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .zip }
        if head.starts(with: Array("%PDF".utf8)) { return .pdf }
        if head.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .ole2 }
        if let first = data.prefix(64).first(where: { ![0x20, 0x09, 0x0A, 0x0D, 0xEF, 0xBB, 0xBF].contains($0) }), first == UInt8(ascii: "{") { return .json }
        if HtmlSniffer.looksLikeHTML(data) { return .html }
        return .text
    }

    /// Reads one file's bytes into a document. A JSON model gives the document it holds
    /// (`ModelFile` reads the whole model, forms included).
    public func document(from data: Data, path: String) throws -> Document {
        switch Self.sniff(data) {
        case .json:
            return try ModelFile.decode(data, path: path).document
        case .zip:
            return try OfficeReader(budget: limits).read(data, path: path)
        case .pdf:
            return try PdfReader().read(data, path: path)
        case .html:
            return try HtmlReader().read(data, path: path)
        case .ole2:
            let ext = (path as NSString).pathExtension.lowercased()
            let target = ext == "xls" ? "xlsx" : "docx"
            throw ReadError("旧版 Office 二进制格式（.\(ext.isEmpty ? "doc/.xls" : ext)）不能直接读取：请先用 `libreoffice --headless --convert-to \(target) 文件` 转换", at: SourceLocation(file: path))
        case .text:
            return try readText(data, path: path)
        }
    }

    /// Decodes and reads a text layout.
    public func readText(_ data: Data, path: String) throws -> Document {
        if data.isEmpty { throw ReadError("文件为空", at: SourceLocation(file: path)) }
        if data.prefix(8192).withUnsafeBytes({ $0.contains(0) }) && !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) {
            if let order = TextDecoder.utf16WithoutBOM(data) {
                throw ReadError("看起来是没有字节顺序标记（BOM）的 UTF-16\(order) 文本，无法确定编码：请另存为 UTF-8，或带 BOM 的 UTF-16", at: SourceLocation(file: path))
            }
            throw ReadError("不是文本文件（含 NUL 字节），也不是可识别的 docx/xlsx", at: SourceLocation(file: path))
        }
        let (text, encoding) = try TextDecoder.decode(data, path: path)
        var doc = TextLayoutReading(textLayouts).read(text, path: path)
        doc.encoding = encoding
        return doc
    }
}


import Foundation

/// Reads any ZIP-based Office file as .docx or .xlsx, chosen by what the package contains
/// (word/document.xml or xl/workbook.xml), so a misnamed file is still read correctly.
public struct OfficeReader: DocumentReader {
    /// Placeholder; the returned `Document.format` is "docx" or "xlsx".
    public let format = "office"
    /// Ceilings against ZIP bombs, passed on to the chosen reader.
    public var limits: ZipLimits

    public init(limits: ZipLimits = .default) {
        self.limits = limits
    }

    public func read(_ data: Data, path: String) throws -> Document {
        switch try kind(of: data, path: path) {
        case "xlsx": return try XlsxReader(limits: limits).read(data, path: path)
        default: return try DocxReader(limits: limits).read(data, path: path)
        }
    }

    /// "docx" or "xlsx"; the extension only decides when the package names neither part.
    private func kind(of data: Data, path: String) throws -> String {
        let ext = (path as NSString).pathExtension.lowercased()
        let kind = ext == "xlsx" || ext == "xlsm" ? "xlsx" : "docx"
        let package = try OfficePackage(data, path: path, kind: kind, limits: limits)
        if package.contains("word/document.xml") { return "docx" }
        if package.contains("xl/workbook.xml") { return "xlsx" }
        if ext == "docx" || ext == "xlsx" || ext == "xlsm" { return kind }
        throw ReadError("ZIP 文件不是 docx/xlsx：未找到 word/document.xml 或 xl/workbook.xml", at: SourceLocation(file: path))
    }
}

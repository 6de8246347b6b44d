import Foundation

/// Reads any ZIP-based Office file as .docx or .xlsx, chosen by what the package contains
/// (word/document.xml or xl/workbook.xml), so a misnamed file is still read correctly.
public struct OfficeReader: DocumentReader {
    /// Placeholder; the returned `Document.format` is "docx" or "xlsx".
    public let format = "office"
    /// Ceilings against ZIP bombs, passed on to the chosen reader.
    public var limits: ZipLimits
    /// What one file may cost (elements, cells, characters; `decodedBytes` caps the ZIP total).
    public var budget: ResourceLimits

    public init(limits: ZipLimits = .default, budget: ResourceLimits = ResourceLimits()) {
        var zip = limits
        zip.maxTotalUncompressedSize = min(zip.maxTotalUncompressedSize, budget.decodedBytes)
        zip.maxEntryUncompressedSize = min(zip.maxEntryUncompressedSize, budget.decodedBytes)
        self.limits = zip
        self.budget = budget
    }

    public func read(_ data: Data, path: String) throws -> Document {
        let spending = ReadBudget(budget)
        switch try kind(of: data, path: path) {
        case "xlsx": return try XlsxReader(limits: limits).read(data, path: path, budget: spending)
        default: return try DocxReader(limits: limits).read(data, path: path, budget: spending)
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

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

    /// Reads one file's bytes into a report: a JSON model is taken as it is;
    /// anything else is read into a document and recognised.
    public func report(from data: Data, path: String) throws -> Report {
        switch Self.sniff(data) {
        case .json:
            return try ModelFile.decode(data, path: path)
        case .zip:
            return Recognizer().recognize(try OfficeReader(budget: limits).read(data, path: path))
        case .pdf:
            return Recognizer().recognize(try PdfReader().read(data, path: path))
        case .html:
            return Recognizer().recognize(try HtmlReader().read(data, path: path))
        case .ole2:
            let ext = (path as NSString).pathExtension.lowercased()
            let target = ext == "xls" ? "xlsx" : "docx"
            throw ReadError("旧版 Office 二进制格式（.\(ext.isEmpty ? "doc/.xls" : ext)）不能直接读取：请先用 `libreoffice --headless --convert-to \(target) 文件` 转换", at: SourceLocation(file: path))
        case .text:
            return Recognizer().recognize(try readText(data, path: path))
        }
    }

    /// Decodes and reads a text layout.
    public func readText(_ data: Data, path: String) throws -> Document {
        if data.isEmpty { throw ReadError("文件为空", at: SourceLocation(file: path)) }
        if data.prefix(8192).contains(0) && !(data.starts(with: [0xFF, 0xFE]) || data.starts(with: [0xFE, 0xFF])) {
            throw ReadError("不是文本文件（含 NUL 字节），也不是可识别的 docx/xlsx", at: SourceLocation(file: path))
        }
        let (text, encoding) = try TextDecoder.decode(data, path: path)
        let lines = TextLines.split(text)
        let reader = textLayouts.max { $0.score(lines) < $1.score(lines) } ?? PdfTextReader()
        var doc = reader.read(text: text, path: path)
        doc.encoding = encoding
        return doc
    }
}

/// The JSON model format that `auditlint dump` prints and every command accepts.
public enum ModelFile {
    /// Decodes a model; every location is placed in `path` (a model cannot report findings in
    /// another file), and a document without forms is recognised afresh.
    public static func decode(_ data: Data, path: String) throws -> Report {
        // One decoding pass for a well-formed model; anything else takes the checked path
        // below, which gives the precise message.
        let decoder = JSONDecoder()
        decoder.userInfo[.modelPath] = path
        if let envelope = try? decoder.decode(Envelope.self, from: data), envelope.schema == Report.schema {
            guard let forms = envelope.forms else { return Recognizer().recognize(envelope.document) }
            return Report(document: envelope.document, forms: forms)
        }
        do {
            let probe = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            guard let schema = probe?["schema"] as? String else {
                throw ReadError("JSON 文件不是 auditlint 模型：缺少 \"schema\": \"\(Report.schema)\"", at: SourceLocation(file: path, line: 1, column: 1))
            }
            guard schema == Report.schema else {
                throw ReadError("不支持的模型版本 \(schema)，应为 \(Report.schema)", at: SourceLocation(file: path, line: 1, column: 1))
            }
            // Report's synthesized decoding requires "forms", so a document-only model is decoded on its own.
            if probe?["forms"] == nil {
                return Recognizer().recognize(try decoder.decode(DocumentOnly.self, from: data).document)
            }
            return try decoder.decode(Report.self, from: data)
        } catch let e as ReadError {
            throw e
        } catch let e as DecodingError {
            throw ReadError("JSON 模型结构错误：\(describe(e))", at: SourceLocation(file: path, line: 1, column: 1))
        } catch {
            throw ReadError("不是有效的 JSON：\(error.localizedDescription)", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    private struct DocumentOnly: Decodable { var document: Document }

    /// A model with or without forms. An explicit `"forms": null` is not a model without forms
    /// (the checked path rejects it), so it fails here too.
    private struct Envelope: Decodable {
        var schema: String
        var document: Document
        var forms: [Form]?

        enum CodingKeys: String, CodingKey { case schema, document, forms }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            schema = try c.decode(String.self, forKey: .schema)
            document = try c.decode(Document.self, forKey: .document)
            if c.contains(.forms) {
                forms = try c.decode([Form].self, forKey: .forms)
            } else {
                forms = nil
            }
        }
    }

    static func describe(_ e: DecodingError) -> String {
        func path(_ c: [CodingKey]) -> String { c.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined() }
        switch e {
        case .keyNotFound(let k, let ctx): return "\(path(ctx.codingPath)).\(k.stringValue) 缺失"
        case .typeMismatch(_, let ctx), .valueNotFound(_, let ctx), .dataCorrupted(let ctx): return "\(path(ctx.codingPath)): \(ctx.debugDescription)"
        @unknown default: return "\(e)"
        }
    }

    /// The model as pretty, key-sorted JSON.
    public static func encode(_ report: Report) throws -> Data {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try enc.encode(report)
    }
}

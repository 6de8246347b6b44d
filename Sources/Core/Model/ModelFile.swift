import Foundation

/// The JSON model format that `auditlint dump` prints and every command accepts.
public enum ModelFile {
    /// True when the bytes are meant as a model file (a JSON object); `decode` then says
    /// whether they are one.
    public static func isModel(_ data: Data) -> Bool { ReaderRegistry.sniff(data) == .json }

    /// Decodes a model; every location is placed in `path` (a model cannot report findings in
    /// another file), and a document without forms is recognised afresh. Keys a newer model adds (the forms' spans, the
    /// narrative) are derived from the document and the forms, so they are recomputed.
    public static func decode(_ data: Data, path: String, recognizer: Recognizer = Recognizer()) throws -> Report {
        // One decoding pass for a well-formed model; anything else takes the checked path
        // below, which gives the precise message.
        let decoder = JSONDecoder()
        decoder.userInfo[.modelPath] = path
        if let envelope = try? decoder.decode(Envelope.self, from: data), envelope.schema == Report.schema {
            guard let forms = envelope.forms else { return recognizer.recognize(envelope.document) }
            return recognizer.complete(envelope.document, forms: forms)
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
                return recognizer.recognize(try decoder.decode(DocumentOnly.self, from: data).document)
            }
            return try decoder.decode(Report.self, from: data)
        } catch let e as ReadError {
            throw e
        } catch let e as DecodingError {
            throw ReadError("JSON 模型结构错误：\(describe(e))", at: SourceLocation(file: path, line: 1, column: 1))
        } catch {
            // The JSON parser stops at 512 levels of nesting; such a file is valid JSON, too deep to read.
            let depth = Self.nestingDepth(data)
            if depth > 512 {
                throw ReadError("JSON 嵌套 \(depth) 层，超过解析器可读的 512 层，无法读取", at: SourceLocation(file: path, line: 1, column: 1))
            }
            throw ReadError("不是有效的 JSON：\(error.localizedDescription)", at: SourceLocation(file: path, line: 1, column: 1))
        }
    }

    /// The deepest nesting of arrays and objects in JSON bytes (brackets inside strings skipped).
    static func nestingDepth(_ data: Data) -> Int {
        var depth = 0, deepest = 0
        var inString = false, escaped = false
        for b in data {
            if inString {
                if escaped { escaped = false } else if b == UInt8(ascii: "\\") { escaped = true } else if b == UInt8(ascii: "\"") { inString = false }
                continue
            }
            switch b {
            case UInt8(ascii: "\""): inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"): depth += 1; deepest = max(deepest, depth)
            case UInt8(ascii: "]"), UInt8(ascii: "}"): depth -= 1
            default: break
            }
        }
        return deepest
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

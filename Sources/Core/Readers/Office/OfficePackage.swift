import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The ZIP container of one .docx/.xlsx, with every failure reported as a `ReadError`
/// on the input path.
struct OfficePackage {
    /// "docx" or "xlsx", used in messages.
    let kind: String
    let path: String
    private let archive: ZipArchive
    /// Charged by every part's handler (one budget per file).
    let budget: ReadBudget

    init(_ data: Data, path: String, kind: String, limits: ZipLimits, budget: ReadBudget = ReadBudget(ResourceLimits())) throws {
        self.kind = kind
        self.path = path
        self.budget = budget
        let location = SourceLocation(file: path)
        guard !data.isEmpty else { throw ReadError("\(kind) 文件为空", at: location) }
        if data.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
            throw ReadError("不是 \(kind)（ZIP）文件：这是加密的 Office 文件或旧版 .doc/.xls 复合文档，请另存为未加密的 .\(kind)",
                            at: location)
        }
        do {
            archive = try ZipArchive(data, limits: limits)
        } catch let error as ZipError {
            throw ReadError(Self.message(kind: kind, error), at: location)
        }
    }

    /// True when the package has part `name`.
    func contains(_ name: String) -> Bool { archive.contains(name) }

    /// The bytes of part `name` (no leading "/"), nil when the package has no such part.
    func optionalPart(_ name: String) throws -> Data? {
        guard archive.contains(name) else { return nil }
        return try part(name)
    }

    /// The bytes of part `name`; a missing part is an error naming it.
    func part(_ name: String) throws -> Data {
        do {
            return try archive.extract(name)
        } catch let error as ZipError {
            throw ReadError(Self.message(kind: kind, error), at: SourceLocation(file: path))
        }
    }

    /// Parses part `name` with `handler`. The part is brought to UTF-8 first (`XMLTranscoder`
    /// refuses any other encoding), and the guards run on those UTF-8 bytes, which are what the
    /// parser reads: a DTD is refused before the parser sees it, so neither entity expansion
    /// ("billion laughs") nor external entities are ever attempted.
    func parse(_ name: String, data raw: Data, with handler: OfficeXMLHandler) throws {
        let location = SourceLocation(file: path)
        let data: Data
        do { data = try XMLTranscoder.utf8(raw) } catch let refusal as XMLTranscoder.Refusal {
            throw ReadError("\(name) XML 错误：\(refusal.reason)", at: location)
        }
        if Self.declaresDTD(data) {
            throw ReadError("\(name) 含有 DOCTYPE/ENTITY 声明，出于安全原因拒绝解析（疑似 XML 实体炸弹或外部实体攻击）",
                            at: location)
        }
        // FoundationXML crashes (strlen of NULL) on a processing instruction without data, "<?x?>".
        if Self.hasEmptyProcessingInstruction(data) {
            throw ReadError("\(name) XML 错误：含有无效的处理指令（文件可能损坏）", at: location)
        }
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = true
        parser.shouldResolveExternalEntities = false
        handler.attach(to: parser)
        handler.budget = budget
        _ = parser.parse()
        // On Linux parse() can return true after reporting errors, so the handler's record decides.
        if let failure = handler.failure {
            let line = failure.line > 0 ? " 第\(failure.line)行" : ""
            throw ReadError("\(name)\(line) XML 错误：\(failure.reason)", at: location)
        }
    }

    /// Extracts and parses part `name`.
    func parse(_ name: String, with handler: OfficeXMLHandler) throws {
        try parse(name, data: try part(name), with: handler)
    }

    /// The part a package relationship of `type` (e.g. "officeDocument") points at.
    func rootPart(ofType type: String) throws -> String? {
        guard let data = try optionalPart("_rels/.rels") else { return nil }
        let rels = RelationshipsHandler()
        try parse("_rels/.rels", data: data, with: rels)
        return rels.relationships.first { $0.type.hasSuffix("/" + type) }
            .map { Self.resolve($0.target, relativeTo: "") }
    }

    /// The relationships of part `source` ("xl/workbook.xml" → "xl/_rels/workbook.xml.rels").
    func relationships(of source: String) throws -> [Relationship] {
        let directory = Self.directory(of: source)
        let file = String(source.dropFirst(directory.count))
        let relsName = directory + "_rels/" + file + ".rels"
        guard let data = try optionalPart(relsName) else { return [] }
        let rels = RelationshipsHandler()
        try parse(relsName, data: data, with: rels)
        return rels.relationships.filter { !$0.isExternal }.map {
            var r = $0
            r.target = Self.resolve($0.target, relativeTo: directory)
            return r
        }
    }

    /// "xl/worksheets/sheet1.xml" → "xl/worksheets/".
    static func directory(of part: String) -> String {
        guard let slash = part.lastIndex(of: "/") else { return "" }
        return String(part[...slash])
    }

    /// Resolves a relationship target: absolute ("/xl/x.xml") or relative to `directory`, with "..".
    static func resolve(_ target: String, relativeTo directory: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : directory + target
        var parts: [Substring] = []
        for piece in joined.split(separator: "/", omittingEmptySubsequences: true) {
            if piece == "." { continue }
            if piece == ".." { _ = parts.popLast(); continue }
            parts.append(piece)
        }
        return parts.joined(separator: "/")
    }

    /// True when a "<?target?>" has no whitespace between "<?" and "?>" (libxml2 then passes NULL data).
    static func hasEmptyProcessingInstruction(_ data: Data) -> Bool {
        data.withUnsafeBytes { (b: UnsafeRawBufferPointer) -> Bool in
            var i = 0
            while i + 1 < b.count {
                guard b[i] == 0x3C, b[i + 1] == 0x3F else { i += 1; continue }
                var j = i + 2
                while j + 1 < b.count, !(b[j] == 0x3F && b[j + 1] == 0x3E) {
                    if b[j] == 0x20 || b[j] == 0x09 || b[j] == 0x0A || b[j] == 0x0D { break }
                    j += 1
                }
                if j + 1 < b.count, b[j] == 0x3F, b[j + 1] == 0x3E { return true }
                i = j
            }
            return false
        }
    }

    /// A DTD or entity declaration in UTF-8 bytes (the transcoder has made every part UTF-8).
    static func declaresDTD(_ data: Data) -> Bool {
        data.range(of: Data("<!DOCTYPE".utf8)) != nil || data.range(of: Data("<!ENTITY".utf8)) != nil
    }

    private static func message(kind: String, _ error: ZipError) -> String {
        switch error.kind {
        case .corrupt: return "\(kind) 损坏：\(error.reason)"
        case .limitExceeded: return "\(kind) 拒绝读取：\(error.reason)"
        case .unsupported: return "\(kind) 无法读取：\(error.reason)"
        case .missingEntry: return "\(kind) 不完整：\(error.reason)（不是有效的 \(kind) 文件）"
        }
    }
}

/// One `<Relationship>` of a .rels part.
struct Relationship: Equatable {
    var id: String
    var type: String
    var target: String
    var isExternal: Bool
}

/// Collects the relationships of a .rels part.
final class RelationshipsHandler: OfficeXMLHandler {
    private(set) var relationships: [Relationship] = []

    override func start(_ name: String, namespace: String?, attributes: [String: String]) {
        guard name == "Relationship", let id = attributes["Id"], let target = attributes["Target"] else { return }
        relationships.append(Relationship(id: id, type: attributes["Type"] ?? "", target: target,
                                          isExternal: attributes["TargetMode"] == "External"))
    }
}

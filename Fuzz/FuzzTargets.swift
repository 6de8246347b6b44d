// libFuzzer entry for every auditlint reader and for the whole pipeline.
//
// Built by Fuzz/run.sh together with the Core and Checks sources into one binary
// (module "Core"); the target is chosen by AUDITLINT_FUZZ_TARGET:
//
//   tab, markdown, pdf, web   one text layout reader (bytes decoded as UTF-8, lossy): score + read
//   json                      the JSON model reader (auditlint dump output)
//   docx, xlsx                one Office reader on the raw bytes (ZIP, inflate, XML); most
//                             mutations break a CRC, so these mainly exercise the container
//   docx-xml                  the input is word/document.xml, packed into a valid stored ZIP
//                             (CRCs right), so mutations reach the XML handlers and table builder
//   html                      the HTML reader on the raw bytes (charset sniffing, tokenizer, tables)
//   xlsx-xml                  the input is xl/worksheets/sheet1.xml of a workbook that also has
//                             shared strings, number formats and styles
//   pdf-bbox                  the input is pdftotext -bbox-layout output: the byte scanner, then the
//                             table rebuild from word coordinates (no pdftotext process is run)
//   paragraph-cells           layout 1 (one cell per paragraph): CellStreamReader, then the
//                             CellStreamAligner that cuts the stream into rows
//   web-stream                layout 2 (" |" cells without "||" row ends): WebTextReader + aligner
//   inner-pipes               layout 3 (pipe rows without a leading pipe) and wrapped pipe rows:
//                             MarkdownReader
//   sheet-line                layout 4 (a sheet on one space-separated line): CellStreamReader + aligner
//   mixed                     layout 5 and every mix: line shapes, host choice, block planning and
//                             each block's reader (TextLayoutReading), then the aligner
//   pipeline                  LintEngine.lint(data:path:): sniffing, decoding (UTF-8/16/GB18030),
//                             layout choice, recognizer, checks — what the CLI does per file
//
// The reader targets stop at the Document so they run fast; AUDITLINT_FUZZ_DEEP=1 makes them
// also recognise and check what they read (slower, more code per input).
// A target only has to return: every ReadError is an expected outcome. Crashes, traps,
// sanitizer reports, hangs (-timeout) and memory blow-ups (-rss_limit_mb) are findings.
import Foundation

enum FuzzTarget: String, CaseIterable {
    case tab, markdown, pdf, web, json, docx, xlsx, docxXML = "docx-xml", xlsxXML = "xlsx-xml", pdfBBox = "pdf-bbox", html, pipeline
    case paragraphCells = "paragraph-cells", webStream = "web-stream", innerPipes = "inner-pipes", sheetLine = "sheet-line", mixed

    static let current: FuzzTarget = {
        let name = ProcessInfo.processInfo.environment["AUDITLINT_FUZZ_TARGET"] ?? ""
        guard let t = FuzzTarget(rawValue: name) else {
            let all = FuzzTarget.allCases.map(\.rawValue).joined(separator: ", ")
            FileHandle.standardError.write(Data("AUDITLINT_FUZZ_TARGET must be one of: \(all) (got '\(name)')\n".utf8))
            exit(2)
        }
        return t
    }()
}

let fuzzEngine = LintEngine(registry: BuiltinChecks.registry, settings: LintSettings())
let fuzzDeep = ProcessInfo.processInfo.environment["AUDITLINT_FUZZ_DEEP"] == "1"

/// With AUDITLINT_FUZZ_DEEP=1: recognises a document and runs every check, as the engine does.
func lintDocument(_ doc: Document) {
    guard fuzzDeep else { return }
    let report = Recognizer().recognize(doc)
    _ = fuzzEngine.run(report)
}

func fuzzOne(_ data: Data) {
    let path = "fuzz-input"
    switch FuzzTarget.current {
    case .tab, .markdown, .pdf, .web:
        let text = String(decoding: data, as: UTF8.self)
        let reader: any TextLayoutReader
        switch FuzzTarget.current {
        case .tab: reader = TabCellReader()
        case .markdown: reader = MarkdownReader()
        case .pdf: reader = PdfTextReader()
        default: reader = WebTextReader()
        }
        _ = reader.score(TextLines.split(text))
        lintDocument(reader.read(text: text, path: path + ".txt"))
    case .json:
        if let report = try? ModelFile.decode(data, path: path + ".json"), fuzzDeep { _ = fuzzEngine.run(report) }
    case .docx:
        if let doc = try? DocxReader().read(data, path: path + ".docx") { lintDocument(doc) }
    case .xlsx:
        if let doc = try? XlsxReader().read(data, path: path + ".xlsx") { lintDocument(doc) }
    case .docxXML:
        let zip = StoredZip.make([("word/document.xml", data)])
        if let doc = try? DocxReader().read(zip, path: path + ".docx") { lintDocument(doc) }
    case .xlsxXML:
        let zip = StoredZip.make(StoredZip.workbookParts + [("xl/worksheets/sheet1.xml", data)])
        if let doc = try? XlsxReader().read(zip, path: path + ".xlsx") { lintDocument(doc) }
    case .pdfBBox:
        if let pages = try? PdfBBoxParser.parse(data) { lintDocument(PdfDocumentAssembler.document(pages: pages, path: path + ".pdf")) }
    case .html:
        if let doc = try? HtmlReader().read(data, path: path + ".html") { lintDocument(doc) }
    case .pipeline:
        _ = fuzzEngine.lint(data: data, path: path + ".txt")
    case .paragraphCells, .webStream, .innerPipes, .sheetLine:
        let text = String(decoding: data, as: UTF8.self)
        let lines = TextLines.split(text)
        _ = lines.map(LineShape.of)
        var builder = DocumentBuilder(path: path + ".txt", format: "fuzz")
        let reader: any BlockLayoutReader
        switch FuzzTarget.current {
        case .webStream: reader = WebTextReader()
        case .innerPipes: reader = MarkdownReader()
        default: reader = CellStreamReader()
        }
        reader.read(lines: lines[...], firstLine: 1, into: &builder)
        let doc = CellStreamAligner.aligned(builder.build())
        lintDocument(doc)
    case .mixed:
        let text = String(decoding: data, as: UTF8.self)
        lintDocument(CellStreamAligner.aligned(TextLayoutReading(ReaderRegistry().textLayouts).read(text, path: path + ".txt")))
    }
}

/// Packs parts into a stored (uncompressed) ZIP with correct CRCs.
enum StoredZip {
    static func make(_ parts: [(String, Data)]) -> Data {
        var out: [UInt8] = [], central: [UInt8] = []
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * $0)) & 0xFF) } }
        for (name, data) in parts {
            let n = Array(name.utf8), bytes = [UInt8](data)
            let crc = Int(bytes.withUnsafeBytes { RawInflate.crc32($0) })
            let offset = out.count
            out += le32(0x0403_4b50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            out += le32(crc) + le32(bytes.count) + le32(bytes.count) + le16(n.count) + le16(0) + n + bytes
            central += le32(0x0201_4b50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0)
            central += le32(crc) + le32(bytes.count) + le32(bytes.count) + le16(n.count) + le16(0) + le16(0)
            central += le16(0) + le16(0) + le32(0) + le32(offset) + n
        }
        let start = out.count
        out += central
        out += le32(0x0605_4b50) + le16(0) + le16(0) + le16(parts.count) + le16(parts.count)
        out += le32(central.count) + le32(start) + le16(0)
        return Data(out)
    }

    /// A workbook with one sheet, shared strings, a percent and a date format, and styles using them.
    static let workbookParts: [(String, Data)] = [
        ("xl/workbook.xml", Data("""
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="绩效自评表" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8)),
        ("xl/_rels/workbook.xml.rels", Data("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>
            """.utf8)),
        ("xl/sharedStrings.xml", Data("""
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>项目资金（万元）</t></si><si><t>年初预算数</t></si><si><t>全年预算数</t></si><si><t>全年执行数</t></si><si><t>分值</t></si><si><t>执行率</t></si><si><t>得分</t></si><si><t>年度资金总额</t></si><si><r><t>一级</t></r><r><t>指标</t></r></si><si><t>三级指标</t></si></sst>
            """.utf8)),
        ("xl/styles.xml", Data("""
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="0.00%"/><numFmt numFmtId="165" formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts><cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="165" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>
            """.utf8)),
    ]
}

@_cdecl("LLVMFuzzerTestOneInput")
public func LLVMFuzzerTestOneInput(_ bytes: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let data = size > 0 && bytes != nil ? Data(bytes: bytes!, count: size) : Data()
    fuzzOne(data)
    return 0
}

import Foundation

/// Reads a PDF's text layer into tables and paragraphs: pdftotext places the
/// words (`PdfToText`), and the tables are rebuilt from their coordinates
/// (`PdfDocumentAssembler`). Scanned PDFs (no text layer) are reported, not OCRed.
public struct PdfReader: DocumentReader {
    public let format = "pdf"
    public var extractor: PdfToText

    public init(extractor: PdfToText = PdfToText()) {
        self.extractor = extractor
    }

    public func read(_ data: Data, path: String) throws -> Document {
        let at = SourceLocation(file: path)
        // Each page is laid out as soon as pdftotext has printed it, while it works on the next.
        var layouts: [PdfDocumentAssembler.PageLayout] = []
        var hasWords = false
        do {
            try extractor.pages(of: data) { page in
                hasWords = hasWords || !page.words.isEmpty
                layouts.append(PdfDocumentAssembler.layout(page))
            }
        } catch let failure as PdfToText.Failure {
            throw ReadError(message(failure), at: at)
        }
        guard hasWords else {
            throw ReadError("PDF 没有文字层（可能是扫描件），无法检查；不做 OCR（共 \(layouts.count) 页）", at: at)
        }
        return PdfDocumentAssembler.document(layouts: layouts, path: path)
    }

    func message(_ failure: PdfToText.Failure) -> String {
        switch failure {
        case .missingTool(let program):
            return "无法读取 PDF：找不到 \(program)（poppler）。请安装 poppler：Debian/Ubuntu `apt-get install poppler-utils`，macOS `brew install poppler`"
        case .failed(_, let reason):
            return "PDF 无法读取（已加密、损坏或不完整）：\(reason)"
        case .timedOut(let seconds):
            return "PDF 读取超时：pdftotext 超过 \(Int(seconds)) 秒未完成，已终止"
        case .outputTooLarge(let bytes):
            return "PDF 文字内容过大：pdftotext 输出超过 \(bytes >> 20) MB，已终止"
        case .tooManyWordsOnPage(let page):
            return "PDF 第\(page)页文字对象过多（超过 \(extractor.limits.wordsPerPage) 个），疑为异常文件，未检查"
        case .tooManyWords:
            return "PDF 文字对象过多（超过 \(extractor.limits.wordsTotal) 个），疑为异常文件，未检查"
        }
    }
}

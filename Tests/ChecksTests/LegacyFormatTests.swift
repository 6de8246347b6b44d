import XCTest
import Core
import Checks

/// Formats auditlint does not read get one parse-error that says how to convert them.
final class LegacyFormatTests: XCTestCase {
    private func only(_ bytes: [UInt8], path: String) -> Diagnostic? {
        let d = TestSupport.engine().lint(data: Data(bytes), path: path).diagnostics
        XCTAssertEqual(d.map(\.ruleId), ["parse-error"], path)
        return d.first
    }

    /// PDFs are read directly now (through pdftotext); a broken one says why it cannot be read,
    /// or, without poppler, which package to install.
    func testBrokenPdfSaysWhyItCannotBeRead() {
        let d = only(Array("%PDF-1.7\n%âãÏÓ\n1 0 obj\n".utf8), path: "report.pdf")
        let message = d?.message ?? ""
        XCTAssertTrue(message.contains("PDF 无法读取") || message.contains("poppler-utils"), message)
        XCTAssertEqual(d?.severity, .error)
    }

    func testLegacyWordAndExcelSayToConvertWithLibreOffice() {
        let ole2: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        XCTAssertTrue(only(ole2, path: "report.doc")?.message.contains("--convert-to docx") ?? false)
        XCTAssertTrue(only(ole2, path: "report.xls")?.message.contains("--convert-to xlsx") ?? false)
    }

    func testUnknownJsonIsNotAModel() {
        let d = only(Array(#"{"hello": 1}"#.utf8), path: "data.json")
        XCTAssertTrue(d?.message.contains("auditlint-model/1") ?? false, d?.message ?? "")
    }
}

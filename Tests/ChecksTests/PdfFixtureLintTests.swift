import XCTest
import Core
import Checks

/// The hunan-gxt overall form as a PDF made the real way (LibreOffice `soffice --headless --convert-to pdf`
/// of the committed .docx): read through pdftotext and the table rebuild, it gives the same findings as
/// the .docx, on the same items.
final class PdfFixtureLintTests: XCTestCase {
    static let pdf = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/hunan-gxt-2024-overall.pdf")
    static let docx = TestSupport.root.appendingPathComponent("Tests/CoreTests/Fixtures/hunan-gxt-2024-overall.docx")

    private func requirePdftotext() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if !path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") }) {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: the PDF reader cannot run")
        }
    }

    func testPdfGivesTheSameFindingsAsTheDocx() throws {
        try requirePdftotext()
        let pdf = TestSupport.engine().lint(path: Self.pdf.path).diagnostics
        let docx = TestSupport.engine().lint(path: Self.docx.path).diagnostics
        XCTAssertFalse(docx.isEmpty)
        XCTAssertEqual(pdf.map(\.ruleId), docx.map(\.ruleId))
        XCTAssertEqual(pdf.map(\.severity), docx.map(\.severity))
        XCTAssertEqual(pdf.map(\.subject), docx.map(\.subject))
        XCTAssertEqual(pdf.map(\.expected), docx.map(\.expected))
        XCTAssertEqual(pdf.map(\.actual), docx.map(\.actual))
        // The finding is placed on the PDF's page, table, row and cell, with no text line.
        let location = try XCTUnwrap(pdf.first?.location)
        XCTAssertNil(location.line)
        XCTAssertEqual(location.page, 1)
        XCTAssertNotNil(location.table)
        XCTAssertNotNil(location.cell)
        XCTAssertTrue(pdf.first?.message.contains("9.59") == true)
    }

    func testPdfIsReadAsPdf() throws {
        try requirePdftotext()
        let report = try ReportLoader.report(from: Data(contentsOf: Self.pdf), path: "hunan.pdf")
        XCTAssertEqual(report.document.format, "pdf")
        XCTAssertTrue(report.document.paragraphs.contains { TextNormalizer.compact($0.text).contains("2024年度部门整体支出绩效评价表") })
        XCTAssertFalse(report.forms.isEmpty)
    }
}

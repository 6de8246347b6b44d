import Foundation
import XCTest
@testable import Core

/// A table whose last row is alone at the top of the next page, without its header (苏州's
/// 一般公共预算支出表: 2220102 一般行政管理事务 on a page of its own).
final class PdfLoneContinuationRowTests: XCTestCase, SyntheticPdfWords {

    /// A coded row: code, name, then amounts right-aligned under 合计 and 基本支出 ("" leaves one empty).
    func row(_ code: String, _ name: String, _ amounts: [String], _ y: Double) -> [PdfWord] {
        var words = code.isEmpty ? [] : [w(code, 40, y)]
        words.append(w(name, 120, y))
        for (k, a) in amounts.enumerated() where !a.isEmpty { words.append(amount(a, right: 380 + Double(k) * 80, y)) }
        return words
    }

    func pages(second: [PdfWord]) -> [PdfPage] {
        let first = [w("苏州市某局2026年度单位预算公开", 200, 20), w("一般公共预算支出表", 200, 50),
                     w("科目编码", 40, 90), w("科目名称", 120, 90), w("合计", 350, 90), w("基本支出", 420, 90)]
            + row("", "合计", ["500.00", "300.00"], 110)
            + row("201", "一般公共服务支出", ["500.00", "300.00"], 130)
            + row("20101", "人大事务", ["500.00", "300.00"], 150)
            + row("2010101", "行政运行", ["300.00", "300.00"], 170)
        return [PdfPage(number: 1, width: 600, height: 800, words: first),
                PdfPage(number: 2, width: 600, height: 800, words: second)]
    }

    func testALastRowAloneOnTheNextPageJoinsItsTable() throws {
        let second = [w("苏州市某局2026年度单位预算公开", 200, 20)] + row("2010102", "一般行政管理事务", ["200.00", ""], 60)
            + [w("本页以下无正文。", 40, 200)]
        let doc = PdfDocumentAssembler.document(pages: pages(second: second), path: "t.pdf")
        XCTAssertEqual(doc.tables.count, 1)
        let last = try XCTUnwrap(doc.tables.first?.rows.last)
        XCTAssertEqual(last.cells.map(\.compact), ["2010102", "一般行政管理事务", "200.00", ""])
        XCTAssertEqual(last.location.page, 2)
        XCTAssertFalse(doc.paragraphs.contains { $0.text.contains("2010102") })
        // The running header stays text.
        XCTAssertTrue(doc.paragraphs.contains { $0.location.page == 2 && $0.text.contains("预算公开") })
        // Read as a row, the line completes its parent: 20101 = 300 + 200.
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertEqual(ledger.rows.last?.code, "2010102")
        XCTAssertEqual(ledger.rows.last?.parent, 2)
    }

    func testTextAtTheTopOfTheNextPageStaysText() {
        let second = [w("苏州市某局2026年度单位预算公开", 200, 20), w("三、机关运行经费支出预算情况说明", 40, 60),
                      w("2026年机关运行经费预算为", 40, 80), w("120.00", 153, 80), w("万元，比上年减少", 186, 80),
                      w("5.00", 269, 80), w("万元。", 292, 80)]
        let doc = PdfDocumentAssembler.document(pages: pages(second: second), path: "t.pdf")
        XCTAssertEqual(doc.tables.first?.rows.count, 5)
        XCTAssertTrue(doc.paragraphs.contains { $0.location.page == 2 && $0.text.contains("机关运行经费预算为") })
    }
}

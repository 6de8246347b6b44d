import Foundation
import XCTest
@testable import Core

/// 绩效目标表 pages as pdftotext places them: no amounts, so rows are told apart by their spacing
/// and by which cell wraps. A 三级指标 wrapped over two lines is one indicator row.
final class PdfWrappedIndicatorRowTests: XCTestCase, SyntheticPdfWords {

    /// The page: a project line, the indicator header, and rows 30 pt apart whose wrapped lines
    /// sit 12 pt apart.
    func targetsPage() -> [PdfWord] {
        var words = [w("政策和项目预算绩效目标表", 150, 20),
                     w("项目名称", 50, 60), w("审计业务经费", 230, 60)]
        words += [w("一级指标", 50, 120), w("二级指标", 130, 120), w("三级指标", 230, 120), w("指标值", 420, 120),
                  w("成本指标", 50, 150), w("经济成本", 130, 150), w("项目总成本", 230, 150), w("≤539万元", 420, 150),
                  // The value is centred on the second line of its wrapped 三级指标.
                  w("审计项目人员成本标准（旺", 230, 180), w("季除外）", 230, 192), w("≤560元/人/天", 420, 192),
                  // The 三级指标 wraps after the line that holds every other cell.
                  w("产出指标", 50, 222), w("数量指标", 130, 222), w("完成新工艺技术展厅基础装", 230, 222), w("=1项", 420, 222),
                  w("修", 230, 234),
                  w("质量指标", 130, 264), w("审计程序规范率", 230, 264), w("=100%", 420, 264)]
        return words
    }

    func rows(_ words: [PdfWord]) throws -> [[String]] {
        let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 1, width: 600, height: 800, words: words)], path: "t.pdf")
        let table = try XCTUnwrap(doc.tables.first)
        return table.rows.map { $0.cells.map(\.compact).filter { !$0.isEmpty } }
    }

    func testAValueCentredOnTheSecondLineOfItsIndicatorJoinsOneRow() throws {
        let rows = try rows(targetsPage())
        XCTAssertTrue(rows.contains(["审计项目人员成本标准（旺季除外）", "≤560元/人/天"]), "\(rows)")
        XCTAssertFalse(rows.contains(["审计项目人员成本标准（旺"]), "\(rows)")
    }

    func testAnIndicatorWrappedAfterItsRowStaysOneRow() throws {
        let rows = try rows(targetsPage())
        XCTAssertTrue(rows.contains(["产出指标", "数量指标", "完成新工艺技术展厅基础装修", "=1项"]), "\(rows)")
    }

    /// A 总体目标 sentence running across the 三级指标, 指标值 and 备注 columns does not set where
    /// the 三级指标 column's own text ends, so an indicator that fills it still wraps.
    func testASentenceAcrossTheColumnsDoesNotHideWhereAnIndicatorWraps() throws {
        var words = targetsPage() + [w("总体目标", 50, 90), w("完成指定审计项目保障审计监督工作顺利开展和审计质量持续提升", 230, 90), w("备注", 500, 120)]
        words += [150.0, 180, 222, 264].map { w("无", 500, $0) }
        let rows = try rows(words)
        XCTAssertTrue(rows.contains(["产出指标", "数量指标", "完成新工艺技术展厅基础装修", "=1项", "无"]), "\(rows)")
        XCTAssertFalse(rows.contains(["修"]), "\(rows)")
    }

    func testEachIndicatorIsOneRowOfTheRecognisedTable() throws {
        let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 1, width: 600, height: 800, words: targetsPage())], path: "t.pdf")
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .targets)
        XCTAssertEqual(form.indicators?.rows.map { TextNormalizer.compact($0.name.text) }, ["项目总成本", "审计项目人员成本标准（旺季除外）", "完成新工艺技术展厅基础装修", "审计程序规范率"])
    }
}

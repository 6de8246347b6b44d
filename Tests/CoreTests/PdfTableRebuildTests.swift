import Foundation
import XCTest
@testable import Core

/// The table rebuild on small synthetic pages: words placed as pdftotext would place them.
final class PdfTableRebuildTests: XCTestCase, SyntheticPdfWords {


    func texts(_ row: Row) -> [String] { row.cells.map(\.compact) }

    /// A 功能分类 table whose header spans two lines: 功能分类科目编码 over 类 款 项.
    func budgetHeader(_ y: Double) -> [PdfWord] {
        [w("功能分类科目编码", 50, y), w("功能分类科目名称", 160, y + 8), w("合计", 330, y + 8), w("基本支出", 400, y + 8), w("项目支出", 480, y + 8),
         w("类", 45, y + 16), w("款", 85, y + 16), w("项", 125, y + 16)]
    }

    func budgetRow(_ code: [String], _ label: String, _ amounts: [String], _ y: Double) -> [PdfWord] {
        var words: [PdfWord] = []
        for (k, part) in code.enumerated() where !part.isEmpty { words.append(w(part, 42 + Double(k) * 40, y)) }
        words.append(w(label, 160, y))
        for (k, a) in amounts.enumerated() where !a.isEmpty { words.append(amount(a, right: 380 + Double(k) * 80, y)) }
        return words
    }

    func testHeaderOverTwoLinesBecomesOneHeaderRow() throws {
        let words = [w("2026年一般公共预算支出功能分类预算表", 100, 40), w("单位：万元", 500, 70)]
            + budgetHeader(90)
            + budgetRow(["201", "", ""], "一般公共服务支出", ["1,200.00", "800.00", "400.00"], 130)
            + budgetRow(["201", "03", "01"], "行政运行", ["800.00", "800.00", ""], 150)
        let doc = PdfDocumentAssembler.document(pages: [page(1, words)], path: "t.pdf")
        XCTAssertEqual(doc.format, "pdf")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["2026年一般公共预算支出功能分类预算表", "单位：万元"])
        // The title comes before the table, so the recognizer sees it first.
        guard case .paragraph = doc.blocks.first, case .table(let table)? = doc.blocks.last else { return XCTFail("\(doc.blocks)") }
        XCTAssertEqual(table.rows.count, 3)
        XCTAssertEqual(texts(table.rows[0]), ["功能分类科目编码类", "功能分类科目编码款", "功能分类科目编码项", "功能分类科目名称", "合计", "基本支出", "项目支出"])
        XCTAssertEqual(texts(table.rows[1]), ["201", "", "", "一般公共服务支出", "1,200.00", "800.00", "400.00"])
        XCTAssertEqual(texts(table.rows[2]), ["201", "03", "01", "行政运行", "800.00", "800.00", ""])
        let cell = table.rows[2].cells[4].location
        XCTAssertEqual([cell.page, cell.table, cell.row, cell.cell], [1, 1, 3, 5])
        XCTAssertNil(cell.line)
        XCTAssertEqual(cell.logicalName, "第1页 表1 第3行 第5列")
        XCTAssertEqual(doc.paragraphs.first?.location.paragraph, 1)
        XCTAssertEqual(doc.paragraphs.first?.location.page, 1)
    }

    func testWrappedLabelIsJoinedIntoItsRow() throws {
        // The label wraps; its second line carries no amount and sits right under the first.
        let words = budgetHeader(90)
            + budgetRow(["201", "", ""], "一般公共服务支出", ["1,200.00", "800.00", "400.00"], 130)
            + budgetRow(["201", "99", ""], "其他一般公共服务", ["400.00", "", "400.00"], 160)
            + [w("支出（含补助）", 160, 171)]
            + budgetRow(["208", "", ""], "社会保障和就业支出", ["50.00", "50.00", ""], 200)
        let table = try XCTUnwrap(PdfDocumentAssembler.document(pages: [page(1, words)], path: "t.pdf").tables.first)
        XCTAssertEqual(table.rows.count, 4)
        XCTAssertEqual(table.rows[2].cells[3].text, "其他一般公共服务\n支出（含补助）")
        XCTAssertEqual(texts(table.rows[2]), ["201", "99", "", "其他一般公共服务支出（含补助）", "400.00", "", "400.00"])
        XCTAssertEqual(texts(table.rows[3]).prefix(4), ["208", "", "", "社会保障和就业支出"])
    }

    func testNameCentredOnItsRowJoinsThatRow() throws {
        // Tall rows print the name in two lines centred on the row: one above, one below the line
        // that holds the code and the amounts (whose name cell is empty).
        let words = budgetHeader(90)
            + budgetRow(["201", "", ""], "一般公共服务支出", ["1,200.00", "800.00", "400.00"], 140)
            + [w("行政", 160, 163)] + budgetRow(["201", "03", "01"], "", ["800.00", "800.00", ""], 175).filter { !$0.text.isEmpty } + [w("运行", 160, 187)]
            + [w("一般", 160, 205)] + budgetRow(["201", "03", "02"], "", ["400.00", "", "400.00"], 217).filter { !$0.text.isEmpty } + [w("行政管理事务", 160, 229)]
            + budgetRow(["208", "", ""], "社会保障和就业支出", ["50.00", "50.00", ""], 250)
        let table = try XCTUnwrap(PdfDocumentAssembler.document(pages: [page(1, words)], path: "t.pdf").tables.first)
        XCTAssertEqual(table.rows.count, 5, "\(table.rows.map(texts))")
        XCTAssertEqual(texts(table.rows[2]), ["201", "03", "01", "行政运行", "800.00", "800.00", ""])
        XCTAssertEqual(texts(table.rows[3]), ["201", "03", "02", "一般行政管理事务", "400.00", "", "400.00"])
        XCTAssertEqual(texts(table.rows[4]).prefix(4), ["208", "", "", "社会保障和就业支出"])
    }

    func testTableContinuedOnTheNextPageIsJoinedWithoutItsRepeatedHeader() throws {
        let first = [w("2026年部门支出预算总表", 150, 40)] + budgetHeader(90)
            + budgetRow(["201", "", ""], "一般公共服务支出", ["1,200.00", "800.00", "400.00"], 130)
            + budgetRow(["201", "03", "01"], "行政运行", ["800.00", "800.00", ""], 150)
            + [w("- 1 -", 290, 770)]
        let second = budgetHeader(50)
            + budgetRow(["208", "", ""], "社会保障和就业支出", ["50.00", "50.00", ""], 90)
            + budgetRow(["", "", ""], "合计", ["1,250.00", "850.00", "400.00"], 110)
            + [w("- 2 -", 290, 770)]
        let doc = PdfDocumentAssembler.document(pages: [page(1, first), page(2, second)], path: "t.pdf")
        XCTAssertEqual(doc.tables.count, 1)
        let table = try XCTUnwrap(doc.tables.first)
        XCTAssertEqual(table.rows.map { $0.cells[3].compact }, ["功能分类科目名称", "一般公共服务支出", "行政运行", "社会保障和就业支出", "合计"])
        XCTAssertEqual(table.rows.map(\.location.page), [1, 1, 1, 2, 2])
        XCTAssertEqual(table.rows.last?.cells[4].location.row, 5)
        // The page numbers are not text of the document.
        XCTAssertEqual(doc.paragraphs.map(\.text), ["2026年部门支出预算总表"])
    }

    func testTitleRepeatedOnEveryPageStillJoinsTheTable() throws {
        let title = [w("表3", 40, 20), w("支出总表", 250, 40), w("单位：万元", 500, 70)]
        let first = title + budgetHeader(90) + budgetRow(["201", "", ""], "一般公共服务支出", ["1.00", "1.00", ""], 130)
        let second = title + budgetHeader(90) + budgetRow(["201", "03", "01"], "行政运行", ["1.00", "1.00", ""], 130)
        let third = [w("支出总表（说明）", 250, 40)] + budgetHeader(90) + budgetRow(["208", "", ""], "社会保障和就业支出", ["2.00", "2.00", ""], 130)
        let doc = PdfDocumentAssembler.document(pages: [page(1, first), page(2, second), page(3, third)], path: "t.pdf")
        XCTAssertEqual(doc.tables.map(\.rows.count), [3, 2])
        XCTAssertEqual(doc.paragraphs.map(\.text), ["表3", "支出总表", "单位：万元", "支出总表（说明）"])
        XCTAssertEqual(doc.tables.first?.rows.map(\.location.page), [1, 1, 2])
    }

    func testAPartThatDoesNotStartTheNextPageIsANewTable() throws {
        let first = budgetHeader(90) + budgetRow(["201", "", ""], "一般公共服务支出", ["1.00", "1.00", ""], 130)
        let second = [w("2026年部门收入预算总表", 150, 40)] + budgetHeader(90) + budgetRow(["208", "", ""], "社会保障和就业支出", ["2.00", "2.00", ""], 130)
        let doc = PdfDocumentAssembler.document(pages: [page(1, first), page(2, second)], path: "t.pdf")
        XCTAssertEqual(doc.tables.count, 2)
        XCTAssertEqual(doc.tables.map(\.rows.count), [2, 2])
    }

    func testPageNumbersAndFootersAreLeftOut() {
        for footer in ["- 3 -", "第 3 页", "第3页 共12页", "3", "—3—", "3/12"] {
            let words = [w("一、部门主要职能", 40, 100), w("正文内容。", 40, 130)]
                + footer.split(separator: " ").enumerated().map { w(String($1), 280 + Double($0) * 30, 780) }
            let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 3, width: 600, height: 842, words: words)], path: "t.pdf")
            XCTAssertEqual(doc.paragraphs.map(\.text), ["一、部门主要职能", "正文内容。"], footer)
        }
        // A number in the body of the page is text, and so is one above other text at the bottom.
        let words = [w("2026", 40, 100), w("年度", 40, 700), w("12", 40, 760), w("注：单位万元。", 40, 790)]
        let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 1, width: 600, height: 842, words: words)], path: "t.pdf")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["2026", "年度", "12", "注：单位万元。"])
    }

    func testNarrativeLinesJoinIntoParagraphs() {
        // Two full-width lines and a short last line form one paragraph; an indented line starts the next.
        let full = String(repeating: "预算", count: 24)
        let words = [w(full, 60, 100), w(full + "预算", 40, 116), w("结束。", 40, 132), w("第二段开始。", 60, 150)]
        let doc = PdfDocumentAssembler.document(pages: [page(1, words)], path: "t.pdf")
        XCTAssertEqual(doc.paragraphs.count, 2)
        XCTAssertEqual(doc.paragraphs.first?.text.hasSuffix("结束。"), true)
        XCTAssertEqual(doc.paragraphs.map(\.location.paragraph), [1, 2])
    }

    func testBBoxOutputIsParsedWithEntities() throws {
        let xhtml = """
        <doc>
          <page width="595.000000" height="842.000000">
            <flow><block><line>
              <word xMin="10.500000" yMin="20.000000" xMax="60.000000" yMax="30.250000">R&amp;D&#x4E00;&lt;1&gt;</word>
              <word xMin="70.000000" yMin="20.000000" xMax="90.000000" yMax="30.000000">&quot;&#30446;&quot;</word>
            </line></block></flow>
          </page>
          <page width="595.000000" height="842.000000">
          </page>
        </doc>
        """
        let pages = try PdfBBoxParser.parse(Data(xhtml.utf8))
        XCTAssertEqual(pages.count, 2)
        XCTAssertEqual(pages[0].words.map(\.text), ["R&D一<1>", "\"目\""])
        XCTAssertEqual(pages[0].words[0].xMin, 10.5, accuracy: 1e-9)
        XCTAssertEqual(pages[0].words[0].yMax, 30.25, accuracy: 1e-9)
        XCTAssertEqual(pages[0].height, 842)
        XCTAssertTrue(pages[1].words.isEmpty)
        var limits = PdfLimits()
        limits.wordsPerPage = 1
        XCTAssertThrowsError(try PdfBBoxParser.parse(Data(xhtml.utf8), limits: limits)) { error in
            XCTAssertEqual(error as? PdfBBoxParser.Failure, .tooManyWordsOnPage(1))
        }
    }
}

/// A page just under the word cap, laid out as a dense grid (the worst case for the rebuild),
/// is analysed into a table (no timing asserted; a quadratic rebuild would not finish).
final class PdfLargePageTests: XCTestCase {
    func testDenseGridPageIsRebuilt() {
        var words: [PdfWord] = []
        for row in 0..<190 {
            for col in 0..<100 {
                let x = 5 + Double(col) * 8, y = 5 + Double(row) * 4.4
                words.append(PdfWord(col % 3 == 0 ? "\(row)" : "ab", xMin: x, yMin: y, xMax: x + 3, yMax: y + 3))
            }
        }
        let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 1, width: 595, height: 842, words: words)], path: "big.pdf")
        XCTAssertEqual(doc.tables.count, 1)
        XCTAssertGreaterThan(doc.tables.first?.rows.count ?? 0, 150)
    }
}

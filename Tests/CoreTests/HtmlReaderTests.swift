import Foundation
import XCTest
@testable import Core

/// The HTML reader on small pages written for one behaviour each, and on the seed-000 form
/// as LibreOffice and a GB2312 CMS page print it, against the .docx reader's grid.
final class HtmlReaderTests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    private func read(_ html: String, path: String = "t.html") throws -> Document {
        try HtmlReader().read(Data(html.utf8), path: path)
    }

    private func rows(_ table: Table?) -> [[String]] {
        (table?.rows ?? []).map { $0.cells.map(\.text) }
    }

    private func grid(_ table: Table?) -> [[String]] {
        (table?.rows ?? []).map { $0.cells.map { "\($0.location.cell ?? 0):\($0.text)" } }
    }

    // MARK: - Grid

    func testRowspanAndColspanRepeatMergedTextLikeWord() throws {
        let doc = try read("""
            <table>
            <tr><td rowspan="3">年度预算</td><td colspan=2>按收入性质分</td><td>合计</td></tr>
            <tr><td>一般公共预算</td><td rowspan='2'>10</td><td>12</td></tr>
            <tr><td>其他资金</td><td>2</td></tr>
            <tr><td colspan="4">总分</td></tr>
            </table>
            """)
        XCTAssertEqual(grid(doc.tables.first), [
            ["1:年度预算", "2:按收入性质分", "4:合计"],
            ["1:年度预算", "2:一般公共预算", "3:10", "4:12"],
            ["1:年度预算", "2:其他资金", "3:10", "4:2"],
            ["1:总分"],
        ])
        // A repeated cell keeps the location of the cell it repeats, with its own row.
        let repeated = try XCTUnwrap(doc.tables.first?.rows[2].cells.first)
        XCTAssertEqual([repeated.location.table, repeated.location.row, repeated.location.cell, repeated.location.line], [1, 3, 1, 2])
    }

    /// The CMS page was written by a Python script from the .docx's XML (vMerge → rowspan,
    /// gridSpan → colspan, unclosed cells, a layout wrapper): its grid must be the Word grid.
    func testCmsPageGridEqualsTheDocxGrid() throws {
        let html = try HtmlReader().read(Data(contentsOf: Self.root.appendingPathComponent(
            "Tests/ChecksTests/Fixtures/html/hunan-gxt-2024-overall.cms-gb2312.html")), path: "cms.html")
        let docx = try DocxReader().read(Data(contentsOf: Self.root.appendingPathComponent(
            "Tests/CoreTests/Fixtures/hunan-gxt-2024-overall.docx")), path: "form.docx")
        XCTAssertEqual(html.encoding, "GB18030")
        // The breadcrumb table comes first; the layout wrapper around both is dissolved.
        XCTAssertEqual(html.tables.count, 2)
        XCTAssertEqual(rows(html.tables.first), [["首页", "> 财政预决算 > 部门预决算"]])
        let form = html.tables.last
        XCTAssertEqual(form?.rows.count, 64)
        XCTAssertEqual(grid(form), grid(docx.tables.first))
        XCTAssertEqual(form?.rows.map { $0.cells.map { [$0.location.row, $0.location.cell] } },
                       docx.tables.first?.rows.map { $0.cells.map { [$0.location.row, $0.location.cell] } })
        XCTAssertEqual(html.paragraphs.map(\.text), docx.paragraphs.map(\.text))
    }

    /// LibreOffice drops a grid column that no cell boundary uses (Word's first two columns are
    /// always merged in this form), so cell numbers differ by one; the rows' texts are identical.
    func testLibreOfficeExportHasTheDocxRows() throws {
        let html = try HtmlReader().read(Data(contentsOf: Self.root.appendingPathComponent(
            "Tests/ChecksTests/Fixtures/html/hunan-gxt-2024-overall.libreoffice.html")), path: "lo.html")
        let docx = try DocxReader().read(Data(contentsOf: Self.root.appendingPathComponent(
            "Tests/CoreTests/Fixtures/hunan-gxt-2024-overall.docx")), path: "form.docx")
        XCTAssertEqual(html.tables.count, 1)
        XCTAssertEqual(rows(html.tables.first), rows(docx.tables.first))
        XCTAssertEqual(html.paragraphs.map(\.text), ["附表2"])
        // The 得分 cell of the 年度资金总额 row: its <td> starts on line 100 of the export.
        let score = try XCTUnwrap(html.tables.first?.rows[3].cells.last)
        XCTAssertEqual(score.text, "9.00")
        XCTAssertEqual([score.location.line, score.location.column, score.location.row, score.location.cell], [100, 3, 4, 8])
    }

    func testHugeColspanIsClampedAndAllocatesNothing() throws {
        let doc = try read("<table><tr><td colspan=1000000>a</td><td colspan=99999999999999999999>b</td><td>c</td></tr><tr><td>d</td></tr></table>")
        XCTAssertEqual(grid(doc.tables.first), [["1:a", "1001:b", "2001:c"], ["1:d"]])
    }

    func testRowspanRepeatsAreBoundedByTheBudget() throws {
        // 30,000 rows, each opening a cell that spans 65534 rows: unbounded, that is 450 million repeats.
        let html = "<table>" + String(repeating: "<tr><td rowspan=65534>x", count: 30_000) + "</table>"
        let doc = try read(html)
        let cells = doc.tables.first?.rows.reduce(0) { $0 + $1.cells.count } ?? 0
        XCTAssertEqual(doc.tables.first?.rows.count, 30_000)
        XCTAssertLessThanOrEqual(cells, 30_000 * 2 + HtmlRepeatBudget.base)
        // The first rows are resolved in full before the budget runs out.
        XCTAssertEqual(doc.tables.first?.rows[2].cells.map(\.location.cell), [1, 2, 3])
    }

    func testRowspanZeroSpansToTheEndOfItsRowGroup() throws {
        let doc = try read("<table><tbody><tr><td rowspan=0>a<td>1<tr><td>2</tbody><tbody><tr><td>3</table>")
        XCTAssertEqual(grid(doc.tables.first), [["1:a", "2:1"], ["1:a", "2:2"], ["1:3"]])
    }

    // MARK: - Tolerance

    func testUnclosedCellsRowsAndParagraphs() throws {
        let doc = try read("<p>前言<table><tr><td>a<td>b<tr><th>c<td>d</table><p>后记<p>再记")
        XCTAssertEqual(rows(doc.tables.first), [["a", "b"], ["c", "d"]])
        XCTAssertEqual(doc.paragraphs.map(\.text), ["前言", "后记", "再记"])
        // Reading order: paragraph, table, paragraphs.
        XCTAssertEqual(doc.blocks.map { if case .table = $0 { return "T" }; return "P" }, ["P", "T", "P", "P"])
    }

    func testBodyEndClosesAnUnclosedTable() throws {
        let doc = try read("<table><tr><td>合计<td>12.5</body></html>")
        XCTAssertEqual(rows(doc.tables.first), [["合计", "12.5"]])
    }

    func testPageCutOffInsideATableIsRefused() {
        XCTAssertThrowsError(try read("<html><body><p>前言</p>\n<table><tr><td>合计<td>12.5")) { error in
            let e = error as? ReadError
            XCTAssertTrue(e?.reason.contains("文件可能被截断") == true, "\(error)")
            XCTAssertEqual(e?.location.line, 2)
        }
        XCTAssertThrowsError(try read("<body><table><tr><td>a<!-- 没有结束 </table></body>")) { error in
            let e = error as? ReadError
            XCTAssertTrue(e?.reason.contains("注释") == true, "\(error)")
            XCTAssertEqual(e?.location.column, 23)
        }
        // Cut off outside a table: what was read stands, as a browser shows it.
        XCTAssertEqual(try read("<p>前</p><!-- 未结束 <p>后</p>").paragraphs.map(\.text), ["前"])
    }

    func testLayoutTableDissolvesAndTheInnerTableStandsAlone() throws {
        let doc = try read("""
            <table width=100%><tr><td>
              <h2>2024年度项目支出绩效自评表</h2>
              <table border=1><tr><td>项目名称</td><td>培训经费</td></tr></table>
              <p>说明：单位为万元</p>
            </td><td>侧栏</td></tr></table>
            """)
        XCTAssertEqual(doc.tables.count, 1)
        XCTAssertEqual(rows(doc.tables.first), [["项目名称", "培训经费"]])
        XCTAssertEqual(doc.paragraphs.map(\.text), ["2024年度项目支出绩效自评表", "说明：单位为万元", "侧栏"])
        XCTAssertEqual(doc.paragraphs.first?.headingLevel, 2)
        // Reading order kept: heading, table, note, side column.
        XCTAssertEqual(doc.blocks.map { if case .table = $0 { return "T" }; return "P" }, ["P", "T", "P", "P"])
    }

    func testADataTableKeepsItsRowsAndItsNestedTableFollowsIt() throws {
        let doc = try read("""
            <table><tr><td>项目名称</td><td>培训经费</td></tr>
            <tr><td>资金来源</td><td><table><tr><td>财政拨款</td><td>10</td></tr></table></td></tr>
            <tr><td>合计</td><td>10</td></tr></table>
            """)
        // The inner table's text does not leak into the outer cell; it is a table of its own.
        XCTAssertEqual(doc.tables.map { rows($0) }, [[["项目名称", "培训经费"], ["资金来源", ""], ["合计", "10"]], [["财政拨款", "10"]]])
        XCTAssertEqual(doc.tables.map(\.index), [1, 2])
        XCTAssertEqual(doc.paragraphs.count, 0)
    }

    func testTwoLevelsOfLayoutAroundTwoDataTables() throws {
        let doc = try read("""
            <table><tr><td><table><tr><td>
            <table><tr><td>一</td><td>1</td></tr></table>
            中间
            <table><tr><td>二</td><td>2</td></tr></table>
            </td></tr></table></td></tr></table>
            """)
        XCTAssertEqual(doc.tables.map { rows($0) }, [[["一", "1"]], [["二", "2"]]])
        XCTAssertEqual(doc.tables.map(\.index), [1, 2])
        XCTAssertEqual(doc.paragraphs.map(\.text), ["中间"])
    }

    func testATableDirectlyInATableEndsTheFirst() throws {
        // The HTML standard: a <table> start tag in a table (not in a cell) closes that table.
        let doc = try read("<table><tr><td>a</td></tr><table><tr><td>b</td></tr></table>")
        XCTAssertEqual(doc.tables.map { rows($0) }, [[["a"]], [["b"]]])
    }

    func testTablesNestedPastTheDepthLimitAreReadAsText() throws {
        let depth = HtmlDocumentBuilder.maxTableDepth + 20
        let html = String(repeating: "<table><tr><td>", count: depth) + "深处" + String(repeating: "</td></tr></table>", count: depth)
        let doc = try read(html)
        XCTAssertEqual(doc.tables.count, 1)
        XCTAssertEqual(rows(doc.tables.first), [["深处"]])
    }

    func testScriptStyleTitleAndCommentsAreNotText() throws {
        let doc = try read("""
            <html><head><title>标题不是正文</title><style>td { color: red } /* <td>x</td> */</style>
            <script type="text/javascript">var s = "<table><tr><td>年度资金总额</td></tr></table>"; if (a<b) {}</script>
            </head><body><!-- <p>旧内容</p> --><p>正文</p><SCRIPT>document.write("</scr" + "ipt>")</SCRIPT><p>后文</p></body></html>
            """)
        XCTAssertEqual(doc.tables.count, 0)
        XCTAssertEqual(doc.paragraphs.map(\.text), ["正文", "后文"])
    }

    /// What Word's "Save as Web Page" writes: conditional comments, `<![if …]>` declarations,
    /// Office namespaced tags and `mso` spans of no-break spaces.
    func testWordSavedWebPageMarkup() throws {
        let doc = try read("""
            <html xmlns:o="urn:schemas-microsoft-com:office:office"><head><!--[if gte mso 9]><xml><o:DocumentProperties>
            <o:Author>x</o:Author></o:DocumentProperties></xml><![endif]--></head><body lang=ZH-CN>
            <p class=MsoNormal><![if !supportLists]><span>1.<span style='font:7.0pt'>&nbsp;&nbsp; </span></span><![endif]>项目概况<o:p></o:p></p>
            <table class=MsoNormalTable border=1><tr><td width=100 rowspan=2 style='border:solid windowtext 1.0pt'>
            <p class=MsoNormal align=center><span lang=EN-US>年度<o:p></o:p></span></p></td>
            <td><p class=MsoNormal><span style='mso-spacerun:yes'>&nbsp; </span>资金<o:p></o:p></p></td></tr>
            <tr><td><p class=MsoNormal>10.5<o:p></o:p></p></td></tr></table></body></html>
            """)
        XCTAssertEqual(doc.paragraphs.map(\.text), ["1.   项目概况"])
        XCTAssertEqual(grid(doc.tables.first), [["1:年度", "2:  资金"], ["1:年度", "2:10.5"]])
    }

    func testCdataIsText() throws {
        let doc = try read("<p><![CDATA[a < b & c]]></p>")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["a < b & c"])
    }

    func testGarbageAndTruncation() throws {
        XCTAssertEqual(try read("<p>3 < 5 and 5 > 3 <3 </ p> x").paragraphs.map(\.text), ["3 < 5 and 5 > 3 <3 x"])
        // A tag cut off by the end of the file is dropped, the text before it kept.
        XCTAssertEqual(try read("<p>资金使用<td class=\"x").paragraphs.map(\.text), ["资金使用"])
        // An unterminated comment runs to the end of the file, as in a browser.
        XCTAssertEqual(try read("<p>前</p><!-- 未结束 <p>后</p>").paragraphs.map(\.text), ["前"])
        XCTAssertEqual(try read("<p>a</p><script>var x = 1;").paragraphs.map(\.text), ["a"])
        XCTAssertEqual(try read("<").paragraphs.map(\.text), ["<"])
        XCTAssertEqual(try read("<p>a</p></>&").paragraphs.map(\.text), ["a", "&"])
    }

    // MARK: - Text

    func testCharacterReferences() throws {
        let doc = try read("""
            <p>&lt;a&gt; &amp; &quot;q&quot; &apos;s&apos; &yen;5 2&times;3 a&middot;b &mdash; &ldquo;引&rdquo; &hellip;</p>
            <p>&#20013;&#x6587;&#X4E2D; &#150; &#0; &#xD800; &#1114112;</p>
            <p>&unknown; &amp &nbsp;x AT&T &#; &#x;</p>
            """)
        XCTAssertEqual(doc.paragraphs.map(\.text), [
            "<a> & \"q\" 's' ¥5 2×3 a·b — “引” …",
            "中文中 – \u{FFFD} \u{FFFD} \u{FFFD}",
            "&unknown; &  x AT&T &#; &#x;",
        ])
    }

    func testAttributeValuesAreDecoded() throws {
        var tokenizer = HtmlTokenizer(bytes: Array("<td title='a&amp;b' colspan = \"2\" nowrap data-x=1>".utf8))
        guard case .startTag(let name, let attributes, _, _)? = tokenizer.next() else { return XCTFail("no tag") }
        XCTAssertEqual(name, "td")
        XCTAssertEqual(attributes.map { "\($0.name)=\($0.value)" }, ["title=a&b", "colspan=2", "nowrap=", "data-x=1"])
    }

    func testWhitespaceCollapsesAsInABrowser() throws {
        let doc = try read("""
            <p>  资金
               使用\t情况  良好 </p>
            <p>Total
              amount</p>
            <table><tr><td>&nbsp;&nbsp;行政运行&nbsp;</td><td>&nbsp;</td><td> <p><br/></p> </td></tr></table>
            """)
        // A source line break between two CJK characters is no space; between Latin words it is one.
        XCTAssertEqual(doc.paragraphs.map(\.text), ["资金使用 情况 良好", "Total amount"])
        // Leading no-break spaces indent a ledger label; a cell of only spaces or <br> is empty.
        XCTAssertEqual(rows(doc.tables.first), [["  行政运行", "", ""]])
    }

    func testBrBreaksALineInACellAndEndsAParagraphOutside() throws {
        let doc = try read("<p>第一行<br>第二行</p><table><tr><td>因疫情影响，<br/>项目延期。<br><br>下一步加快进度</td></tr></table>")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["第一行", "第二行"])
        XCTAssertEqual(rows(doc.tables.first), [["因疫情影响，\n项目延期。\n\n下一步加快进度"]])
    }

    func testBlocksSplitACellIntoLines() throws {
        let doc = try read("<table><tr><td><p>一</p><div>二</div><span>三</span><li>四</td></tr></table>")
        XCTAssertEqual(rows(doc.tables.first), [["一\n二\n三\n四"]])
    }

    func testHeadingsAndCaption() throws {
        let doc = try read("<h1>部门预算</h1><h3 class=t>一、收支总表</h3><table><caption>表1 收支总表</caption><tr><td>合计</td></tr></table>")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["部门预算", "一、收支总表", "表1 收支总表"])
        XCTAssertEqual(doc.paragraphs.map(\.headingLevel), [1, 3, nil])
    }

    func testLocationsCarryLinesAndTablePositions() throws {
        let doc = try read("<p>前言</p>\n<table>\n<tr>\n  <td>a</td>\n  <td>b</td>\n</tr>\n</table>\n<p>\n  结语</p>", path: "x.html")
        XCTAssertEqual(doc.format, "html")
        let b = try XCTUnwrap(doc.tables.first?.rows.first?.cells.last)
        XCTAssertEqual(b.location, SourceLocation(file: "x.html", line: 5, column: 3, table: 1, row: 1, cell: 2))
        XCTAssertEqual(doc.paragraphs.map { [$0.location.line, $0.location.column, $0.location.paragraph] }, [[1, 4, 1], [9, 3, 2]])
        XCTAssertEqual(doc.tables.first?.location.line, 2)
    }

    // MARK: - Charset

    /// GB2312 bytes for "预算资金合计".
    private let gbBytes: [UInt8] = [0xD4, 0xA4, 0xCB, 0xE3, 0xD7, 0xCA, 0xBD, 0xF0, 0xBA, 0xCF, 0xBC, 0xC6]

    func testGb2312FromMetaHttpEquiv() throws {
        let page = Array("<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>".utf8)
            + gbBytes + Array("</p></body></html>".utf8)
        let doc = try HtmlReader().read(Data(page), path: "gb.html")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["预算资金合计"])
        XCTAssertEqual(doc.encoding, "GB18030")
    }

    func testMetaCharsetWinsOverBytesThatAreAlsoValidUTF8() throws {
        // C3 A9 is "é" in UTF-8 and "茅" in GBK: only the declaration can tell.
        let body: [UInt8] = [0xC3, 0xA9, 0xC3, 0xA9]
        let declared = Array("<!-- <meta charset=utf-8> --><meta charset='GBK'><p>".utf8) + body
        XCTAssertEqual(try HtmlReader().read(Data(declared), path: "a.html").paragraphs.map(\.text), ["茅茅"])
        let undeclared = Array("<html><p>".utf8) + body
        XCTAssertEqual(try HtmlReader().read(Data(undeclared), path: "b.html").paragraphs.map(\.text), ["éé"])
    }

    func testUndeclaredGbkFallsBackToGB18030AndATruncatedCharacterIsForgiven() throws {
        let page = Array("<html><body><p>".utf8) + gbBytes + gbBytes + gbBytes
        XCTAssertEqual(try HtmlReader().read(Data(page), path: "c.html").paragraphs.map(\.text), ["预算资金合计预算资金合计预算资金合计"])
        let cut = Array("<meta charset=gb2312><p>".utf8) + gbBytes + [0xD4]
        XCTAssertEqual(try HtmlReader().read(Data(cut), path: "d.html").paragraphs.map(\.text), ["预算资金合计"])
    }

    func testDeclaredCharsetIsFoundPastScriptsAndNotPastThePrescan() {
        let late = String(repeating: " ", count: HtmlCharset.prescanLength) + "<meta charset=gbk>"
        XCTAssertNil(HtmlCharset.declaredCharset(in: Array(late.utf8)))
        XCTAssertEqual(HtmlCharset.declaredCharset(in: Array("<script src=x></script><META HTTP-EQUIV=content-type CONTENT='text/html;charset=GB2312'>".utf8)), "gb2312")
    }

    func testUTF8PageCutInsideItsLastCharacterIsRead() throws {
        let page = Array("<p>预算资金".utf8)
        XCTAssertEqual(try HtmlReader().read(Data(page.dropLast(1)), path: "cut.html").paragraphs.map(\.text), ["预算资"])
        XCTAssertEqual(try HtmlReader().read(Data(page.dropLast(2)), path: "cut.html").paragraphs.map(\.text), ["预算资"])
    }

    func testXhtmlPageWithAnXmlDeclaration() throws {
        let page = Array("<?xml version=\"1.0\" encoding=\"GB2312\"?>\n<!DOCTYPE html PUBLIC \"-//W3C//DTD XHTML 1.0 Transitional//EN\">\n<html><body><p>".utf8)
            + gbBytes + Array("</p></body></html>".utf8)
        XCTAssertEqual(ReaderRegistry.sniff(Data(page)), .html)
        XCTAssertEqual(try HtmlReader().read(Data(page), path: "x.html").paragraphs.map(\.text), ["预算资金合计"])
    }

    func testEmptyFileIsAnError() {
        XCTAssertThrowsError(try HtmlReader().read(Data(), path: "e.html"))
    }
}

import Foundation
import XCTest
@testable import Core
import TestSupport

final class OfficeReaderTests: XCTestCase {
    // MARK: - Fixtures

    private func fixture(_ name: String) throws -> Data {
        let url = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"),
                                "missing fixture \(name)")
        return try Data(contentsOf: url)
    }

    private func readDocx(_ name: String) throws -> Document {
        try DocxReader().read(fixture(name), path: name)
    }

    private func readXlsx(_ name: String) throws -> Document {
        try XlsxReader().read(fixture(name), path: name)
    }

    /// The Word cell starting at grid column `column` of table row `row`.
    private func docxCell(_ doc: Document, row: Int, column: Int, file: StaticString = #filePath,
                          line: UInt = #line) throws -> Cell {
        let table = try XCTUnwrap(doc.tables.first, file: file, line: line)
        let r = try XCTUnwrap(table.rows.indices.contains(row - 1) ? table.rows[row - 1] : nil, file: file, line: line)
        return try XCTUnwrap(r.cells.first { $0.location.cell == column }, "no cell at \(row),\(column)",
                             file: file, line: line)
    }

    private func xlsxCell(_ doc: Document, _ ref: String, file: StaticString = #filePath,
                          line: UInt = #line) throws -> Cell {
        let cell = doc.tables.first?.rows.lazy.flatMap(\.cells).first { $0.location.cellRef == ref }
        return try XCTUnwrap(cell, "no cell \(ref)", file: file, line: line)
    }

    // MARK: - docx content

    func testDocxReadsParagraphsAndTableInOrder() throws {
        let doc = try readDocx("hunan-gxt-2024-overall.docx")
        XCTAssertEqual(doc.format, "docx")
        XCTAssertEqual(doc.tables.count, 1)
        guard case .paragraph(let heading)? = doc.blocks.first, case .table? = doc.blocks.dropFirst().first else {
            return XCTFail("expected 附表2 then the table, got \(doc.blocks.count) blocks")
        }
        XCTAssertEqual(heading.text, "附表2")
        XCTAssertEqual(heading.location, SourceLocation(file: "hunan-gxt-2024-overall.docx", paragraph: 1))
        let table = doc.tables[0]
        XCTAssertEqual(table.index, 1)
        XCTAssertEqual(table.rows.count, 64)
        // The title spans all ten grid columns and appears once.
        XCTAssertEqual(table.rows[0].cells.map(\.text), ["2024年度部门整体支出绩效评价表"])
    }

    func testDocxFundingRowKeepsPrintedNumbersAndGridColumns() throws {
        let doc = try readDocx("hunan-gxt-2024-overall.docx")
        let row = try XCTUnwrap(doc.tables[0].rows.first { $0.cells.contains { $0.text == "年度资金总额" } })
        XCTAssertEqual(row.cells.map(\.text),
                       ["年度预算申请（万元）", "年度资金总额", "73,360.55", "108,535.97", "104,092.39", "10", "95.91%", "9.00"])
        XCTAssertEqual(row.cells.map { $0.location.cell }, [1, 3, 4, 5, 6, 7, 8, 9])
        XCTAssertEqual(row.cells[2].location,
                       SourceLocation(file: "hunan-gxt-2024-overall.docx", table: 1, row: 4, cell: 4))
        XCTAssertEqual(row.location, SourceLocation(file: "hunan-gxt-2024-overall.docx", table: 1, row: 4))
    }

    func testDocxVerticalMergeRepeatsInEveryRow() throws {
        let doc = try readDocx("hunan-gxt-2024-overall.docx")
        for r in 13...45 { XCTAssertEqual(try docxCell(doc, row: r, column: 3).text, "产出指标（50分）", "row \(r)") }
        for r in 46...60 { XCTAssertEqual(try docxCell(doc, row: r, column: 3).text, "效益指标（30分）", "row \(r)") }
        for r in 13...35 { XCTAssertEqual(try docxCell(doc, row: r, column: 4).text, "数量指标", "row \(r)") }
        for r in 12...63 { XCTAssertEqual(try docxCell(doc, row: r, column: 1).text, "绩效指标", "row \(r)") }
        XCTAssertEqual(try docxCell(doc, row: 36, column: 4).text, "质量指标")
        XCTAssertEqual(try docxCell(doc, row: 64, column: 1).text, "总分")
    }

    func testDocxIndicatorRowCells() throws {
        let doc = try readDocx("hunan-gxt-2024-overall.docx")
        let row = doc.tables[0].rows[18]
        XCTAssertEqual(row.cells.map(\.text), ["绩效指标", "产出指标（50分）", "数量指标", "新增碳减排标杆企业数量",
                                               "≥10家", "7家", "1", "0.5",
                                               "部分企业对碳减排技术的应用还存在一定的困难和挑战，如一些传统高耗能企业由于生产工艺复杂、设备更新成本高等原因，在短期内难以实现有效的碳减排。"])
        XCTAssertEqual(row.cells.map { $0.location.cell }, [1, 3, 4, 5, 6, 7, 8, 9, 10])
    }

    func testHandBuiltDocxStructure() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        var zip = TestZipWriter()
        zip.addStored("word/styles.xml", """
            <w:styles \(w)><w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/></w:style>
            <w:style w:type="paragraph" w:styleId="a5"><w:name w:val="正文"/><w:pPr><w:outlineLvl w:val="1"/></w:pPr></w:style>
            </w:styles>
            """)
        zip.addDeflated("word/document.xml", """
            <w:document \(w) xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
              xmlns:m="http://schemas.openxmlformats.org/officeDocument/2006/math"><w:body>
            <w:p><w:pPr><w:pStyle w:val="1"/><w:tabs><w:tab w:val="left" w:pos="720"/></w:tabs></w:pPr><w:r><w:t>一、基本情况</w:t></w:r></w:p>
            <w:p/>
            <w:p><w:pPr><w:pStyle w:val="a5"/></w:pPr><w:r><w:t>（一）</w:t><w:tab/><w:t>部门</w:t><w:br/><w:t>职能</w:t></w:r>
              <w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:drawing></mc:Choice>
              <mc:Fallback><w:pict><w:txbxContent><w:p><w:r><w:t>框内</w:t></w:r></w:p></w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r></w:p>
            <w:tbl>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>标签</w:t></w:r></w:p><w:p><w:r><w:t>第二段</w:t></w:r></w:p></w:tc>
                <w:tc><w:p><w:r><w:t>A</w:t></w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>内1</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>内2</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr>
              <w:tr><w:tc><w:tcPr><w:gridSpan w:val="2"/><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>B</w:t></w:r><w:del><w:r><w:delText>删</w:delText></w:r></w:del></w:p></w:tc></w:tr>
              <w:tr><w:trPr><w:gridBefore w:val="2"/></w:trPr><w:tc><w:p><m:oMath><m:r><m:t>x²</m:t></m:r></m:oMath></w:p></w:tc></w:tr>
            </w:tbl>
            <w:p><w:r><w:t xml:space="preserve">表后 </w:t></w:r></w:p>
            </w:body></w:document>
            """)
        let doc = try DocxReader().read(zip.data(), path: "built.docx")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["一、基本情况", "（一）\t部门\n职能框内", "表后 "])
        XCTAssertEqual(doc.paragraphs.map(\.headingLevel), [1, 2, nil])
        XCTAssertEqual(doc.paragraphs.map { $0.location.paragraph }, [1, 2, 3])
        guard doc.blocks.count == 4, case .table(let table) = doc.blocks[2] else { return XCTFail("\(doc.blocks)") }
        XCTAssertEqual(table.rows.map { $0.cells.map(\.text) },
                       [["标签\n第二段", "A\n内1\n内2"], ["标签\n第二段", "B"], ["x²"]])
        XCTAssertEqual(table.rows.map { $0.cells.map { $0.location.cell! } }, [[1, 3], [1, 3], [3]])
    }

    // MARK: - xlsx content

    func testXlsxPrintsNumbersWithTheirFormats() throws {
        let doc = try readXlsx("hunan-gxt-2024-overall.xlsx")
        XCTAssertEqual(doc.format, "xlsx")
        XCTAssertEqual(try xlsxCell(doc, "H4").text, "95.91%")
        XCTAssertEqual(try xlsxCell(doc, "D4").text, "73360.55")
        XCTAssertEqual(try xlsxCell(doc, "E4").text, "108535.97")
        XCTAssertEqual(try xlsxCell(doc, "I4").text, "9")          // stored 9, General
        XCTAssertEqual(try xlsxCell(doc, "I19").text, "0.5")
        // Stored as 0.9643999999999999 by openpyxl; Excel prints 96.44% with 0.00%.
        XCTAssertEqual(try xlsxCell(doc, "G61").text, "96.44%")
        XCTAssertEqual(try xlsxCell(doc, "I64").text, "96.4")
    }

    func testXlsxLocationsCarrySheetAndCellReference() throws {
        let doc = try readXlsx("hunan-gxt-2024-overall.xlsx")
        let table = try XCTUnwrap(doc.tables.first)
        XCTAssertEqual(table.index, 1)
        XCTAssertEqual(table.rows.count, 64)
        XCTAssertTrue(table.rows.allSatisfy { $0.cells.count == 10 })
        XCTAssertEqual(try xlsxCell(doc, "H4").location,
                       SourceLocation(file: "hunan-gxt-2024-overall.xlsx", table: 1, row: 4, cell: 8,
                                      sheet: "绩效自评表", cellRef: "H4"))
        XCTAssertEqual(table.rows[3].cells[7].location.logicalName, "绩效自评表!H4")
        XCTAssertEqual(table.location.sheet, "绩效自评表")
    }

    func testXlsxMergedRanges() throws {
        let doc = try readXlsx("hunan-gxt-2024-overall.xlsx")
        let rows = doc.tables[0].rows
        // A1:J1: the title once, the rest of the merge empty.
        XCTAssertEqual(rows[0].cells.map(\.text),
                       ["2024年度部门整体支出绩效评价表", "", "", "", "", "", "", "", "", ""])
        for r in 3...9 { XCTAssertEqual(rows[r - 1].cells[0].text, "年度预算申请（万元）", "A\(r)") }
        for r in 3...9 { XCTAssertEqual(rows[r - 1].cells[1].text, "", "B\(r)") }
        for r in 13...45 { XCTAssertEqual(try xlsxCell(doc, "C\(r)").text, "产出指标（50分）") }
        for r in 61...63 { XCTAssertEqual(try xlsxCell(doc, "D\(r)").text, "服务对象满意度指标") }
        XCTAssertEqual(try xlsxCell(doc, "A64").text, "总分")
        XCTAssertEqual(try xlsxCell(doc, "B64").text, "")
    }

    func testDocxAndXlsxAgreeOnIndicatorTexts() throws {
        let docx = try readDocx("hunan-gxt-2024-overall.docx")
        let xlsx = try readXlsx("hunan-gxt-2024-overall.xlsx")
        // Names, targets, actual values and notes are the same texts, except that Excel prints
        // every percent with the cell's 0.00% format ("100%" typed in Word is 100.00% in Excel).
        for r in 13...63 {
            for (column, letter) in [(5, "E"), (6, "F"), (7, "G"), (10, "J")] {
                let word = try docxCell(docx, row: r, column: column).text
                let excel = try xlsxCell(xlsx, "\(letter)\(r)").text
                if word.hasSuffix("%"), let value = DecimalText.parse(String(word.dropLast())) {
                    XCTAssertEqual(excel, ExcelNumberFormat(code: "0.00%").format(value / 100), "\(letter)\(r)")
                } else {
                    XCTAssertEqual(word, excel, "\(letter)\(r)")
                }
            }
        }
        XCTAssertEqual(try docxCell(docx, row: 36, column: 7).text, "100%")
        XCTAssertEqual(try xlsxCell(xlsx, "G36").text, "100.00%")
        XCTAssertEqual(try xlsxCell(xlsx, "G38").text, "7.30%")
    }

    func testOfficeReaderPicksTheFormatByContent() throws {
        let xlsx = try OfficeReader().read(fixture("hunan-gxt-2024-overall.xlsx"), path: "misnamed.docx")
        XCTAssertEqual(xlsx.format, "xlsx")
        let docx = try OfficeReader().read(fixture("hunan-gxt-2024-overall.docx"), path: "report")
        XCTAssertEqual(docx.format, "docx")
        var other = TestZipWriter()
        other.addStored("readme.txt", "hello")
        assertRejected("plain zip") { try OfficeReader().read(other.data(), path: "a.zip") }
        // A workbook handed to the Word reader says what it is instead of reading nothing.
        let wrong = assertRejected("xlsx as docx") {
            try DocxReader().read(self.fixture("hunan-gxt-2024-overall.xlsx"), path: "x.docx")
        }
        XCTAssertTrue(wrong?.contains("不是 Word 文档") == true, wrong ?? "")
    }

    // MARK: - Defect variants

    func testVariantsCarryTheirDefect() throws {
        let cases: [(defect: String, row: Int, column: Int, ref: String, docx: String, xlsx: String)] = [
            ("sum", 9, 5, "E9", "7,288.94", "7288.94"),
            ("rate", 4, 8, "H4", "96.91%", "96.91%"),
            ("score", 18, 9, "I18", "4", "4"),
            ("note", 19, 10, "J19", "", ""),
            ("templated", 13, 7, "G13", "/", "/"),
        ]
        let original = try readXlsx("hunan-gxt-2024-overall.xlsx")
        for c in cases {
            let name = "hunan-gxt-2024-overall-\(c.defect)"
            let docx = try readDocx(name + ".docx")
            let xlsx = try readXlsx(name + ".xlsx")
            let wordCell = try docxCell(docx, row: c.row, column: c.column)
            XCTAssertEqual(wordCell.text, c.docx, name)
            XCTAssertEqual(wordCell.location, SourceLocation(file: name + ".docx", table: 1, row: c.row, cell: c.column))
            let excelCell = try xlsxCell(xlsx, c.ref)
            XCTAssertEqual(excelCell.text, c.xlsx, name)
            XCTAssertEqual(excelCell.location.sheet, "绩效自评表")
            XCTAssertNotEqual(try xlsxCell(original, c.ref).text, c.xlsx, "\(name) must differ from the original")
            // Exactly one cell differs from the original workbook.
            let changed = zip(original.tables[0].rows.flatMap(\.cells), xlsx.tables[0].rows.flatMap(\.cells))
                .filter { $0.text != $1.text }.map { $1.location.cellRef }
            XCTAssertEqual(changed, [c.ref], name)
        }
    }

    // MARK: - Number formats

    func testNumberFormatsPrintLikeExcel() {
        func f(_ code: String, _ value: String, date1904: Bool = false) -> String {
            ExcelNumberFormat(code: code).format(DecimalText.parse(value)!, date1904: date1904)
        }
        XCTAssertEqual(f("0.00%", "0.9591"), "95.91%")
        XCTAssertEqual(f("0%", "0.5"), "50%")
        XCTAssertEqual(f("0.00", "9"), "9.00")
        XCTAssertEqual(f("#,##0.00", "108535.97"), "108,535.97")
        XCTAssertEqual(f("#,##0", "1234567.5"), "1,234,568")
        XCTAssertEqual(f("0", "0.4"), "0")
        // Exact decimal rounding, half away from zero: binary doubles would give 2.67 and -1.00.
        XCTAssertEqual(f("0.00", "2.675"), "2.68")
        XCTAssertEqual(f("0.00", "-1.005"), "-1.01")
        XCTAssertEqual(f("#,##0.00;[Red](#,##0.00)", "-1234.5"), "(1,234.50)")
        XCTAssertEqual(f("#,##0.00_);(#,##0.00)", "1234.5"), "1,234.50")
        XCTAssertEqual(f("0;-0;\"-\"", "0"), "-")
        XCTAssertEqual(f("0.00\"万元\"", "5"), "5.00万元")
        XCTAssertEqual(f("[$¥-804]#,##0.00", "12"), "¥12.00")
        XCTAssertEqual(f("#,##0,", "1234567"), "1,235")
        XCTAssertEqual(f("#.00", "0.5"), ".50")
        XCTAssertEqual(f("0.0#", "1.5"), "1.5")
        XCTAssertEqual(f("0.0#", "1.256"), "1.26")
        XCTAssertEqual(f("0.0#", "1"), "1.0")
        XCTAssertEqual(f("0.00E+00", "12345"), "1.23E+04")
        XCTAssertEqual(f("yyyy\"年\"m\"月\"d\"日\"", "45657"), "2024年12月31日")
        XCTAssertEqual(f(ExcelNumberFormat.builtinCode(14)!, "45292"), "2024/1/1")
        XCTAssertEqual(f("yyyy-mm-dd hh:mm", "45292.75"), "2024-01-01 18:00")
        XCTAssertEqual(f("yyyy-mm-dd", "0", date1904: true), "1904-01-01")
        XCTAssertEqual(f("h:mm AM/PM", "0.5"), "12:00 PM")
        XCTAssertEqual(f("@", "12.50"), "12.5")
    }

    func testGeneralPrintsTheShortestExactDecimal() {
        func g(_ value: String) -> String { ExcelNumberFormat.general.format(DecimalText.parse(value)!) }
        XCTAssertEqual(g("108535.97"), "108535.97")
        XCTAssertEqual(g("9"), "9")
        XCTAssertEqual(g("9.0"), "9")
        XCTAssertEqual(g("-0.25"), "-0.25")
        XCTAssertEqual(g("0.30000000000000004"), "0.3")
        XCTAssertEqual(g("1.0000000000000001E-2"), "0.01")
        XCTAssertEqual(g("96.399999999999991"), "96.4")
        XCTAssertNil(DecimalText.parse("12abc"))
        XCTAssertNil(DecimalText.parse(""))
        XCTAssertNil(DecimalText.parse("1e99999"))
    }

    func testHandBuiltWorkbookCellTypes() throws {
        var zip = TestZipWriter()
        zip.addStored("xl/workbook.xml", """
            <?xml version="1.0" encoding="UTF-8"?>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
              xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
            <sheets><sheet name="封面" sheetId="1" r:id="rId1"/><sheet name="数据" sheetId="2" r:id="rId2"/></sheets>
            </workbook>
            """)
        zip.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
            <Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
            <Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
            <Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
            <Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
            </Relationships>
            """)
        zip.addDeflated("xl/sharedStrings.xml", """
            <sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2">
            <si><t>执行率</t></si>
            <si><r><rPr><b/></rPr><t>年度</t></r><r><t xml:space="preserve">资金 总额</t></r><rPh sb="0" eb="2"><t>ねんど</t></rPh></si>
            </sst>
            """)
        zip.addStored("xl/styles.xml", """
            <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">
            <numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00&quot;万元&quot;"/></numFmts>
            <cellStyleXfs count="1"><xf numFmtId="10"/></cellStyleXfs>
            <cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="10"/><xf numFmtId="164"/><xf numFmtId="4"/></cellXfs>
            </styleSheet>
            """)
        zip.addStored("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData/></worksheet>
            """)
        zip.addDeflated("xl/worksheets/sheet2.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
            <row r="2"><c r="A2" t="s"><v>1</v></c><c s="2"><v>108535.97</v></c><c s="3"><v>-0.5</v></c></row>
            <row r="4"><c r="B4" t="inlineStr"><is><t>内联</t></is></c><c r="C4" t="b"><v>1</v></c>
              <c r="D4" t="str"><f>A1</f><v>公式</v></c><c r="E4" s="1"><v>0.9591</v></c><c r="F4" s="9"><v>3</v></c>
              <c r="G4" t="e"><v>#DIV/0!</v></c><c r="H4" s="1"/></row>
            </sheetData></worksheet>
            """)
        let doc = try XlsxReader().read(zip.data(), path: "built.xlsx")
        XCTAssertEqual(doc.tables.map(\.index), [1, 2])
        XCTAssertEqual(doc.tables[0].rows.count, 0)
        let sheet = doc.tables[1]
        XCTAssertEqual(sheet.rows.count, 4)
        XCTAssertEqual(sheet.rows[0].cells.count, 7)       // A..G: H4 has a style but no value
        XCTAssertEqual(sheet.rows[0].cells.map(\.text), ["", "", "", "", "", "", ""])
        XCTAssertEqual(sheet.rows[1].cells.map(\.text), ["年度资金 总额", "108,535.97万元", "-0.50", "", "", "", ""])
        XCTAssertEqual(sheet.rows[3].cells.map(\.text), ["", "内联", "TRUE", "公式", "95.91%", "3", "#DIV/0!"])
        XCTAssertEqual(sheet.rows[1].cells[1].location,
                       SourceLocation(file: "built.xlsx", table: 2, row: 2, cell: 2, sheet: "数据", cellRef: "B2"))
    }

    // MARK: - Hostile inputs

    /// Runs `body`, which must throw a `ReadError` quickly; returns its reason.
    @discardableResult
    private func assertRejected(_ what: String, file: StaticString = #filePath, line: UInt = #line,
                                _ body: () throws -> Document) -> String? {
        // A kill limit, not a timing: an input that was expanded instead of refused takes minutes
        // (a loaded machine stretched the refusals past the 1 s this once was).
        let start = Date()
        defer {
            XCTAssertLessThan(Date().timeIntervalSince(start), 20.0, "\(what) took too long", file: file, line: line)
        }
        do {
            _ = try body()
            XCTFail("\(what) was accepted", file: file, line: line)
        } catch let error as ReadError {
            XCTAssertFalse(error.reason.isEmpty, file: file, line: line)
            return error.reason
        } catch {
            XCTFail("\(what) threw \(error), not a ReadError", file: file, line: line)
        }
        return nil
    }

    func testTruncatedDocxIsRejected() throws {
        let data = try fixture("hunan-gxt-2024-overall.docx")
        let reason = assertRejected("truncated docx") { try DocxReader().read(data.prefix(data.count / 2), path: "t.docx") }
        XCTAssertEqual(reason, "docx 损坏：ZIP 中央目录缺失（文件可能被截断）")
        let xlsx = try fixture("hunan-gxt-2024-overall.xlsx")
        assertRejected("truncated xlsx") { try XlsxReader().read(xlsx.prefix(xlsx.count - 30), path: "t.xlsx") }
    }

    func testEveryTruncationOfADocxThrows() throws {
        let data = try fixture("hunan-gxt-2024-overall.docx")
        for length in stride(from: 0, to: data.count, by: 499) {
            XCTAssertThrowsError(try DocxReader().read(data.prefix(length), path: "t.docx")) {
                XCTAssertTrue($0 is ReadError, "length \(length): \($0)")
            }
        }
    }

    func testZipBombIsStoppedEarly() throws {
        let bomb = TestZipWriter.zeroBomb(megabytes: 300)
        var zip = TestZipWriter()
        zip.entries.append(.init(name: "word/document.xml", method: 8, payload: bomb.payload, crc: bomb.crc,
                                 uncompressedSize: UInt32(bomb.size)))
        let reason = assertRejected("300 MiB bomb") { try DocxReader().read(zip.data(), path: "bomb.docx") }
        XCTAssertTrue(reason?.contains("疑似 ZIP 炸弹") == true, reason ?? "")

        // Declared under the per-entry cap: the ratio check must stop inflation after about 1 MiB.
        zip.entries[0].uncompressedSize = 100 << 20
        let ratio = assertRejected("bomb with small declared size") { try DocxReader().read(zip.data(), path: "bomb.docx") }
        XCTAssertTrue(ratio?.contains("压缩比") == true, ratio ?? "")

        // A lying declared size does not buy the bomb more output than it declared.
        zip.entries[0].uncompressedSize = 1000
        assertRejected("bomb with lying size") { try DocxReader().read(zip.data(), path: "bomb.docx") }

        // With the ratio check off, inflation still stops at the declared size instead of running on.
        let limits = ZipLimits(maxEntryUncompressedSize: 4 << 20, maxCompressionRatio: .max)
        zip.entries[0].uncompressedSize = 3 << 20
        assertRejected("bomb within cap but lying") { try DocxReader(limits: limits).read(zip.data(), path: "b.docx") }
    }

    func testTotalSizeLimit() throws {
        let data = try fixture("hunan-gxt-2024-overall.docx")
        let limits = ZipLimits(maxTotalUncompressedSize: 40_000)
        let reason = assertRejected("total over limit") { try DocxReader(limits: limits).read(data, path: "x.docx") }
        XCTAssertTrue(reason?.contains("超过限制") == true, reason ?? "")
    }

    func testEntryCountLimit() {
        var zip = TestZipWriter()
        for i in 0..<20 { zip.addStored("f\(i).xml", "<a/>") }
        let reason = assertRejected("too many entries") {
            try DocxReader(limits: ZipLimits(maxEntryCount: 10)).read(zip.data(), path: "n.docx")
        }
        XCTAssertTrue(reason?.contains("条目数") == true, reason ?? "")
    }

    func testDTDAndEntitiesAreRefused() {
        let laughs = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
            <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
            <!ENTITY lol9 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">]>
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>&lol9;</w:t></w:r></w:p></w:body></w:document>
            """
        var docx = TestZipWriter()
        docx.addDeflated("word/document.xml", laughs)
        let reason = assertRejected("billion laughs docx") { try DocxReader().read(docx.data(), path: "l.docx") }
        XCTAssertTrue(reason?.hasPrefix("word/document.xml 含有 DOCTYPE") == true, reason ?? "")

        var xlsx = TestZipWriter()
        xlsx.addStored("xl/workbook.xml", """
            <?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>
            """)
        assertRejected("external entity xlsx") { try XlsxReader().read(xlsx.data(), path: "x.xlsx") }

        var utf16 = TestZipWriter()
        utf16.addStored("word/document.xml", [0xFF, 0xFE] + Array(laughs.data(using: .utf16LittleEndian)!))
        assertRejected("UTF-16 DTD") { try DocxReader().read(utf16.data(), path: "u.docx") }
    }

    func testGarbageIsRejected() {
        var generator = SeededGenerator(seed: 42)
        let garbage = Data((0..<65_536).map { _ in UInt8.random(in: 0...255, using: &generator) })
        assertRejected("garbage docx") { try DocxReader().read(garbage, path: "g.docx") }
        assertRejected("garbage xlsx") { try XlsxReader().read(garbage, path: "g.xlsx") }
        assertRejected("empty") { try DocxReader().read(Data(), path: "e.docx") }
        let ole = Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 512))
        let reason = assertRejected("OLE file") { try DocxReader().read(ole, path: "old.doc") }
        XCTAssertTrue(reason?.contains("复合文档") == true, reason ?? "")
    }

    func testMalformedPartsNameTheEntry() {
        var zip = TestZipWriter()
        zip.addStored("word/document.xml", """
            <w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">
            <w:body><w:p><w:r><w:t>未闭合</w:r></w:p></w:body></w:document>
            """)
        let reason = assertRejected("bad XML") { try DocxReader().read(zip.data(), path: "b.docx") }
        XCTAssertTrue(reason?.hasPrefix("word/document.xml 第2行 XML 错误") == true, reason ?? "")

        var noDocument = TestZipWriter()
        noDocument.addStored("word/styles.xml", "<w:styles xmlns:w=\"urn:x\"/>")
        let missing = assertRejected("no document.xml") { try DocxReader().read(noDocument.data(), path: "m.docx") }
        XCTAssertTrue(missing?.contains("word/document.xml") == true, missing ?? "")

        var badCRC = TestZipWriter()
        badCRC.addDeflated("word/document.xml", "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"/>")
        badCRC.entries[0].crc ^= 1
        let crc = assertRejected("bad CRC") { try DocxReader().read(badCRC.data(), path: "c.docx") }
        XCTAssertTrue(crc?.contains("CRC") == true, crc ?? "")

        var encrypted = TestZipWriter()
        encrypted.addStored("word/document.xml", "<x/>")
        encrypted.entries[0].flags |= 1
        assertRejected("encrypted entry") { try DocxReader().read(encrypted.data(), path: "e.docx") }

        var badRef = TestZipWriter()
        badRef.addStored("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>
            """)
        badRef.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        badRef.addStored("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>
            """)
        let shared = assertRejected("shared string out of range") { try XlsxReader().read(badRef.data(), path: "s.xlsx") }
        XCTAssertTrue(shared?.contains("A1") == true, shared ?? "")
    }

    private func oneSheetWorkbook(_ sheetData: String) -> Data {
        var zip = TestZipWriter()
        zip.addStored("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>
            """)
        zip.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.addStored("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(sheetData)</worksheet>
            """)
        return zip.data()
    }

    func testHugeSheetExtentIsReadFromItsCells() throws {
        let far = oneSheetWorkbook("""
            <sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>
            """)
        // A budget of 10 cells: the two cells present fit, the sheet's 17 billion grid cells would not.
        var limits = ResourceLimits()
        limits.cells = 10
        let table = try XlsxReader().read(far, path: "h.xlsx", budget: ReadBudget(limits)).tables[0]
        XCTAssertEqual(table.rows.map { $0.cells.map(\.text) }, [["1"], ["2"]])
        XCTAssertEqual(table.rows.map { $0.cells.map(\.location.cellRef) }, [["A1"], ["XFD1048576"]])
        XCTAssertEqual(table.rows[1].cells[0].location.cell, 16384)
        XCTAssertEqual(table.rows[1].location.row, 1_048_576)

        // Merges over the whole sheet hide the far value and must not be walked cell by cell.
        let merged = oneSheetWorkbook("""
            <sheetData><row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>3</v></c></row>
            <row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData>
            <mergeCells><mergeCell ref="A1:XFD1048576"/><mergeCell ref="C1:C1048576"/></mergeCells>
            """)
        let start = Date()
        let doc = try XlsxReader().read(merged, path: "m.xlsx")
        XCTAssertLessThan(Date().timeIntervalSince(start), 20.0, "a kill limit: walking the merges cell by cell takes minutes")
        XCTAssertEqual(doc.tables[0].rows.map { $0.cells.map(\.text) }, [["1"]])
    }

    func testCorruptedBytesNeverCrash() throws {
        let original = try fixture("hunan-gxt-2024-overall.xlsx")
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<150 {
            var bytes = [UInt8](original)
            for _ in 0..<3 { bytes[Int.random(in: 0..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            do { _ = try XlsxReader().read(Data(bytes), path: "c.xlsx") } catch { XCTAssertTrue(error is ReadError, "\(error)") }
        }
    }
}

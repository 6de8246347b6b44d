import Foundation
import XCTest
@testable import Core
import TestSupport

/// Sheets and tables are built from the cells present: blank padding is not materialised beyond
/// a small multiple of the cells, so a far-flung cell costs what a cell costs. Each input would
/// need far more cells than the budget allows if it were padded to its extent; each test asserts
/// that the read completes within that budget and yields every present cell at its place.
final class SparseGridTests: XCTestCase {
    private func workbook(_ sheetData: String) -> Data {
        var zip = TestZipWriter()
        zip.addStored("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>
            """)
        zip.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.addDeflated("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\(sheetData)</worksheet>
            """)
        return zip.data()
    }

    private func budget(cells: Int) -> ReadBudget {
        var limits = ResourceLimits()
        limits.cells = cells
        return ReadBudget(limits)
    }

    private func c(_ ref: String, _ text: String) -> String { "<c r=\"\(ref)\" t=\"inlineStr\"><is><t>\(text)</t></is></c>" }

    /// 2,000 cells on a diagonal across 1,000,000 rows and 16,000 columns: a padded grid would be
    /// 16 billion cells; read under a budget of 20,000 cells, every cell is there, in order.
    func testScatteredCellsAreEachReadOnce() throws {
        var rows = ""
        var expected: [String] = []
        for i in 1...2000 {
            let ref = XlsxCellPosition(row: i * 500, column: i * 8).reference
            rows += "<row r=\"\(i * 500)\">\(c(ref, "v\(i)"))</row>"
            expected.append(ref)
        }
        let table = try XlsxReader().read(workbook("<sheetData>\(rows)</sheetData>"), path: "d.xlsx", budget: budget(cells: 20_000)).tables[0]
        let present = table.rows.flatMap(\.cells).filter { !$0.text.isEmpty }
        XCTAssertEqual(present.map(\.location.cellRef), expected)
        XCTAssertEqual(present.map(\.text), (1...2000).map { "v\($0)" })
        XCTAssertEqual(table.rows.count, 2000, "only rows that hold a cell")
        XCTAssertLessThanOrEqual(table.rows.reduce(0) { $0 + $1.cells.count }, 20_000)
    }

    /// A form with a stray value far away: the form's rows keep their blank cells in place, so
    /// each value stays in its column; the stray value is read as the one cell of its row.
    func testAFormBesideAStrayFarCellKeepsItsColumns() throws {
        let sheet = """
            <sheetData><row r="1">\(c("A1", "项目"))\(c("B1", "预算数"))\(c("C1", "执行数"))\(c("D1", "备注"))</row>
            <row r="2">\(c("A2", "合计"))\(c("C2", "10.00"))</row>
            <row r="4">\(c("B4", "3.00"))\(c("D4", "无"))</row>
            <row r="1048576">\(c("XFD1048576", "far"))</row></sheetData>
            """
        let table = try XlsxReader().read(workbook(sheet), path: "f.xlsx", budget: budget(cells: 1000)).tables[0]
        XCTAssertEqual(table.rows.map { $0.cells.map(\.text) },
                       [["项目", "预算数", "执行数", "备注"], ["合计", "", "10.00"], ["", "3.00", "", "无"], ["far"]])
        XCTAssertEqual(table.rows.map { $0.location.row }, [1, 2, 4, 1_048_576])
        XCTAssertEqual(table.rows[1].cells.map(\.location.cellRef), ["A2", "B2", "C2"])
        XCTAssertEqual(table.rows[3].cells[0].location.cell, 16384)
    }

    /// A label merged down a whole column of a sparse sheet repeats into the rows that hold a
    /// cell, not into the million rows between them.
    func testAMergedLabelRepeatsOnlyIntoRowsThatHoldCells() throws {
        let sheet = """
            <sheetData><row r="1">\(c("A1", "产出指标"))\(c("B1", "数量"))</row>
            <row r="500000">\(c("B500000", "质量"))</row>
            <row r="1048576">\(c("ZZ1048576", "far"))</row></sheetData>
            <mergeCells><mergeCell ref="A1:A1048576"/></mergeCells>
            """
        let table = try XlsxReader().read(workbook(sheet), path: "m.xlsx", budget: budget(cells: 1000)).tables[0]
        XCTAssertEqual(table.rows.map { $0.cells.filter { !$0.text.isEmpty }.map(\.text) },
                       [["产出指标", "数量"], ["产出指标", "质量"], ["产出指标", "far"]])
        XCTAssertEqual(table.rows.map { $0.location.row }, [1, 500_000, 1_048_576])
    }

    /// The same 40 sheets of hostile 03 (A1 and ALL2000 in each): 80 cells, not 80 million.
    func testManySparseSheetsCostTheirCells() throws {
        var zip = TestZipWriter()
        let sheets = (1...40).map { "<sheet name=\"S\($0)\" r:id=\"rId1\"/>" }.joined()
        zip.addStored("xl/workbook.xml", "<workbook xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" xmlns:r=\"urn:r\"><sheets>\(sheets)</sheets></workbook>")
        zip.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        zip.addStored("xl/worksheets/sheet1.xml", """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">\(c("A1", "x"))</row><row r="2000"><c r="ALL2000"><v>1</v></c></row></sheetData></worksheet>
            """)
        let doc = try XlsxReader().read(zip.data(), path: "s.xlsx", budget: budget(cells: 100))
        XCTAssertEqual(doc.tables.count, 40)
        for table in doc.tables {
            XCTAssertEqual(table.rows.map { $0.cells.map(\.location.cellRef) }, [["A1"], ["ALL2000"]])
        }
    }

    /// A dense sheet is still a full grid: blank rows and trailing blank cells are kept, so the
    /// documents read today read the same.
    func testADenseSheetKeepsItsPadding() throws {
        let sheet = """
            <sheetData><row r="1">\(c("A1", "项目"))\(c("C1", "金额"))</row><row r="3">\(c("A3", "合计"))</row></sheetData>
            """
        let table = try XlsxReader().read(workbook(sheet), path: "p.xlsx").tables[0]
        XCTAssertEqual(table.rows.map { $0.cells.map(\.text) }, [["项目", "", "金额"], ["", "", ""], ["合计", "", ""]])
    }

    /// Word: a row of 2,000 cells each spanning 1,000 grid columns (and one starting 1,000
    /// columns in) is 2,001 cells, each at its grid column; the spanned columns are not built.
    func testDocxSpansAreNotPadded() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        var row = "<w:tr><w:trPr><w:gridBefore w:val=\"1000\"/></w:trPr>"
        for i in 0..<2000 { row += "<w:tc><w:tcPr><w:gridSpan w:val=\"1000\"/></w:tcPr><w:p><w:r><w:t>c\(i)</w:t></w:r></w:p></w:tc>" }
        row += "</w:tr><w:tr><w:tc><w:p><w:r><w:t>last</w:t></w:r></w:p></w:tc></w:tr>"
        var zip = TestZipWriter()
        zip.addStored("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>")
        zip.addDeflated("word/document.xml", "<w:document \(w)><w:body><w:tbl>\(row)</w:tbl></w:body></w:document>")
        let table = try DocxReader().read(zip.data(), path: "w.docx", budget: budget(cells: 3000)).tables[0]
        XCTAssertEqual(table.rows[0].cells.count, 2000)
        XCTAssertEqual(table.rows[0].cells.map(\.text), (0..<2000).map { "c\($0)" })
        XCTAssertEqual(table.rows[0].cells.last?.location.cell, 1000 + 1999 * 1000 + 1)
        XCTAssertEqual(table.rows[1].cells.map(\.text), ["last"])
    }
}

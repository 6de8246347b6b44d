import Foundation
import XCTest

/// Hostile saved web pages, each linted beside the clean seed copy like the other hostile inputs
/// (`HostileInputTests`'s harness: the binary with a hard kill limit, no timing assertions).
extension HostileInputTests {
    func htmlFixture(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: CLITests.root.appendingPathComponent("Tests/ChecksTests/Fixtures/html/\(name)")))
    }

    /// The `execution-rate` finding of the seed-000 form's 年度资金总额 row, at its row.
    func assertFundingRowFinding(_ r: Outcome, _ suffix: String, row: Int = 4, file: StaticString = #filePath, line: UInt = #line) {
        let d = r.diagnostics(suffix)
        let rate = d.first { $0["ruleId"] as? String == "execution-rate" }
        XCTAssertNotNil(rate, "\(d.prefix(3))", file: file, line: line)
        XCTAssertTrue((rate?["message"] as? String)?.contains("9.59") == true, file: file, line: line)
        XCTAssertEqual((rate?["location"] as? [String: Any])?["row"] as? Int, row, file: file, line: line)
    }

    func testTruncatedHtmlPage() throws {
        // Cut in the middle of the indicator table, inside a tag and inside a UTF-8 character.
        let page = try htmlFixture("hunan-gxt-2024-overall.libreoffice.html")
        var cut = page.count / 2
        while page[cut] < 0x80 || page[cut] & 0xC0 == 0x80 { cut += 1 }  // a lead byte of a Chinese character
        try write(Array(page[..<(cut + 1)]), "cut.html")
        let r = try lint()
        // Checking the half-read indicator table would report sums of rows that are only missing.
        let diag = assertParseError(r, "cut.html", contains: ["HTML", "表格中途结束", "文件可能被截断"])
        XCTAssertEqual((diag?["location"] as? [String: Any])?["line"] as? Int, 21, "the line of the open <table>")
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testTenMegabytesOfNestedTags() throws {
        var bytes = Array("<html><body>".utf8)
        let unit = Array("<div><table><tr><td><p>".utf8)
        bytes.reserveCapacity(10 << 20)
        while bytes.count < 10 << 20 { bytes += unit }
        try write(bytes, "nested.html")
        let r = try lint()
        // Read to the end (linear time, 32 tables deep at most), where it stops inside its
        // first table without </body>: a cut-off page.
        assertParseError(r, "nested.html", contains: ["表格中途结束", "文件可能被截断"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testColspanOfAMillion() throws {
        // The form's title cell spans a million columns, and 20,000 rows each open a cell
        // spanning a million columns and 65534 rows after the form.
        var page = String(decoding: try htmlFixture("hunan-gxt-2024-overall.libreoffice.html"), as: UTF8.self)
        page = page.replacingOccurrences(of: "<td colspan=\"9\"", with: "<td colspan=\"1000000\" rowspan=\"1\"")
        let hostileRows = String(repeating: "<tr><td colspan=1000000 rowspan=65534>合计<td>1", count: 20_000)
        page = page.replacingOccurrences(of: "</table>", with: hostileRows + "</table>")
        try write(Array(page.utf8), "colspan.html")
        let r = try lint()
        assertFundingRowFinding(r, "colspan.html")
        assertCleanSeedLinted(r)
    }

    func testUnterminatedHtmlComment() throws {
        // A comment opened inside the form and never closed hides the rest of the page, the
        // end of the table included: it is named rather than the half table checked.
        var page = String(decoding: try htmlFixture("hunan-gxt-2024-overall.libreoffice.html"), as: UTF8.self)
        let funding = try XCTUnwrap(page.range(of: "按收入性质分"))
        page.insert(contentsOf: "<!-- 未结束的注释 ", at: funding.lowerBound)
        try write(Array(page.utf8), "comment.html")
        let r = try lint()
        assertParseError(r, "comment.html", contains: ["注释", "没有结束"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }
}

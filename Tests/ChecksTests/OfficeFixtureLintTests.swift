import XCTest
import Core
import Checks

/// The seed-000 form as real .docx and .xlsx files (and variants with one injected
/// defect each): the same findings as the text seed, each defect reported at its cell.
final class OfficeFixtureLintTests: XCTestCase {
    static let fixtures = TestSupport.root.appendingPathComponent("Tests/CoreTests/Fixtures")

    private func lint(_ name: String) -> [Diagnostic] {
        TestSupport.engine().lint(path: Self.fixtures.appendingPathComponent(name).path).diagnostics
    }

    func testOfficeFilesGiveTheSameFindingsAsTheTextSeed() {
        let text = TestSupport.engine().lint(path: TestSupport.seedURL("000").path).diagnostics
        for name in ["hunan-gxt-2024-overall.docx", "hunan-gxt-2024-overall.xlsx"] {
            let office = lint(name)
            XCTAssertEqual(office.map { "\($0.ruleId)/\($0.severity)" }, text.map { "\($0.ruleId)/\($0.severity)" }, name)
            XCTAssertEqual(office.first?.expected, "9.59", name)
        }
        // The 得分 cell of the 年度资金总额 row: line 31 in text, column 9 of row 4 in Word, I4 in Excel.
        XCTAssertEqual(text.first?.location.line, 31)
        XCTAssertEqual(lint("hunan-gxt-2024-overall.docx").first.map { [$0.location.table, $0.location.row, $0.location.cell] }, [1, 4, 9])
        XCTAssertEqual(lint("hunan-gxt-2024-overall.xlsx").first?.location.cellRef, "I4")
    }

    /// The variant's finding of `rule` that the unmodified form does not have.
    private func injected(_ defect: String, _ ext: String, _ rule: String) -> Diagnostic? {
        let base = Set(lint("hunan-gxt-2024-overall.\(ext)").map(\.message))
        return lint("hunan-gxt-2024-overall-\(defect).\(ext)").first { $0.ruleId == rule && !base.contains($0.message) }
    }

    private func assertDocx(_ defect: String, _ rule: String, row: Int, cell: Int, file: StaticString = #filePath, line: UInt = #line) {
        let d = injected(defect, "docx", rule)
        XCTAssertNotNil(d, "\(defect).docx: no new \(rule)", file: file, line: line)
        XCTAssertEqual(d.map { [$0.location.table, $0.location.row, $0.location.cell] }, [1, row, cell], file: file, line: line)
    }

    private func assertXlsx(_ defect: String, _ rule: String, cell: String, file: StaticString = #filePath, line: UInt = #line) {
        let d = injected(defect, "xlsx", rule)
        XCTAssertNotNil(d, "\(defect).xlsx: no new \(rule)", file: file, line: line)
        XCTAssertEqual(d?.location.cellRef, cell, file: file, line: line)
        XCTAssertEqual(d?.location.sheet, "绩效自评表", file: file, line: line)
    }

    func testInjectedSum() {
        assertDocx("sum", "sum-mismatch", row: 6, cell: 5)
        assertXlsx("sum", "sum-mismatch", cell: "E6")
    }

    func testInjectedRate() {
        assertDocx("rate", "execution-rate", row: 4, cell: 8)
        assertXlsx("rate", "execution-rate", cell: "H4")
    }

    func testInjectedScoreOverWeight() {
        assertDocx("score", "score-exceeds-weight", row: 18, cell: 9)
        assertXlsx("score", "score-exceeds-weight", cell: "I18")
    }

    func testInjectedMissingNote() {
        assertDocx("note", "missing-deviation-note", row: 19, cell: 10)
        assertXlsx("note", "missing-deviation-note", cell: "J19")
    }

    func testInjectedTemplatedActual() {
        assertDocx("templated", "templated-indicator", row: 13, cell: 7)
        assertXlsx("templated", "templated-indicator", cell: "G13")
    }
}

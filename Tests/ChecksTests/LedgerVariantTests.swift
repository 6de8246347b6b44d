import Foundation
import XCTest
import Core
import Checks

/// One 一般公共预算支出功能分类预算表 in each notation budget disclosures print (Fixtures/templates/ledgers,
/// written by make_ledgers.py): 类/款/项 in three columns under a stacked header with the 合计 in the
/// code column, the seven-digit code in one column with amounts in 元 (TAB rows), and code and name
/// in one cell with the 合计 above the items. Each clean table has no finding and is read with its
/// parents; a wrong item amount is reported on its parent, and a wrong 合计 on the 合计.
final class LedgerVariantTests: XCTestCase {
    static let folder = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/templates/ledgers")
    static let files = ["split-codes.md", "joined-codes-yuan.tsv.txt", "code-in-name.md"]

    private func text(_ file: String) throws -> String {
        try String(contentsOf: Self.folder.appendingPathComponent(file), encoding: .utf8)
    }

    private func line(containing s: String, in text: String) -> Int {
        (text.components(separatedBy: "\n").firstIndex { $0.contains(s) } ?? -1) + 1
    }

    private func findings(_ text: String, _ file: String) -> [String] {
        TestSupport.lint(text, path: file).map { "\($0.ruleId)@\($0.location.line ?? 0)" }.sorted()
    }

    func testEachCleanTableIsReadWithItsParentsAndTotal() throws {
        for file in Self.files {
            let report = try ReportLoader.report(from: Data(try text(file).utf8), path: file)
            let ledger = try XCTUnwrap(report.forms.first?.ledgers.first, file)
            XCTAssertEqual(ledger.columns, ["合计", "基本支出", "项目支出"], file)
            XCTAssertEqual(ledger.unit, file.contains("yuan") ? "元" : "万元", file)
            XCTAssertEqual(ledger.rows.compactMap(\.code), ["201", "20103", "2010301", "2010302", "208", "20805", "2080505", "2080506"], file)
            let parents = ledger.rows.filter { $0.code != nil }.map { $0.parent.map { ledger.rows[$0].code ?? "?" } ?? "-" }
            XCTAssertEqual(parents, ["-", "201", "20103", "20103", "-", "208", "20805", "20805"], file)
            let total = try XCTUnwrap(ledger.rows.first { $0.isTotal }, "\(file): the 合计 is read as the total")
            XCTAssertEqual(total.values.map { $0?.compact }, file.contains("yuan")
                           ? ["14,168,400.00", "9,168,400.00", "5,000,000.00"] : ["1,416.84", "916.84", "500.00"],
                           "\(file): the 合计's amounts stand in their columns")
            XCTAssertEqual(findings(try text(file), file), [], file)
        }
    }

    func testAWrongItemIsReportedOnItsParentAndAWrongTotalOnTheTotal() throws {
        for file in Self.files {
            let clean = try text(file)
            let yuan = file.contains("yuan")
            // 行政运行 820.50 → 830.50: 政府办公厅（室）及相关机构事务 1,320.50 ≠ 830.50 + 500.00.
            let item = clean.replacingOccurrences(of: yuan ? "行政运行\t8,205,000.00" : "行政运行 | 820.50", with: yuan ? "行政运行\t8,305,000.00" : "行政运行 | 830.50")
            XCTAssertNotEqual(item, clean, file)
            XCTAssertEqual(findings(item, file), ["sum-mismatch@\(line(containing: "政府办公厅", in: item))"], file)
            // 合计 1,416.84 → 1,426.84: ≠ 一般公共服务支出 1,320.50 + 社会保障和就业支出 96.34.
            let total = clean.replacingOccurrences(of: yuan ? "14,168,400.00" : "1,416.84", with: yuan ? "14,268,400.00" : "1,426.84")
            XCTAssertNotEqual(total, clean, file)
            XCTAssertEqual(findings(total, file), ["sum-mismatch@\(line(containing: yuan ? "14,268,400.00" : "1,426.84", in: total))"], file)
        }
    }
}

import Checks
import Core
import Foundation
import XCTest

/// `pdftotext -layout` pads each cell to its column, so words a column gap apart are
/// separate cells even when a row shares its line with the cells of another column.
final class PdfLayoutColumnTests: XCTestCase {
    /// A real published project target table (国家信访局 2026 budget): 年度资金总额 2,706.79 =
    /// 财政拨款 2,616.79 + 上年结转 90.00 + 其他资金 0.00, printed beside 执行率 and "（10）".
    static let renwu = TestSupport.root.appendingPathComponent("../shared/corpus/renwu/gj-xfj-2026-dept-budget.pdf.txt").standardized

    func testTheThreeSourcesOfTheFundingBlockAreRead() throws {
        guard FileManager.default.fileExists(atPath: Self.renwu.path) else { throw XCTSkip("corpus not present") }
        let report = try ReportLoader.report(from: Data(contentsOf: Self.renwu), path: Self.renwu.path)
        let form = try XCTUnwrap(report.forms.first { $0.title.hasPrefix("信访综合保障经费") })
        let funding = try XCTUnwrap(form.funding)
        XCTAssertEqual(funding.initialBudget?.text, "2,706.79")
        XCTAssertEqual(funding.sources.map(\.label), ["财政拨款", "上年结转", "其他资金"])
        XCTAssertEqual(funding.sources.map { $0.initialBudget?.text }, ["2,616.79", "90.00", "0.00"])
        XCTAssertEqual(funding.sources.map { $0.location.line }, [933, 936, 937])
    }

    func testNoSumMismatchWhereTheSourcesAgree() throws {
        guard FileManager.default.fileExists(atPath: Self.renwu.path) else { throw XCTSkip("corpus not present") }
        let d = TestSupport.engine().lint(path: Self.renwu.path).diagnostics
        XCTAssertEqual(d.filter { $0.ruleId == "sum-mismatch" }.map(\.message), [])
    }

    /// A source that does not add up is still found on -layout text (one number changed).
    func testAMismatchedSourceIsFound() throws {
        guard FileManager.default.fileExists(atPath: Self.renwu.path) else { throw XCTSkip("corpus not present") }
        let text = try String(contentsOf: Self.renwu, encoding: .utf8)
        let changed = TestSupport.mutate(text, line: 936, replacing: "90.00", with: "91.00")
        let d = TestSupport.lint(changed, path: "renwu.pdf.txt").filter { $0.ruleId == "sum-mismatch" }
        XCTAssertEqual(d.count, 1, "\(d.map(\.message))")
        // The finding sits at the first item of the sum (财政拨款 2,616.79), as for seed 002.
        XCTAssertEqual(d.first?.location.line, 933)
        XCTAssertTrue(d.first?.message.contains("上年结转 91.00") == true && d.first?.message.contains("2,707.79") == true, "\(d.map(\.message))")
    }

    /// "年度资金总额：  2,706.79" and "（万元）      上年结转      90.00      （10）": cells split at column
    /// gaps and placed under the columns aligned across the lines (an empty cell where a line has none).
    func testColumnGapsSplitCells() throws {
        let text = """
                  年度资金总额：                       2,706.79
                       其中：财政拨款                  2,616.79              执行率
        （万元）              上年结转                   90.00                （10）
        """
        let doc = try ReaderRegistry().readText(Data(text.utf8), path: "p.txt")
        let rows = doc.tables.flatMap(\.rows).map { $0.cells.map(\.text) }
        XCTAssertEqual(rows, [["", "年度资金总额：", "2,706.79", ""], ["", "其中：财政拨款", "2,616.79", "执行率"], ["（万元）", "上年结转", "90.00", "（10）"]])
    }
}

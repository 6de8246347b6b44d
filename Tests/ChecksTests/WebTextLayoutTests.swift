import Checks
import Core
import Foundation
import XCTest

/// The web-text layout must lead to the same findings as the Word extraction of
/// the same form: Examples/webtext/000-webtext.txt is seed 000's funding block
/// and indicator table re-printed as "cell |" lines (see make_webtext.py).
final class WebTextLayoutTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private let seedPath = root.appendingPathComponent("Examples/seeds/000_3870ed54750f2314.txt").path
    private let webPath = root.appendingPathComponent("Examples/webtext/000-webtext.txt").path

    private func engine() -> LintEngine {
        LintEngine(registry: CheckRegistry(BuiltinChecks.all), settings: LintSettings())
    }

    private func report(_ path: String) throws -> Report {
        try ReportLoader.report(from: Data(contentsOf: URL(fileURLWithPath: path)), path: path)
    }

    func testFixtureIsReadAsWebText() throws {
        let result = engine().lint(path: webPath)
        XCTAssertEqual(result.format, "web-text")
    }

    func testSameRuleIdsAsTheSeed() {
        let seed = engine().lint(path: seedPath)
        let web = engine().lint(path: webPath)
        XCTAssertEqual(seed.format, "tab-cells")
        XCTAssertEqual(seed.diagnostics.map(\.ruleId), ["execution-rate"])
        XCTAssertEqual(web.diagnostics.map(\.ruleId), seed.diagnostics.map(\.ruleId))
        // The same finding in words, too: the message names the form and both numbers.
        XCTAssertEqual(web.diagnostics.map(\.message), seed.diagnostics.map(\.message))
        XCTAssertEqual(web.diagnostics.map(\.severity), [.warning])
    }

    func testFindingSitsAtTheScoreCell() throws {
        let web = engine().lint(path: webPath)
        let d = try XCTUnwrap(web.diagnostics.first)
        XCTAssertTrue(d.message.contains("9.00") && d.message.contains("9.59"), d.message)
        let lines = try String(contentsOfFile: webPath, encoding: .utf8).components(separatedBy: "\n")
        // Line 31 of the fixture is the 得分 cell "9.00 |" of the 年度资金总额 row.
        XCTAssertEqual(lines[30], "9.00 |")
        XCTAssertEqual(d.location.line, 31)
        XCTAssertEqual(d.location.column, 1)
    }

    /// The recognised model agrees value by value, so any check sees the same numbers.
    func testSameFundingAndIndicatorsAsTheSeed() throws {
        let seed = try report(seedPath)
        let web = try report(webPath)
        XCTAssertEqual(web.forms.count, 1)
        XCTAssertEqual(web.forms.map(\.kind), seed.forms.map(\.kind))
        XCTAssertEqual(web.forms.map(\.title), ["2024年度部门整体支出绩效评价表"])
        let sf = try XCTUnwrap(seed.forms.first?.funding), wf = try XCTUnwrap(web.forms.first?.funding)
        for c in FundingColumn.allCases {
            XCTAssertEqual(wf.value(c)?.compact, sf.value(c)?.compact, c.title)
        }
        XCTAssertEqual([wf.weight, wf.rate, wf.score].map { $0?.compact }, ["10", "95.91%", "9.00"])
        XCTAssertEqual(wf.incomeItems.map(\.label), sf.incomeItems.map(\.label))
        XCTAssertEqual(wf.incomeItems.map { $0.value?.compact }, sf.incomeItems.map { $0.value?.compact })
        XCTAssertEqual(wf.expenditureItems.map { $0.value?.compact }, ["63,114.68", "40,977.71"])

        let si = try XCTUnwrap(seed.forms.first?.indicators), wi = try XCTUnwrap(web.forms.first?.indicators)
        XCTAssertEqual(wi.groups.map(\.name), ["产出指标", "效益指标", "满意度指标"])
        XCTAssertEqual(wi.groups.map { $0.weight?.compact }, si.groups.map { $0.weight?.compact })
        XCTAssertEqual(wi.rows.count, si.rows.count)
        XCTAssertEqual(wi.rows.map(\.name.compact), si.rows.map(\.name.compact))
        XCTAssertEqual(wi.rows.map { $0.target?.compact }, si.rows.map { $0.target?.compact })
        XCTAssertEqual(wi.rows.map { $0.actual?.compact }, si.rows.map { $0.actual?.compact })
        XCTAssertEqual(wi.rows.map { $0.weight?.compact }, si.rows.map { $0.weight?.compact })
        XCTAssertEqual(wi.rows.map { $0.score?.compact }, si.rows.map { $0.score?.compact })
        XCTAssertEqual(wi.rows.map { $0.note?.compact }, si.rows.map { $0.note?.compact })
        XCTAssertEqual(wi.total?.weight?.compact, "100")
        XCTAssertEqual(wi.total?.score?.compact, "96.4")
    }
}

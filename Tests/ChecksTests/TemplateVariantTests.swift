import Foundation
import XCTest
import Core
import Checks

/// A 项目支出绩效自评表 of another template: web-page text with pipe rows that have no leading pipe
/// (a row that starts with " |" starts with an empty cell), and another province's header words
/// (调整后预算数, 预算执行数, 权重, 总额, 本年财政拨款, 上年结转, 其他来源, 指标值, 实际值,
/// 未完成原因分析, the 一级指标 weight in its heading). Four defects are written into it.
final class TemplateVariantTests: XCTestCase {
    static let form = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/templates/project-pipes-without-leading-pipe.txt")

    private func findings(_ text: String) -> [String] {
        TestSupport.lint(text, path: "form.txt").map { "\($0.ruleId)@\($0.location.line ?? 0)" }.sorted()
    }

    func testEveryDefectIsFoundAtItsLineAndNothingElse() throws {
        let text = try String(contentsOf: Self.form, encoding: .utf8)
        XCTAssertEqual(findings(text), [
            "execution-rate@6",            // 执行率 printed 100.00% but 117.00 of 130.00 were spent
            "missing-deviation-note@13",   // 按期完工率 scored 12 of 15 with no 未完成原因分析
            "templated-indicator@14",      // 明显改善 / 明显改善
            "unmet-target-full-score@11",  // 8个 against ≥10个, full score
        ])
    }

    func testTheFormIsReadWithItsOwnHeaderWords() throws {
        let text = try String(contentsOf: Self.form, encoding: .utf8)
        let report = try ReportLoader.report(from: Data(text.utf8), path: "form.txt")
        let form = try XCTUnwrap(report.forms.first)
        XCTAssertEqual(form.kind, .project)
        let f = try XCTUnwrap(form.funding)
        XCTAssertEqual([f.initialBudget?.text, f.budget?.text, f.executed?.text, f.weight?.text, f.rate?.text, f.score?.text],
                       ["120.00", "130.00", "117.00", "10", "100.00%", "10"])
        XCTAssertEqual(f.sources.map(\.label), ["本年财政拨款", "上年结转", "其他来源"])
        let rows = try XCTUnwrap(form.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.text), ["改造小区数量", "验收合格率", "按期完工率", "居民居住条件改善", "居民满意度"])
        XCTAssertEqual(rows.map { $0.weight?.text }, ["20", "15", "15", "30", "10"], "a row starting with a pipe keeps its empty first cell")
        XCTAssertEqual(form.indicators?.groups.map { $0.weight?.text }, ["50", "30", "10"])
    }

    /// The same form in two more layouts of web-page text (made by make_variants.py): every cell a
    /// line ending in " |", and one cell per paragraph. The rows are lost; the same four defects are found.
    func testTheSameDefectsInLayoutsThatLostTheirRows() throws {
        for name in ["project-web-cells.txt", "project-cell-paragraphs.txt"] {
            let url = Self.form.deletingLastPathComponent().appendingPathComponent(name)
            let found = TestSupport.lint(try String(contentsOf: url, encoding: .utf8), path: name).map(\.ruleId).sorted()
            XCTAssertEqual(found, ["execution-rate", "missing-deviation-note", "templated-indicator", "unmet-target-full-score"], name)
        }
    }

    func testACorrectedFormHasNoFinding() throws {
        var text = try String(contentsOf: Self.form, encoding: .utf8)
        text = TestSupport.mutate(text, line: 6, replacing: "| 10 | 100.00% | 10 |", with: "| 10 | 90.00% | 9 |")
        text = TestSupport.mutate(text, line: 11, replacing: "| 8个 |", with: "| 10个 |")
        text = TestSupport.mutate(text, line: 13, replacing: "| 15 | 12 | |", with: "| 15 | 12 | 两个小区因管线迁改延期，已督促施工单位倒排工期 |")
        text = TestSupport.mutate(text, line: 14, replacing: "| 明显改善 | 明显改善 |", with: "| 明显改善 | 改造后居民投诉下降 40% |")
        text = TestSupport.mutate(text, line: 16, replacing: "| 100 | 97 |", with: "| 100 | 96 |")
        XCTAssertEqual(findings(text), [])
    }
}

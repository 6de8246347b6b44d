import Foundation
import XCTest
import Core
import Checks

/// One 绩效自评表 per template variant (Fixtures/templates/cards, written by make_cards.py): the
/// national template in Markdown pipes with a leading 绩效指标 cell, the same after its rowspan was
/// lost (绩效指标（90分） only in the header row, indicator rows one cell short), another province's words with the
/// 一级指标 weight in its own column as TAB rows, and web-page text that lost its row ends with
/// 项目资金合计/实际支出/预期指标值/实际完成情况/权重 and the weight in the 一级指标 heading, and a
/// template that prints each target in three cells (指标性质 | 指标值 | 度量单位) with four sources.
/// Each clean form has no finding; each form check is then triggered by one defect written into one
/// cell, and must be reported by that rule at that cell's line, and nothing else.
final class CardVariantTests: XCTestCase {
    static let folder = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/templates/cards")

    /// How a variant's file addresses a cell: by the row holding `anchor` and a column (pipe and TAB
    /// rows), or by the `offset`-th line after the line holding `anchor` (one cell a line).
    enum Layout { case markdown, tsv, webCells }

    /// A cell: the row (or, one cell a line, the line) holding `anchor`, and a column (or line offset).
    struct Cell {
        var anchor: String
        var cell: Int
        init(_ anchor: String, _ cell: Int) { self.anchor = anchor; self.cell = cell }
    }

    struct Defect {
        /// The cells written, with their new text: the defect, and any cell that must follow it
        /// (a 总分 that follows a changed score) so that only the intended rule is broken.
        var writes: [(Cell, String)]
        /// The findings expected: rule and the cell whose line it is reported on.
        var expect: [(String, Cell)]
    }

    struct Variant {
        var file: String
        var layout: Layout
        var defects: [Defect]
        var indicatorRows = 5
        var sources = 3
    }

    /// Replaces one cell; returns the new text and the 1-based line of the cell.
    static func replace(_ text: String, layout: Layout, anchor: String, cell: Int, with value: String) throws -> (String, Int) {
        var lines = text.components(separatedBy: "\n")
        let hits = lines.indices.filter { lines[$0].contains(anchor) }
        guard hits.count == 1, let at = hits.first else { throw XCTSkip("anchor \(anchor) found \(hits.count) times") }
        switch layout {
        case .markdown:
            var cells = lines[at].components(separatedBy: "|")
            cells[cell + 1] = " \(value) "
            lines[at] = cells.joined(separator: "|")
            return (lines.joined(separator: "\n"), at + 1)
        case .tsv:
            var cells = lines[at].components(separatedBy: "\t")
            while cells.count <= cell { cells.append("") }
            cells[cell] = value
            lines[at] = cells.joined(separator: "\t")
            return (lines.joined(separator: "\n"), at + 1)
        case .webCells:
            lines[at + cell] = value.isEmpty ? "|" : "\(value) |"
            return (lines.joined(separator: "\n"), at + cell + 1)
        }
    }

    static let variants: [Variant] = [
        Variant(file: "national-markdown.md", layout: .markdown, defects: [
            // 228.00 of 240.00 is 95.00 %, not 100 %; the score 9.5 is right for 95 % and is not reported.
            Defect(writes: [(Cell("| 年度资金总额 |", 6), "100.00%")], expect: [("execution-rate", Cell("| 年度资金总额 |", 6))]),
            // 当年财政拨款 210.00 + 上年结转资金 35.00 + 其他资金 0.00 ≠ 全年预算数 240.00: reported where the sources start.
            Defect(writes: [(Cell("上年结转资金", 3), "35.00")], expect: [("sum-mismatch", Cell("当年财政拨款", 3))]),
            // 18 of 15, and so a 总分 of 102.5 over its 100.
            Defect(writes: [(Cell("服务对象投诉处理率", 7), "18"), (Cell("| 总分 |", 7), "102.5")],
                   expect: [("score-exceeds-weight", Cell("服务对象投诉处理率", 7)), ("score-exceeds-weight", Cell("| 总分 |", 7))]),
            Defect(writes: [(Cell("补助资金按时拨付率", 7), "12"), (Cell("| 总分 |", 7), "96.5")],
                   expect: [("missing-deviation-note", Cell("补助资金按时拨付率", 7))]),
            Defect(writes: [(Cell("服务老年人人次", 5), "4800人次")], expect: [("unmet-target-full-score", Cell("服务老年人人次", 5))]),
            Defect(writes: [(Cell("老年人生活便利程度", 5), "明显提升")], expect: [("templated-indicator", Cell("老年人生活便利程度", 5))]),
        ]),
        // The same form after its rowspan was lost: indicator rows one cell short of their header.
        Variant(file: "rowspan-lost.md", layout: .markdown, defects: [
            Defect(writes: [(Cell("| 年度资金总额 |", 6), "100.00%")], expect: [("execution-rate", Cell("| 年度资金总额 |", 6))]),
            Defect(writes: [(Cell("上年结转资金", 3), "35.00")], expect: [("sum-mismatch", Cell("当年财政拨款", 3))]),
            Defect(writes: [(Cell("服务对象投诉处理率", 6), "18"), (Cell("| 总分 |", 7), "102.5")],
                   expect: [("score-exceeds-weight", Cell("服务对象投诉处理率", 6)), ("score-exceeds-weight", Cell("| 总分 |", 7))]),
            Defect(writes: [(Cell("补助资金按时拨付率", 6), "12"), (Cell("| 总分 |", 7), "96.5")],
                   expect: [("missing-deviation-note", Cell("补助资金按时拨付率", 6))]),
            Defect(writes: [(Cell("服务老年人人次", 4), "4800人次")], expect: [("unmet-target-full-score", Cell("服务老年人人次", 4))]),
            Defect(writes: [(Cell("老年人生活便利程度", 4), "明显提升")], expect: [("templated-indicator", Cell("老年人生活便利程度", 4))]),
        ]),
        Variant(file: "weight-column.tsv.txt", layout: .tsv, defects: [
            // 1,170.00 of 1,300.00 is 90.00 %.
            Defect(writes: [(Cell("资金总额", 6), "95.00%")], expect: [("execution-rate", Cell("资金总额", 6))]),
            // 财政拨款 1,100.00 + 上年结转 250.00 + 其他资金 0.00 ≠ 年初预算数 1,250.00.
            Defect(writes: [(Cell("其中：财政拨款", 2), "1,100.00")], expect: [("sum-mismatch", Cell("其中：财政拨款", 2))]),
            // 33 of 30: over the indicator's 权重 and over its 一级指标's 分值 in the same row; 总分 102.
            Defect(writes: [(Cell("亩均粮食增产", 7), "33"), (Cell("总分", 7), "102")],
                   expect: [("score-exceeds-weight", Cell("亩均粮食增产", 7)), ("score-exceeds-weight", Cell("亩均粮食增产", 7)),
                            ("score-exceeds-weight", Cell("总分", 7))]),
            Defect(writes: [(Cell("项目按期完工率", 7), "10"), (Cell("总分", 7), "94")],
                   expect: [("missing-deviation-note", Cell("项目按期完工率", 7))]),
            Defect(writes: [(Cell("农户满意度", 5), "85%")], expect: [("unmet-target-full-score", Cell("农户满意度", 5))]),
            // A qualitative target repeated as the actual (100% against 100% is a met number, not a template).
            Defect(writes: [(Cell("亩均粮食增产", 4), "明显提高"), (Cell("亩均粮食增产", 5), "明显提高")],
                   expect: [("templated-indicator", Cell("亩均粮食增产", 5))]),
        ]),
        Variant(file: "web-cells.txt", layout: .webCells, defects: [
            // Cells after 项目资金合计: 年初预算数 +1, 全年预算数 +2, 实际支出 +3, 权重 +4, 执行率 +5, 得分 +6.
            Defect(writes: [(Cell("项目资金合计 |", 5), "96.00%")], expect: [("execution-rate", Cell("项目资金合计 |", 5))]),
            // 本年财政拨款 480.00 + 上年结转 50.00 + 其他来源 0.00 ≠ 实际支出 520.00.
            Defect(writes: [(Cell("其中：本年财政拨款 |", 3), "480.00")], expect: [("sum-mismatch", Cell("其中：本年财政拨款 |", 3))]),
            // Cells after a 三级指标: 指标值 +1, 实际值 +2, 权重 +3, 得分 +4; after 总分: 权重 +5, 得分 +6.
            Defect(writes: [(Cell("暑期完工率 |", 4), "16"), (Cell("总分 |", 6), "101")],
                   expect: [("score-exceeds-weight", Cell("暑期完工率 |", 4)), ("score-exceeds-weight", Cell("总分 |", 6)),
                            // 20 + 15 + 16 = 51 under a 产出指标 of 50 (its weight printed in the heading).
                            ("score-exceeds-weight", Cell("产出指标（50分） |", 0))]),
            Defect(writes: [(Cell("工程质量验收合格率 |", 4), "13"), (Cell("总分 |", 6), "98")],
                   expect: [("missing-deviation-note", Cell("工程质量验收合格率 |", 4))]),
            // An actual against its target is reported on the 三级指标 cell, which names the row.
            Defect(writes: [(Cell("维修改造校舍面积 |", 2), "7600平方米")], expect: [("unmet-target-full-score", Cell("维修改造校舍面积 |", 0))]),
            Defect(writes: [(Cell("师生满意度 |", 2), "≥90%")], expect: [("templated-indicator", Cell("师生满意度 |", 2))]),
        ]),
        // A two-row indicator header (绩效指标 | 年度指标值 | 实际完成值 | 分值 | 得分 | 偏差… over
        // 一级指标 | 二级指标 | 三级指标 | 指标性质 | 指标值 | 度量单位), "﹦" for =, pipe rows with "||||" ends.
        Variant(file: "two-row-header.md", layout: .markdown, defects: [
            Defect(writes: [(Cell("| 年度资金总额 |", 5), "90%")], expect: [("execution-rate", Cell("| 年度资金总额 |", 5))]),
            Defect(writes: [(Cell("其中：当年财政拨款", 3), "6.29")], expect: [("sum-mismatch", Cell("其中：当年财政拨款", 3))]),
            Defect(writes: [(Cell("项目验收合格率", 7), "22"), (Cell("| 总分 |", 2), "102")],
                   expect: [("score-exceeds-weight", Cell("项目验收合格率", 7)), ("score-exceeds-weight", Cell("| 总分 |", 2))]),
            Defect(writes: [(Cell("项目完成及时率", 7), "18.00"), (Cell("| 总分 |", 2), "98")],
                   expect: [("missing-deviation-note", Cell("项目完成及时率", 7))]),
            Defect(writes: [(Cell("违法行为责停率", 6), "90")], expect: [("unmet-target-full-score", Cell("违法行为责停率", 6))]),
            Defect(writes: [(Cell("| 满意度 |", 3), "定性"), (Cell("| 满意度 |", 4), "较满意"), (Cell("| 满意度 |", 5), ""), (Cell("| 满意度 |", 6), "较满意")],
                   expect: [("templated-indicator", Cell("| 满意度 |", 6))]),
        ]),
        // 指标性质 | 指标值 | 度量单位 in three cells; cells after a 三级指标: 指标性质 +1, 指标值 +2,
        // 度量单位 +3 (a lone "|" when empty), 完成值 +4, 权重 +5, 得分 +6, 未完成原因分析 +7.
        Variant(file: "split-target-web-cells.txt", layout: .webCells, defects: [
            // Cells after 总额: 年初预算 +1, 调整后预算数 +2, 预算执行数 +3, 预算执行率 +4, 权重 +5, 得分 +6.
            Defect(writes: [(Cell("总额 |", 4), "100.00%")], expect: [("execution-rate", Cell("总额 |", 4))]),
            // 财政资金 285.00 + 财政专户管理资金 0.00 + 单位资金 29.00 > 预算执行数 304.00 (the sources
            // name no 上年结转, so they may only not exceed the total).
            Defect(writes: [(Cell("单位资金 |", 3), "29.00")], expect: [("sum-mismatch", Cell("其中:财政资金 |", 3))]),
            Defect(writes: [(Cell("养护农村公路里程 |", 6), "33"), (Cell("合计 |", 2), "98.5")],
                   expect: [("score-exceeds-weight", Cell("养护农村公路里程 |", 6))]),
            // The empty 未完成原因分析 is a lone "|", which a cell stream drops: reported on the 得分.
            Defect(writes: [(Cell("沿线群众满意度 |", 6), "18"), (Cell("合计 |", 2), "93.5")],
                   expect: [("missing-deviation-note", Cell("沿线群众满意度 |", 6))]),
            // 110 公里 against ≥120 公里 (the unit printed once, in 度量单位, for both).
            Defect(writes: [(Cell("养护农村公路里程 |", 4), "110")], expect: [("unmet-target-full-score", Cell("养护农村公路里程 |", 0))]),
            Defect(writes: [(Cell("群众出行条件 |", 4), "明显改善")], expect: [("templated-indicator", Cell("群众出行条件 |", 4))]),
        ], indicatorRows: 4, sources: 4),
    ]

    private func findings(_ text: String, _ name: String) -> [String] {
        TestSupport.lint(text, path: name).map { "\($0.ruleId)@\($0.location.line ?? 0)" }.sorted()
    }

    func testEachCleanVariantHasNoFinding() throws {
        for v in Self.variants {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(v.file), encoding: .utf8)
            let report = try ReportLoader.report(from: Data(text.utf8), path: v.file)
            XCTAssertEqual(report.forms.count, 1, v.file)
            XCTAssertEqual(report.forms.first?.indicators?.rows.count, v.indicatorRows, v.file)
            XCTAssertEqual(report.forms.first?.funding?.sources.count, v.sources, v.file)
            XCTAssertEqual(findings(text, v.file), [], v.file)
        }
    }

    func testEachFormCheckFindsItsDefectInEveryVariant() throws {
        var rulesPerVariant: [String: Set<String>] = [:]
        for v in Self.variants {
            let clean = try String(contentsOf: Self.folder.appendingPathComponent(v.file), encoding: .utf8)
            for d in v.defects {
                var text = clean
                for (cell, value) in d.writes { (text, _) = try Self.replace(text, layout: v.layout, anchor: cell.anchor, cell: cell.cell, with: value) }
                let expected = try d.expect.map { rule, cell in "\(rule)@\(try Self.line(of: cell, in: text, layout: v.layout))" }.sorted()
                XCTAssertEqual(findings(text, v.file), expected, "\(v.file): \(d.writes.map { "\($0.0.anchor)+\($0.0.cell)=\($0.1)" })")
                rulesPerVariant[v.file, default: []].insert(d.expect[0].0)
            }
        }
        let formChecks: Set<String> = ["execution-rate", "sum-mismatch", "score-exceeds-weight", "missing-deviation-note",
                                       "unmet-target-full-score", "templated-indicator"]
        for v in Self.variants { XCTAssertEqual(rulesPerVariant[v.file], formChecks, "every form check in \(v.file)") }
    }

    static func line(of cell: Cell, in text: String, layout: Layout) throws -> Int {
        let lines = text.components(separatedBy: "\n")
        guard let at = lines.firstIndex(where: { $0.contains(cell.anchor) }) else { throw XCTSkip("anchor \(cell.anchor) not found") }
        return layout == .webCells ? at + cell.cell + 1 : at + 1
    }

    /// The national template flattened onto one line, cells separated by single spaces, with 三级
    /// rows that lost their 二级 cell and actuals such as "达成预期指标" (an actual, not a heading):
    /// every row is read, and a changed actual is found at its column.
    func testAFlattenedOneLineFormIsReadRowByRow() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("national-one-line.txt"), encoding: .utf8)
        let report = try ReportLoader.report(from: Data(text.utf8), path: "one-line.txt")
        let rows = try XCTUnwrap(report.forms.first?.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.text), ["基建工程委托业务项目数量", "委托业务报告合格率", "经费支出合规性", "提交报告及时性", "项目总成本",
                                               "对维护基建市场公平的影响程度", "对推动制度落实的持续性影响", "公众满意度"])
        XCTAssertEqual(rows.map(\.level2), ["数量指标", "质量指标", "质量指标", "时效指标", "成本指标", "社会效益指标", "可持续影响指标", "服务对象满意度指标"])
        XCTAssertEqual(rows.map { $0.actual?.text }, ["50", "100%", "达成预期指标", "达成预期指标", "89.97万元", "达成预期指标", "达成预期指标", "95%"])
        XCTAssertEqual(findings(text, "one-line.txt"), [])
        let changed = text.replacingOccurrences(of: "≥90% 95% 10 10", with: "≥90% 85% 10 10")
        let d = TestSupport.lint(changed, path: "one-line.txt")
        XCTAssertEqual(d.map(\.ruleId), ["unmet-target-full-score"])
        let column = try XCTUnwrap(changed.range(of: "公众满意度").map { changed.distance(from: changed.startIndex, to: $0.lowerBound) + 1 })
        XCTAssertEqual(d.first?.location.column, column, "reported at the row's 三级指标 cell")
    }

    /// A Word form saved as web text, one cell per paragraph, whose header cells wrapped inside
    /// their cells ("年初" / "预算数", "年度" / "指标值", "经济效益" / "指标"): the halves are joined,
    /// and the funding block and every scored indicator row are read; template rows ("指标2", "……")
    /// add nothing.
    func testHeaderWordsWrappedIntoTwoParagraphs() throws {
        let text = try String(contentsOf: Self.folder.appendingPathComponent("wrapped-header-paragraphs.txt"), encoding: .utf8)
        let report = try ReportLoader.report(from: Data(text.utf8), path: "wrapped.txt")
        let form = try XCTUnwrap(report.forms.first)
        let f = try XCTUnwrap(form.funding)
        XCTAssertEqual([f.initialBudget?.text, f.budget?.text, f.executed?.text, f.weight?.text, f.rate?.text, f.score?.text],
                       ["43.2", "43.2", "41.04", "10", "95%", "9.5"])
        let rows = try XCTUnwrap(form.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.text), ["指标1工程资金金额", "指标1工程完工率", "指标2工程验收合格率", "指标1安全率", "指标1学生满意度"])
        XCTAssertEqual(rows.map { $0.score?.text }, ["9", "10", "10", "10", "10"])
        XCTAssertEqual(findings(text, "wrapped.txt"), [])
    }
}

import XCTest
import Core
import Checks

/// narrative-mismatch and cross-table-mismatch on the real seeds: the defects of
/// docs/seed-findings.md ("Also real") at their exact lines, nothing else on the five seeds,
/// and one-line mutations that add or remove exactly one finding.
final class NarrativeChecksTests: XCTestCase {
    private static let narrative = "narrative-mismatch"
    private static let crossTable = "cross-table-mismatch"

    private func findings(_ seed: String, _ rule: String, text: String? = nil) -> [Diagnostic] {
        let url = TestSupport.seedURL(seed)
        let all = text.map { TestSupport.lint($0, path: url.path) } ?? TestSupport.engine().lint(path: url.path).diagnostics
        return all.filter { $0.ruleId == rule }
    }

    private func lines(_ d: [Diagnostic]) -> [Int] { d.compactMap(\.location.line).sorted() }

    // MARK: the seed defects

    func testSeed002NarrativeScoresDifferFromTheForm() {
        let d = findings("002", Self.narrative)
        XCTAssertEqual(lines(d), [143, 143], d.map(\.message).joined(separator: "\n"))
        let total = d.first { $0.actual == "99.98" }
        XCTAssertEqual(total?.expected, "99.64")
        XCTAssertEqual(total?.related.map { $0.location.line }, [762])
        XCTAssertEqual(total?.severity, .error)
        XCTAssertTrue(total?.message.contains("综合得分") ?? false)
        let funding = d.first { $0.actual == "9.98" }
        XCTAssertEqual(funding?.expected, "9.64")
        XCTAssertEqual(funding?.related.map { $0.location.line }, [421])
    }

    func testSeed002BaseDataBudgetsDifferFromNarrativeAndProjectForm() {
        let d = findings("002", Self.crossTable)
        XCTAssertEqual(lines(d), [341, 342], d.map(\.message).joined(separator: "\n"))
        let total = d.first { $0.location.line == 341 }
        XCTAssertEqual(total?.actual, "1343.35")
        XCTAssertEqual(total?.expected, "1241.76")
        XCTAssertEqual(total?.related.map { $0.location.line }, [115, 115])
        let item = d.first { $0.location.line == 342 }
        XCTAssertEqual(item?.actual, "436.49")
        XCTAssertEqual(item?.expected, "334.9")
        XCTAssertEqual(item?.related.first?.location.line, 1074)
        XCTAssertTrue(item?.message.contains("业务工作经费") ?? false)
    }

    func testSeed003IndicatorScoresExceedTheHeadings() {
        let d = findings("003", Self.narrative)
        XCTAssertEqual(lines(d), [71, 71], d.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(d.map(\.actual), ["50", "30"])
        XCTAssertEqual(d.map(\.expected), ["40", "20"])
        XCTAssertEqual(d.map { $0.related.first?.location.line }, [286, 377])
    }

    func testSeed003ThreePublicBudgetIsTheFinalAccount() {
        let d = findings("003", Self.crossTable)
        XCTAssertEqual(lines(d), [113], d.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(d.first?.actual, "43.41")
        XCTAssertEqual(d.first?.expected, "49")
        XCTAssertEqual(d.first?.related.map { $0.location.line }, [43])
    }

    func testNothingElseOnTheSeeds() {
        for seed in ["000", "001", "004"] {
            XCTAssertEqual(findings(seed, Self.narrative).map(\.message), [], "seed \(seed)")
            XCTAssertEqual(findings(seed, Self.crossTable).map(\.message), [], "seed \(seed)")
        }
    }

    // MARK: mutations removing one defect

    func testCorrectedTotalScoreLeavesOnlyTheFundingScore() {
        let text = TestSupport.mutate(TestSupport.seedText("002"), line: 143, replacing: "99.98", with: "99.64")
        XCTAssertEqual(findings("002", Self.narrative, text: text).map(\.actual), ["9.98"])
    }

    func testCorrectedTableTotalAlsoRemovesTheFinding() {
        // The other side of the comparison: the 总分 row the recogniser does not read in PDF text.
        let text = TestSupport.mutate(TestSupport.seedText("002"), line: 762, replacing: "99.64", with: "99.98")
        XCTAssertEqual(findings("002", Self.narrative, text: text).map(\.actual), ["9.98"])
    }

    func testCorrectedBaseDataBudgetsRemoveTheirFindings() {
        let seed = TestSupport.seedText("002")
        let total = TestSupport.mutate(seed, line: 341, replacing: "1343.35", with: "1241.76")
        XCTAssertEqual(lines(findings("002", Self.crossTable, text: total)), [342])
        let item = TestSupport.mutate(seed, line: 342, replacing: "436.49", with: "334.9")
        XCTAssertEqual(lines(findings("002", Self.crossTable, text: item)), [341])
    }

    func testCorrectedIndicatorScoreLeavesTheOther() {
        let text = TestSupport.mutate(TestSupport.seedText("003"), line: 71, replacing: "产出指标类得分为50分", with: "产出指标类得分为40分")
        XCTAssertEqual(findings("003", Self.narrative, text: text).map(\.actual), ["30"])
    }

    func testThreePublicStatedAsTheTableRemovesTheFinding() {
        let text = TestSupport.mutate(TestSupport.seedText("003"), line: 43, replacing: "年初预算数为49万元", with: "年初预算数为43.41万元")
        XCTAssertEqual(findings("003", Self.crossTable, text: text).map(\.message), [])
    }

    // MARK: mutations injecting one defect

    func testWrongRateInTheNarrativeIsReportedAtItsLine() {
        let text = TestSupport.mutate(TestSupport.seedText("002"), line: 149, replacing: "96.45%", with: "96.54%")
        let d = findings("002", Self.narrative, text: text).filter { $0.actual == "96.54%" }
        XCTAssertEqual(lines(d), [149])
        XCTAssertEqual(d.first?.expected, "96.45%")
        XCTAssertEqual(d.first?.related.first?.location.line, 421)
    }

    func testRateOfProjectSpendingIsNotTheUnitsRate() {
        // 002 line 119 states the 项目支出 rate 79.39% and line 111 the 基本支出 rate; neither is
        // the form's 96.45%. Changing them must not make a finding.
        let seed = TestSupport.seedText("002")
        let text = TestSupport.mutate(seed, line: 119, replacing: "79.39%", with: "70.00%")
        XCTAssertEqual(lines(findings("002", Self.narrative, text: text)), [143, 143])
    }

    func testProjectNarrativeIsComparedWithTheFormItIntroduces() {
        // 001 bundles 20 project forms, each after its own short report; line 719 introduces the
        // form whose 年初预算数 is 80.96 (the cell on line 779 of the row at line 778).
        let text = TestSupport.mutate(TestSupport.seedText("001"), line: 719, replacing: "年初预算80.96万元", with: "年初预算90.96万元")
        let d = findings("001", Self.narrative, text: text)
        XCTAssertEqual(lines(d), [719], d.map(\.message).joined(separator: "\n"))
        XCTAssertEqual(d.first?.expected, "80.96")
        XCTAssertEqual(d.first?.related.first?.location.line, 779)
    }

    func testNarrativeProjectSpendingAgainstBaseDataFinalAccount() {
        let text = TestSupport.mutate(TestSupport.seedText("003"), line: 47, replacing: "本年实际支出301.5万元", with: "本年实际支出310.5万元")
        let d = findings("003", Self.crossTable, text: text).filter { $0.expected == "310.5" }
        XCTAssertEqual(lines(d), [144])
        XCTAssertEqual(d.first?.related.first?.location.line, 47)
    }

    func testBaseDataFinalAccountAgainstTheOverallForm() {
        let text = TestSupport.mutate(TestSupport.seedText("003"), line: 247, replacing: "项目支出：301.5", with: "项目支出：310.5")
        let d = findings("003", Self.crossTable, text: text).filter { $0.expected == "310.5" }
        XCTAssertEqual(lines(d), [144])
        XCTAssertEqual(d.first?.related.first?.location.line, 247)
    }

    // MARK: span facts the checks rely on

    func testSpansFindThePdfTotalRowAndProjectNames() throws {
        let url = TestSupport.seedURL("002")
        let report = Recognizer().recognize(try ReaderRegistry().document(from: try Data(contentsOf: url), path: url.path))
        let overall = try XCTUnwrap(report.forms.firstIndex { $0.kind == .overall })
        XCTAssertEqual(report.spans[overall].total?.score?.text, "99.64")
        XCTAssertEqual(report.spans[overall].total?.location.line, 762)
        let projects = report.forms.indices.filter { report.forms[$0].kind == .project }
        XCTAssertEqual(projects.map { report.spans[$0].projectName?.text }, ["运行维护经费", "业务工作经费"])
        // The second project's 总分 wraps ("92." / "36"): read whole, not as 92.
        XCTAssertEqual(report.spans[projects[1]].total?.score?.text, "92.36")
    }
}

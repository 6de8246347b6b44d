import XCTest
import Core
@testable import Checks
import TestSupport

/// unmet-target-full-score, unit-mismatch and low-execution-unexplained on the real seeds:
/// every finding they make is pinned (rule and line), and one-defect mutations of the
/// seeds add exactly the finding they inject.
final class AuditorChecksTests: XCTestCase {
    private static let rules: Set<String> = ["unmet-target-full-score", "unit-mismatch", "low-execution-unexplained"]

    private func diagnostics(_ text: String, _ seed: String, settings: LintSettings = LintSettings()) -> [Diagnostic] {
        TestSupport.lint(text, path: "seed-\(seed).txt", settings: settings)
    }

    private func ours(_ seed: String) -> [Diagnostic] {
        diagnostics(TestSupport.seedText(seed), seed).filter { Self.rules.contains($0.ruleId) }
    }

    private func pinned(_ ds: [Diagnostic]) -> [String] {
        ds.map { "\($0.ruleId)@\($0.location.line ?? 0)" }.sorted()
    }

    /// The findings of `rules` a mutation adds, as "rule@line".
    private func injected(_ seed: String, _ edits: [(line: Int, old: String, new: String)], rules: Set<String>? = nil,
                          settings: LintSettings = LintSettings(), file: StaticString = #filePath, lineNo: UInt = #line) -> [String] {
        let original = TestSupport.seedText(seed)
        var mutated = original
        for e in edits { mutated = TestSupport.mutate(mutated, line: e.line, replacing: e.old, with: e.new, file: file, lineNo: lineNo) }
        let key = { (d: Diagnostic) in "\(d.ruleId)|\(d.message)" }
        let before = Set(diagnostics(original, seed, settings: settings).map(key))
        let after = diagnostics(mutated, seed, settings: settings).filter { !before.contains(key($0)) && (rules?.contains($0.ruleId) ?? true) }
        return pinned(after)
    }

    // MARK: The seeds

    func testEveryFindingOnTheSeeds() {
        XCTAssertEqual(pinned(ours("000")), [])
        XCTAssertEqual(pinned(ours("001")), ["unit-mismatch@1340", "unit-mismatch@364",
                                             "unmet-target-full-score@2386", "unmet-target-full-score@4420"])
        XCTAssertEqual(pinned(ours("002")), ["low-execution-unexplained@1075"])
        XCTAssertEqual(pinned(ours("003")), ["unit-mismatch@44"])
        XCTAssertEqual(pinned(ours("004")), [])
    }

    func testTrainingTargetOfThreeSessionsMetOnceWithFullScore() throws {
        let d = try XCTUnwrap(ours("001").first { $0.ruleId == "unmet-target-full-score" && $0.location.line == 2386 })
        XCTAssertEqual(d.severity, .warning)
        XCTAssertTrue(d.message.contains("“开展企业服务工作人员培训”"), d.message)
        XCTAssertTrue(d.message.contains("1场") && d.message.contains("≥3场次") && d.message.contains("满分 20"), d.message)
        // Related: the target, the actual and the score cell.
        XCTAssertEqual(d.related.map { $0.location.line ?? 0 }, [2387, 2388, 2390])
        XCTAssertEqual(d.actual, "20")
    }

    func testBareCountTargetReadAsAtLeast() throws {
        let d = try XCTUnwrap(ours("001").first { $0.ruleId == "unmet-target-full-score" && $0.location.line == 4420 })
        XCTAssertTrue(d.message.contains("123") && d.message.contains("150") && d.message.contains("不低于"), d.message)
        XCTAssertEqual(d.related.map { $0.location.line ?? 0 }, [4421, 4422, 4424])
    }

    func testYuanAmongWanYuanInThe003Narrative() throws {
        let d = try XCTUnwrap(ours("003").first { $0.ruleId == "unit-mismatch" })
        XCTAssertEqual(d.location.line, 44)
        XCTAssertEqual(d.location.column, 183)
        XCTAssertEqual(d.expected, "8.88万元")
        XCTAssertEqual(d.actual, "8.88元")
        XCTAssertTrue(d.message.contains("10万元 − 1.12万元"), d.message)
        XCTAssertEqual(d.related.map(\.message), ["10万元", "1.12万元"])
    }

    func testPercentDroppedFromTheActual() throws {
        let d = try XCTUnwrap(ours("001").first { $0.ruleId == "unit-mismatch" && $0.location.line == 364 })
        XCTAssertTrue(d.message.contains("37.4") && d.message.contains("≥32%"), d.message)
        XCTAssertEqual(d.related.first?.location.line, 363)
    }

    func testLowExecutionOfBusinessFundsIn002() throws {
        let d = try XCTUnwrap(ours("002").first)
        XCTAssertEqual(d.ruleId, "low-execution-unexplained")
        XCTAssertEqual(d.actual, "23.57%")
        XCTAssertTrue(d.message.contains("“业务工作经费”") && d.message.contains("78.92") && d.message.contains("334.9"), d.message)
        XCTAssertEqual(d.related.map { $0.location.line ?? 0 }, [1074, 1074])
    }

    func testThresholdOption() {
        var s = LintSettings()
        s.rules["low-execution-unexplained"] = RuleSettings(options: ["threshold": "20%"])
        XCTAssertEqual(diagnostics(TestSupport.seedText("002"), "002", settings: s).filter { $0.ruleId == "low-execution-unexplained" }.count, 0)
        // "90" means 90%, and a value that is not a number keeps the default.
        for same in ["90", "0.9", "not-a-number"] {
            s.rules["low-execution-unexplained"] = RuleSettings(options: ["threshold": same])
            XCTAssertEqual(pinned(diagnostics(TestSupport.seedText("002"), "002", settings: s).filter { $0.ruleId == "low-execution-unexplained" }),
                           ["low-execution-unexplained@1075"], same)
        }
        s.rules["low-execution-unexplained"] = RuleSettings(options: ["threshold": "0.97"])
        // 96.45% of the overall form is now low too, and the 002 narrative does not explain it.
        XCTAssertEqual(pinned(diagnostics(TestSupport.seedText("002"), "002", settings: s).filter { $0.ruleId == "low-execution-unexplained" }),
                       ["low-execution-unexplained@1075", "low-execution-unexplained@421"])
    }

    // MARK: Mutations

    func testActualBelowTargetWithFullScore() {
        XCTAssertEqual(injected("000", [(403, "1585家", "985家")]), ["unmet-target-full-score@401"])
    }

    func testCostAboveCeilingWithFullScore() {
        // 链办工作经费 ≤50万元: 58.23万元 spent, still 20/20.
        XCTAssertEqual(injected("001", [(1351, "8.23万元", "58.23万元")]), ["unmet-target-full-score@1349"])
    }

    func testMeetingTheTargetOrDeductingRemovesTheFinding() {
        let original = TestSupport.seedText("001")
        let met = TestSupport.mutate(original, line: 2388, replacing: "1场", with: "3场")
        XCTAssertFalse(diagnostics(met, "001").contains { $0.ruleId == "unmet-target-full-score" && $0.location.line == 2386 })
        let deducted = TestSupport.mutate(original, line: 2390, replacing: "20", with: "7")
        XCTAssertFalse(diagnostics(deducted, "001").contains { $0.ruleId == "unmet-target-full-score" && $0.location.line == 2386 })
    }

    func testUnitChangedFromEnterprisesToPersons() {
        XCTAssertEqual(injected("000", [(403, "1585家", "1585人")]), ["unit-mismatch@403"])
    }

    func testPercentDroppedFromAnActual() {
        XCTAssertEqual(injected("000", [(643, "96.92%", "96.92")]), ["unit-mismatch@643"])
    }

    func testSecondYuanSlipInThe003Narrative() {
        XCTAssertEqual(injected("003", [(44, "较预算减少9.63万元", "较预算减少9.63元")]), ["unit-mismatch@44"])
    }

    func testLowExecutionInjectedIntoThe002PdfText() {
        // 运行维护经费 executes 706.86 of 906.86 (77.95%), consistently in the total and the source row.
        let found = injected("002", [(783, "846.86 906.86 906.86 10 100% 10", "846.86 906.86 706.86 10 77.95% 7.79"),
                                     (784, "846.86 906.86 906.86", "846.86 906.86 706.86")], rules: Self.rules)
        XCTAssertEqual(found, ["low-execution-unexplained@783"])
    }

    func testAnExplanationInTheNarrativeSilencesTheFinding() {
        let original = TestSupport.seedText("002")
        let explained = TestSupport.mutate(original, line: 119, replacing: "支出执行率 79.39%。",
                                           with: "支出执行率 79.39%。业务工作经费执行率偏低，主要原因是部分活动延期至2025年举办，资金结转下年使用。")
        XCTAssertEqual(diagnostics(explained, "002").filter { $0.ruleId == "low-execution-unexplained" }.count, 0)
        // Naming the rate instead of the project counts too.
        let byRate = TestSupport.mutate(original, line: 119, replacing: "支出执行率 79.39%。",
                                        with: "支出执行率 79.39%。执行率 23.57% 的原因是部分活动延期举办。")
        XCTAssertEqual(diagnostics(byRate, "002").filter { $0.ruleId == "low-execution-unexplained" }.count, 0)
        // The same sentence about another project explains nothing about this one.
        let elsewhere = TestSupport.mutate(original, line: 119, replacing: "支出执行率 79.39%。",
                                           with: "支出执行率 79.39%。运行维护经费部分活动延期至2025年举办，资金结转下年使用。")
        XCTAssertEqual(pinned(diagnostics(elsewhere, "002").filter { $0.ruleId == "low-execution-unexplained" }), ["low-execution-unexplained@1075"])
    }
}

/// `TemplatedIndicatorCheck.isChineseCount` is the regex it replaced, as a scalar scan.
final class ChineseCountPatternTests: XCTestCase {
    func testScalarScanMatchesTheRegex() {
        let alphabet = ["一", "两", "十", "万", "零", "个", "家", "所", "人", "元", "1", "\n", "\r", "\u{2028}", "\u{0301}", " ", "次"]
        var random = RandomText(seed: 42)
        let pattern = #"^[零一二两三四五六七八九十百千万]+[个家项次场人条户台套件所]?$"#
        var matched = 0
        for _ in 0..<60_000 {
            let s = random.string(from: alphabet, maxLength: 4)
            let expected = s.range(of: pattern, options: .regularExpression) != nil
            XCTAssertEqual(TemplatedIndicatorCheck.isChineseCount(s), expected, s.debugDescription)
            if expected { matched += 1 }
        }
        XCTAssertGreaterThan(matched, 1000, "the sample exercises the matching side too")
    }
}

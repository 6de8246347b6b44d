import Foundation
import XCTest
import Core
import Checks

/// `scoring.caps`: below an execution rate, the 总分 may not exceed a cap (some
/// platforms use 89 / 79 / 69 / 59 below 80% / 70% / 60% / 50%).
final class ScoringCapTests: XCTestCase {
    func caps(_ pairs: [[Decimal]]) -> LintSettings {
        var s = LintSettings()
        s.scoreCaps = pairs.map { ScoreCap(belowRate: $0[0], maxTotal: $0[1]) }
        return s
    }

    func capFindings(_ s: LintSettings) -> [Diagnostic] {
        TestSupport.lint(TestSupport.seedText("000"), path: "000.txt", settings: s).filter { $0.ruleId == "execution-rate" && $0.message.contains("总分不得") }
    }

    /// Seed 000: 执行率 95.91% and 总分 96.4 at line 993.
    func testTotalAboveTheCapOfItsRateIsReported() {
        let found = capFindings(caps([[Decimal(string: "0.96")!, 89], [Decimal(string: "0.9")!, 79]]))
        XCTAssertEqual(found.map(\.location.line), [993])
        XCTAssertEqual(found.first?.expected, "≤ 89", "the tightest cap whose rate line lies above 95.91%")
        XCTAssertEqual(found.first?.actual, "96.4")
        XCTAssertEqual(found.first?.related.first?.location.line, 30, "the rate is the related place")
    }

    func testNoCapWhenTheRateIsNotSurelyBelowTheLine() {
        // The usual platform caps: 95.91% is above 80%, nothing applies.
        XCTAssertEqual(capFindings(caps([[Decimal(string: "0.8")!, 89], [Decimal(string: "0.7")!, 79]])).count, 0)
        // 95.91% printed could be 95.905%…95.915%; a line at 95.91% is not surely above it.
        XCTAssertEqual(capFindings(caps([[Decimal(string: "0.9591")!, 89]])).count, 0)
        // Without caps nothing is reported.
        XCTAssertEqual(capFindings(LintSettings()).count, 0)
    }

    func testCapsAreReadFromTheConfig() throws {
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        let s = try loader.apply(["scoring": ["caps": [[0.7, 79], [0.8, 89], [0.5, 59]]]], file: ".lintrc", to: LintSettings())
        XCTAssertEqual(s.scoreCaps.map(\.maxTotal), [59, 79, 89], "sorted by rate")
    }
}

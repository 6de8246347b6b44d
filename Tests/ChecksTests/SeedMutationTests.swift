import XCTest
import Core
import Checks

/// Mutated copies of the real seeds, each with one injected defect: the linter must
/// report it with the right rule id at the right line, and the unmutated seed must not.
final class SeedMutationTests: XCTestCase {
    private func diagnostics(_ text: String, _ seed: String) -> [Diagnostic] {
        TestSupport.lint(text, path: "mutated-\(seed).txt")
    }

    /// Asserts the mutation adds a finding of `rule` at `line` that the original lacks.
    private func assertInjected(_ seed: String, line: Int, replacing old: String, with new: String,
                                expect rule: String, at expectedLine: Int, severity: Severity? = nil,
                                file: StaticString = #filePath, lineNo: UInt = #line) {
        let original = TestSupport.seedText(seed)
        let mutated = TestSupport.mutate(original, line: line, replacing: old, with: new, file: file, lineNo: lineNo)
        let before = Set(diagnostics(original, seed).map(\.message))
        // Only findings the mutation introduced count.
        let after = diagnostics(mutated, seed).filter { $0.ruleId == rule && $0.location.line == expectedLine && !before.contains($0.message) }
        XCTAssertGreaterThan(after.count, 0, "seed \(seed) line \(line) «\(old)»→«\(new)»: no \(rule) at \(expectedLine); got \(diagnostics(mutated, seed).map { "\($0.ruleId)@\($0.location.line ?? 0)" })", file: file, line: lineNo)
        if let severity { XCTAssertTrue(after.contains { $0.severity == severity }, "not a \(severity)", file: file, line: lineNo) }
    }

    // A changed amount.
    func testChangedIncomeItemBreaksTheBudgetSum() {
        assertInjected("000", line: 57, replacing: "7,188.94", with: "7,288.94", expect: "sum-mismatch", at: 39, severity: .error)
    }

    func testChangedBaseDataAmountBreaksTheLedgerSum() {
        assertInjected("001", line: 45, replacing: "7.78", with: "8.78", expect: "sum-mismatch", at: 20)
    }

    func testPrecisionStillAppliesAfterAChange() {
        // 2917.95 + 4.94 = 2922.89, which no longer rounds to the printed 2922.7.
        assertInjected("001", line: 260, replacing: "2917.75", with: "2917.95", expect: "sum-mismatch", at: 260)
    }

    func testChangedAccountCodeAmountBreaksItsParent() {
        assertInjected("004", line: 299, replacing: "10.00", with: "11.00", expect: "sum-mismatch", at: 298)
    }

    func testChangedIndicatorWeightBreaksHeadingAndTotal() {
        assertInjected("003", line: 478, replacing: "10", with: "12", expect: "sum-mismatch", at: 463)
        assertInjected("003", line: 478, replacing: "10", with: "12", expect: "sum-mismatch", at: 483)
    }

    // A changed 执行率.
    func testChangedExecutionRate() {
        assertInjected("000", line: 30, replacing: "95.91%", with: "96.91%", expect: "execution-rate", at: 30, severity: .error)
    }

    func testHundredPercentWithLowerExecutionInPdfText() {
        assertInjected("002", line: 783, replacing: "906.86 906.86 10", with: "906.86 900.86 10", expect: "execution-rate", at: 783, severity: .error)
    }

    // A score above its weight.
    func testScoreAboveWeight() {
        assertInjected("000", line: 455, replacing: "3", with: "4", expect: "score-exceeds-weight", at: 455, severity: .error)
    }

    // A deleted note.
    func testDeletedDeviationNote() {
        let original = TestSupport.seedText("000")
        let note = original.components(separatedBy: "\n")[465].dropFirst()
        assertInjected("000", line: 466, replacing: String(note), with: "", expect: "missing-deviation-note", at: 466)
    }

    // An actual replaced by "/".
    func testActualReplacedByPlaceholder() {
        assertInjected("000", line: 403, replacing: "1585家", with: "/", expect: "templated-indicator", at: 403, severity: .error)
    }

    func testSourceRowChangeInPdfText() {
        assertInjected("002", line: 1080, replacing: "252.78 6.8", with: "252.78 7.8", expect: "sum-mismatch", at: 1078)
    }
}

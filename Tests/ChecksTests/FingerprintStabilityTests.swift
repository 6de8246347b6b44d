import Foundation
import XCTest
import Core
import Checks

/// A finding's fingerprint keys baselines and GitHub alerts, so it must follow the content the
/// finding is about, never its line: inserting lines above it or reformatting whitespace keeps it.
final class FingerprintStabilityTests: XCTestCase {
    static let seeds = ["000", "001", "002", "003", "004"]

    private func fingerprints(_ text: String, _ seed: String) -> [String: Int] {
        var counts: [String: Int] = [:]
        for d in TestSupport.lint(text, path: "seed-\(seed).txt") { counts["\(d.ruleId) \(d.fingerprint) \(d.subject)", default: 0] += 1 }
        return counts
    }

    /// The multiset of (rule, fingerprint) of a seed and of its edited copy are the same, and the
    /// seed has findings at all (so the comparison cannot pass vacuously).
    private func assertSameFingerprints(_ edit: (String) -> String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        var total = 0
        for seed in Self.seeds {
            let original = TestSupport.seedText(seed)
            let before = fingerprints(original, seed), after = fingerprints(edit(original), seed)
            total += before.values.reduce(0, +)
            let lost = before.keys.filter { after[$0] != before[$0] }.sorted()
            let gained = after.keys.filter { before[$0] != after[$0] }.sorted()
            XCTAssertTrue(lost.isEmpty && gained.isEmpty, "seed \(seed), \(what): lost \(lost), gained \(gained)", file: file, line: line)
        }
        XCTAssertGreaterThan(total, 20, "the seeds have findings to compare", file: file, line: line)
    }

    func testInsertingTenLinesAtTheTopKeepsEveryFingerprint() {
        assertSameFingerprints({ String(repeating: "\n", count: 10) + $0 }, "10 blank lines on top")
    }

    func testInsertingTenTextLinesAtTheTopKeepsEveryFingerprint() {
        let cover = (1...10).map { _ in "封面说明" }.joined(separator: "\n") + "\n\n"
        assertSameFingerprints({ cover + $0 }, "10 cover lines on top")
    }

    func testTrailingWhitespaceKeepsEveryFingerprint() {
        assertSameFingerprints({ text in
            text.components(separatedBy: "\n").map { $0.isEmpty ? $0 : $0 + "  " }.joined(separator: "\n")
        }, "trailing spaces on every line")
    }

    func testLinesMovedByTheInsertionReallyMoved() {
        // The property above is only worth something if the lines changed under it.
        let original = TestSupport.seedText("000")
        let a = TestSupport.lint(original, path: "s.txt"), b = TestSupport.lint(String(repeating: "\n", count: 10) + original, path: "s.txt")
        XCTAssertEqual(a.count, b.count)
        XCTAssertEqual(zip(a, b).map { ($1.location.line ?? 0) - ($0.location.line ?? 0) }, Array(repeating: 10, count: a.count))
    }

    /// No subject (the content part of the fingerprint) names its finding's line or row.
    func testNoSubjectContainsItsLineOrRow() {
        var checked = 0
        for seed in Self.seeds {
            for d in TestSupport.lint(TestSupport.seedText(seed), path: "seed-\(seed).txt") {
                assertSubjectFree(of: d)
                checked += 1
            }
        }
        for name in ["hunan-gxt-2024-overall.docx", "hunan-gxt-2024-overall.xlsx"] {
            let url = TestSupport.root.appendingPathComponent("Examples/office/\(name)")
            for d in TestSupport.engine().lint(path: url.path).diagnostics {
                assertSubjectFree(of: d)
                checked += 1
            }
        }
        XCTAssertGreaterThan(checked, 20)
    }

    /// Every number in the subject that equals the line or row is a defect, unless it is part of the
    /// form's ordinal ("（第2张）") or a year, which are content.
    private func assertSubjectFree(of d: Diagnostic, file: StaticString = #filePath, line: UInt = #line) {
        let positions = Set([d.location.line, d.location.row].compactMap { $0 })
        var subject = d.subject
        for pattern in ["（第[0-9]+张）", "[0-9]{4}年"] {
            subject = subject.replacingOccurrences(of: pattern, with: "", options: .regularExpression)
        }
        let numbers = subject.split(whereSeparator: { !$0.isASCII || !$0.isNumber }).compactMap { Int($0) }
        let hit = numbers.filter(positions.contains)
        XCTAssertTrue(hit.isEmpty, "\(d.ruleId) at \(d.location.display): subject «\(d.subject)» contains its position \(hit)", file: file, line: line)
    }

    func testTwoIdenticalPlaceholderRowsKeepTwoFingerprints() {
        let header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
        func row(_ cells: [String]) -> String { cells.map { "\t" + $0 + "\n" }.joined() + "\n" }
        let body = "项目支出绩效自评表\n\n" + row(header)
            + row(["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "10", "无"])
            + row(["效益指标", "生态效益指标", "/", "/", "/", "5", "5", "/"])
            + row(["效益指标", "生态效益指标", "/", "/", "/", "5", "5", "/"])
        let a = TestSupport.lint(body, path: "p.txt").filter { $0.ruleId == "templated-indicator" }
        XCTAssertEqual(a.count, 2, "\(a.map(\.message))")
        XCTAssertEqual(Set(a.map(\.fingerprint)).count, 2, "identical rows stay distinct: \(a.map(\.subject))")
        let b = TestSupport.lint(String(repeating: "\n", count: 10) + body, path: "p.txt").filter { $0.ruleId == "templated-indicator" }
        XCTAssertEqual(a.map(\.fingerprint), b.map(\.fingerprint))
        XCTAssertFalse(a.contains { $0.subject.contains(String($0.location.line ?? -1)) }, "\(a.map(\.subject))")
    }

    func testParseErrorSubjectHasNoNumbers() {
        XCTAssertEqual(LintEngine.parseErrorSubject("第12行不是有效的 UTF-8（第3列）"), "第#行不是有效的 UTF-#（第#列）")
    }
}

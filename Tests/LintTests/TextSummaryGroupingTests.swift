import Foundation
import XCTest
@testable import Lint

/// `--summary` and the grouping of repeated findings in the text output: display only, the
/// counts and the exit code stay those of every finding.
final class TextSummaryGroupingTests: XCTestCase {
    func testSummaryIsOneLinePerFileThenTheTotals() throws {
        let full = try CLITests.runBinary(["--no-config", "Examples"])
        let summary = try CLITests.runBinary(["--no-config", "--summary", "Examples"])
        XCTAssertEqual(summary.status, full.status)
        let lines = summary.stdout.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let totalsStart = try XCTUnwrap(lines.firstIndex(of: ""))
        let perFile = lines[..<totalsStart]
        XCTAssertEqual(perFile.count, 8, summary.stdout)
        XCTAssertFalse(summary.stdout.contains("[templated-indicator]"), "no finding is listed")
        XCTAssertTrue(perFile.contains("\(CLITests.seedPath("000")): 0 个错误，1 个警告，0 个提示，识别出 1 张表"), summary.stdout)
        // The per-file counts add up to the totals, which are the ones of the full output.
        var errors = 0, warnings = 0
        for line in perFile {
            let numbers = line.split(separator: ":").last!.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            errors += numbers[0]; warnings += numbers[1]
        }
        let totals = lines[totalsStart...].joined(separator: "\n")
        XCTAssertTrue(totals.contains("\(errors) 个错误，\(warnings) 个警告"), totals)
        XCTAssertEqual(totals, full.stdout.components(separatedBy: "\n\n").last.map { "\n" + $0 })
    }

    func testRepeatedTemplatedIndicatorsCollapse() throws {
        let seed = CLITests.seedPath("001")
        let grouped = try CLITests.runBinary(["--no-config", seed])
        let ungrouped = try CLITests.runBinary(["--no-config", "--no-group", seed])
        XCTAssertEqual(grouped.status, ungrouped.status)
        func findings(_ s: String) -> [String] { s.split(separator: "\n").map(String.init).filter { $0.hasSuffix("[templated-indicator]") } }
        let all = findings(ungrouped.stdout), shown = findings(grouped.stdout)
        XCTAssertGreaterThan(all.count, 80)
        XCTAssertLessThan(shown.count, all.count / 4, grouped.stdout)
        // Each group stands for its findings: the counts add up to every finding.
        let counted = shown.reduce(0) { total, line in
            guard let r = line.range(of: #"… 等 (\d+) 处"#, options: .regularExpression) else { return total + 1 }
            return total + Int(line[r].filter(\.isNumber))!
        }
        XCTAssertEqual(counted, all.count)
        let placeholders = try XCTUnwrap(shown.first { $0.contains("只有模板占位") && $0.contains("等 57 处") }, grouped.stdout)
        // Shown at its first finding, which the ungrouped output lists first too.
        let first = try XCTUnwrap(all.first { $0.contains("只有模板占位 “/ / / / /”") })
        XCTAssertEqual(placeholders.replacingOccurrences(of: " … 等 57 处", with: ""), first)
        // Totals and the exit code are unchanged.
        XCTAssertEqual(grouped.stdout.components(separatedBy: "\n\n").last, ungrouped.stdout.components(separatedBy: "\n\n").last)
        // --group is the default.
        XCTAssertEqual(try CLITests.runBinary(["--no-config", "--group", seed]).stdout, grouped.stdout)
    }

    func testNoGroupIsTheFormerOutputByteForByte() throws {
        // The former formatter: one line per finding, as written before grouping existed.
        let seed = CLITests.seedPath("001")
        let json = try CLITests.runBinary(["--no-config", "--format", "json", seed])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let diagnostics = (object["files"] as! [[String: Any]])[0]["diagnostics"] as! [[String: Any]]
        let expected = diagnostics.map { d -> String in
            let l = d["location"] as! [String: Any]
            let sev = ["error": "错误", "warning": "警告", "note": "提示"][d["severity"] as! String]!
            return "\(seed):\(l["line"]!):\(l["column"]!): \(sev): \(d["message"]!) [\(d["ruleId"]!)]\n"
        }.joined()
        let ungrouped = try CLITests.runBinary(["--no-config", "--no-group", seed]).stdout
        XCTAssertTrue(ungrouped.hasPrefix(expected + "\n1 个文件"), ungrouped)
    }

    func testPatternBlanksQuotedNamesAndNumbers() {
        XCTAssertEqual(FindingGroups.pattern("表（第3张）：指标行（生态效益指标）只有模板占位 “/ /”，第 12 行 9.59"),
                       "表（）：指标行（）只有模板占位 “”，第 # 行 #")
        XCTAssertNotEqual(FindingGroups.pattern("“甲”的实际完成值 “是” 只是重复年度指标值"),
                          FindingGroups.pattern("“甲”的年度指标值 “是否提升” 是问句，无法衡量"))
    }
}

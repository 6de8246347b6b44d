import Foundation
import XCTest
import Core
import Checks

/// A saved web page that prints one 项目支出绩效自评表 after another (pipe rows without a leading
/// pipe, "||||" row ends; Fixtures/templates/cards/three-forms-pipes.txt): the second repeats the
/// first one's title, the third has none and starts at its funding header. Each is its own form,
/// and a defect in a later form is reported there.
final class MultiFormPageTests: XCTestCase {
    static let file = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/templates/cards/three-forms-pipes.txt")

    private func lines(_ text: String, containing s: String) -> Int {
        let hits = text.components(separatedBy: "\n").enumerated().filter { $0.element.contains(s) }
        XCTAssertEqual(hits.count, 1, s)
        return (hits.first?.offset ?? -1) + 1
    }

    func testEveryFormOfThePageIsItsOwnForm() throws {
        let text = try String(contentsOf: Self.file, encoding: .utf8)
        let report = try ReportLoader.report(from: Data(text.utf8), path: "page.txt")
        XCTAssertEqual(report.forms.map(\.kind), [.project, .project, .project])
        XCTAssertEqual(report.forms.map { $0.funding?.executed?.text }, ["24.00", "3.36", "11.40"])
        XCTAssertEqual(report.forms.map { $0.indicators?.rows.count }, [4, 1, 2])
        XCTAssertEqual(report.forms.map { $0.funding?.sources.count }, [4, 4, 4])
        XCTAssertEqual(TestSupport.lint(text, path: "page.txt").map(\.ruleId), [])
    }

    func testADefectInALaterFormIsFoundThere() throws {
        let clean = try String(contentsOf: Self.file, encoding: .utf8)
        // The third form (no title): 11.40 of 12.00 is 95.00 %, not 100 %.
        var text = clean.replacingOccurrences(of: "总额 | 12.00 | 12.00 | 11.40 | 95.00%", with: "总额 | 12.00 | 12.00 | 11.40 | 100.00%")
        XCTAssertEqual(TestSupport.lint(text, path: "page.txt").map { "\($0.ruleId)@\($0.location.line ?? 0)" },
                       ["execution-rate@\(lines(text, containing: "总额 | 12.00"))"])
        // The second form (the same title again): 财政资金 4.36 + 0 + 0 > 预算执行数 3.36.
        text = clean.replacingOccurrences(of: "其中:财政资金 | 0.00 | 3.36 | 3.36", with: "其中:财政资金 | 0.00 | 3.36 | 4.36")
        XCTAssertEqual(TestSupport.lint(text, path: "page.txt").map { "\($0.ruleId)@\($0.location.line ?? 0)" },
                       ["sum-mismatch@\(lines(text, containing: "其中:财政资金 | 0.00 | 3.36 | 4.36"))"])
    }

    /// The template published unscored (完成值 and 得分 empty) as web-page cells, whose lone "|"
    /// blanks a cell stream drops: each row is cut at the next row's heading, keeps its target,
    /// and takes no weight it cannot be sure of, so nothing is summed or reported.
    func testAnUnscoredFormIsReadAndNothingIsReported() throws {
        let url = Self.file.deletingLastPathComponent().appendingPathComponent("unscored-web-cells.txt")
        let text = try String(contentsOf: url, encoding: .utf8)
        let report = try ReportLoader.report(from: Data(text.utf8), path: "unscored.txt")
        let rows = try XCTUnwrap(report.forms.first?.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.text), ["发放(缴纳)覆盖率", "足额保障率(参保率)"])
        XCTAssertEqual(rows.map { $0.target?.text }, ["=100%", "=100%"])
        XCTAssertEqual(rows.map { $0.score?.text }, [nil, nil])
        XCTAssertEqual(TestSupport.lint(text, path: "unscored.txt").map(\.message), [])
    }
}

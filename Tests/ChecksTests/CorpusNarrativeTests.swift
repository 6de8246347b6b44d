import Foundation
import XCTest
import Core
import Checks

/// Checks that read the narrative, on a real published 决算 whose 项目支出绩效自评表 the narrative explains.
final class CorpusNarrativeTests: XCTestCase {
    private func corpusText(_ relative: String) throws -> (path: String, text: String) {
        let path = TestSupport.root.appendingPathComponent("../shared/corpus/\(relative)").standardized.path
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw XCTSkip("corpus not present at \(path)") }
        return (path, text)
    }

    /// 国家信访局 2024 决算: 信访研究宣传立法专项 executed 77.13 %. The narrative names the project
    /// in its item's first sentence (line 647) and gives the reason three sentences on (line 658).
    func testAReasonInTheProjectsNarrativeItemExplainsALowRate() throws {
        let (path, text) = try corpusText("renwu/gj-xfj-2024-final.pdf.txt")
        let rule = "low-execution-unexplained"
        XCTAssertFalse(TestSupport.lint(text, path: path).contains { $0.ruleId == rule })
        // Without the reason, the same low rate is reported at the form's 执行率 (line 815).
        let noReason = TestSupport.mutate(text, line: 658, replacing: "因：预算执行率较低，主要是在线访谈等重点宣传活动由于组织", with: "况：在线访谈等重点宣传活动组织")
        let found = TestSupport.lint(noReason, path: path).filter { $0.ruleId == rule }
        XCTAssertEqual(found.map { $0.location.line }, [815], "\(found.map(\.message))")
    }
}

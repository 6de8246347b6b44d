import Foundation
import XCTest
import Core
import Checks

/// `.lintrc`'s `vocabulary` on a real seed whose header word is renamed.
final class VocabularyConfigTests: XCTestCase {
    private func settings(_ json: String) throws -> LintSettings {
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        let obj = try JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
        return try loader.apply(obj, file: "/tmp/auditlint-test/.lintrc", directory: "/tmp/auditlint-test", to: LintSettings())
    }

    private func findings(_ text: String, _ s: LintSettings = LintSettings()) -> [String] {
        TestSupport.lint(text, path: "000.txt", settings: s).map { "\($0.ruleId)@\($0.location.line ?? 0)" }.sorted()
    }

    func testAUserNameForAColumnRestoresTheFindings() throws {
        let original = TestSupport.seedText("000")
        // A province whose template heads the column 实付数 instead of 全年执行数.
        let renamed = TestSupport.mutate(original, line: 10, replacing: "全年执行数", with: "实付数")
        let expected = findings(original)
        XCTAssertEqual(expected, ["execution-rate@31"], "seed 000's one finding (FINDINGS.md: lines 30-31)")
        XCTAssertNotEqual(findings(renamed), expected, "without the name, the 执行数 column is not read")
        XCTAssertEqual(findings(renamed, try settings(#"{"vocabulary": {"全年执行数": ["实付数"]}}"#)), expected)
    }

    func testInvalidVocabularyNamesTheKeyPath() {
        let cases: [(String, String)] = [
            (#"{"vocabulary": ["实付数"]}"#, "vocabulary"),
            (#"{"vocabulary": {"实付": ["x"]}}"#, "vocabulary.实付"),
            (#"{"vocabulary": {"全年执行数": []}}"#, "vocabulary.全年执行数"),
            (#"{"vocabulary": {"全年执行数": [""]}}"#, "vocabulary.全年执行数"),
            (#"{"vocabulary": {"全年执行数": "实付数"}}"#, "vocabulary.全年执行数"),
        ]
        for (json, keyPath) in cases {
            do {
                _ = try settings(json)
                XCTFail("\(json) should be refused")
            } catch let e as ConfigError {
                XCTAssertEqual(e.keyPath, keyPath, json)
            } catch {
                XCTFail("\(error)")
            }
        }
    }
}

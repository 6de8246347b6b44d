import Foundation
import XCTest
import Core
import Checks

/// Nothing is passed unchecked: a file in which no form is recognised gets `unrecognized-document`,
/// and a model dumped before the narrative was part of the model still lints the same.
final class RecognitionCoverageTests: XCTestCase {
    static let rule = "unrecognized-document"

    // MARK: unrecognized-document

    /// A published budget 说明 (PDF text) that holds no table: its tables were published apart.
    func testRealCorpusFileThatRecognisesNothingIsAnError() throws {
        let path = TestSupport.root.appendingPathComponent("../shared/corpus/openbudget-js/js-rdbgt-2019-dept-budget.pdf.txt").standardized.path
        guard FileManager.default.fileExists(atPath: path) else { throw XCTSkip("corpus not present at \(path)") }
        let result = TestSupport.engine().lint(path: path)
        XCTAssertEqual(result.format, "pdf-text")
        let found = result.diagnostics.filter { $0.ruleId == Self.rule }
        XCTAssertEqual(found.count, 1, "\(result.diagnostics.map(\.message))")
        XCTAssertEqual(result.diagnostics.count, 1, "nothing else can be checked in it")
        let d = try XCTUnwrap(found.first)
        XCTAssertEqual(d.severity, .error)
        XCTAssertEqual(d.location.line, 1)
        XCTAssertEqual(d.location.file, path)
        for fragment in ["pdf-text", "个表格", "个段落", "auditlint dump", "vocabulary"] {
            XCTAssertTrue(d.message.contains(fragment), "“\(fragment)” not in “\(d.message)”")
        }
    }

    /// Seed 000 with its header words garbled (one character of each replaced): the form is
    /// no longer recognised, and the message shows the garbled header the recogniser saw.
    func testSeedWithGarbledHeaderWordsIsAnError() throws {
        let text = TestSupport.seedText("000")
        XCTAssertFalse(TestSupport.lint(text, path: "000.txt").contains { $0.ruleId == Self.rule }, "the seed itself is recognised")
        var garbled = text
        for (word, replacement) in [("预算", "予算"), ("执行", "执形"), ("指标", "指杓"), ("分值", "分植"), ("得分", "得份"),
                                    ("资金", "资今"), ("总分", "总份"), ("决算", "决箅"), ("绩效", "绩郊")] {
            garbled = garbled.replacingOccurrences(of: word, with: replacement)
        }
        let d = TestSupport.lint(garbled, path: "000-garbled.txt")
        let found = d.filter { $0.ruleId == Self.rule }
        XCTAssertEqual(found.count, 1, "\(d.map(\.message))")
        XCTAssertEqual(d.count, 1, "no other rule has anything to check")
        XCTAssertEqual(found.first?.location.line, 1)
        XCTAssertEqual(found.first?.severity, .error)
        XCTAssertTrue(found.first?.message.contains("tab-cells") == true, found.first?.message ?? "")
        XCTAssertTrue(found.first?.message.contains("予算") == true, "the header it saw is shown: \(found.first?.message ?? "")")
    }

    func testTheRuleIsConfigurableLikeAnyOther() throws {
        let input = "会议纪要\n本次会议讨论了下一年度的工作安排。\n"
        XCTAssertEqual(TestSupport.lint(input, path: "note.md").map(\.severity), [.error])
        var settings = LintSettings()
        settings.rules[Self.rule] = RuleSettings(enabled: true, severity: .warning)
        XCTAssertEqual(TestSupport.lint(input, path: "note.md", settings: settings).map(\.severity), [.warning])
        settings.rules[Self.rule] = RuleSettings(enabled: false)
        XCTAssertEqual(TestSupport.lint(input, path: "note.md", settings: settings), [])
    }

    func testOfficeFileIsReportedAtItsFirstTable() throws {
        let docx = TestSupport.root.appendingPathComponent("Examples/office/hunan-gxt-2024-overall.docx")
        let report = try ReportLoader.report(from: Data(contentsOf: docx), path: docx.path)
        // Its tables without the forms: the outline points at the first table, not at a line.
        let stripped = Report(document: report.document, forms: [])
        let findings = UnrecognizedDocumentCheck().run(CheckContext(report: stripped, settings: LintSettings()))
        XCTAssertEqual(findings.count, 1)
        XCTAssertNil(findings.first?.location.line)
        XCTAssertEqual(findings.first?.location.table, 1)
    }

    // MARK: models dumped before the narrative was in the model

    /// `auditlint dump` of seed 002 made by the tool before spans and the narrative were added to
    /// the model (commit 0420ef9). Read today, it gives the forms and findings of the seed itself.
    func testModelDumpedBeforeTheNarrativeLintsLikeTheSeed() throws {
        let fixture = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/seed-002-model-before-narrative.json")
        let data = try Data(contentsOf: fixture)
        let object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNil(object["narrative"], "the fixture predates the narrative keys")
        let model = try ModelFile.decode(data, path: fixture.path)
        let seedPath = "Examples/seeds/002_656a67db822e340c.txt"
        // A model's locations are placed in the model file itself, so the seed is read under that name.
        let seed = Recognizer().recognize(try ReaderRegistry().document(from: Data(contentsOf: TestSupport.seedURL("002")), path: fixture.path))
        XCTAssertEqual(model.forms, seed.forms)
        XCTAssertEqual(model.spans, seed.spans)
        XCTAssertFalse(model.narrative.claims.isEmpty)
        XCTAssertEqual(model.narrative.claims.map(\.phrase), seed.narrative.claims.map(\.phrase))
        XCTAssertEqual(model.narrative.sentences.map(\.text), seed.narrative.sentences.map(\.text))

        // The model's findings are placed in the model file itself: compare them by place, not by name.
        func key(_ d: Diagnostic) -> String { "\(d.ruleId) \(d.severity) \(d.location.line ?? 0):\(d.location.column ?? 0) \(d.message)" }
        let fromModel = TestSupport.engine().lint(data: data, path: fixture.path).diagnostics.map(key)
        let fromSeed = TestSupport.engine().lint(data: try Data(contentsOf: TestSupport.seedURL("002")), path: seedPath).diagnostics.map(key)
        XCTAssertEqual(fromModel.count, 6)
        XCTAssertEqual(fromModel, fromSeed)
    }
}

import XCTest
import Core
import Checks

/// Runs every check's own triggering and non-triggering examples, as SwiftLint does:
/// a new check is tested by the examples it declares.
final class CheckExamplesTests: XCTestCase {
    func testEveryCheckHasEnoughExamples() {
        for check in BuiltinChecks.all {
            let d = check.descriptor
            XCTAssertGreaterThanOrEqual(d.examples.filter(\.triggers).count, 3, "\(d.id) needs ≥3 triggering examples")
            XCTAssertGreaterThanOrEqual(d.examples.filter { !$0.triggers }.count, 3, "\(d.id) needs ≥3 non-triggering examples")
            XCTAssertNotNil(d.id.range(of: #"^[a-z]+(-[a-z]+)*$"#, options: .regularExpression), "\(d.id) is not kebab-case")
            XCTAssertFalse(d.rationale.isEmpty)
        }
    }

    func testIdsAreUnique() {
        let ids = BuiltinChecks.all.map(\.descriptor.id)
        XCTAssertEqual(Set(ids).count, ids.count)
    }

    func testExamples() {
        for check in BuiltinChecks.all {
            let d = check.descriptor
            for ex in d.examples {
                // Only this check runs, so another rule's finding cannot satisfy the example; the
                // unrecognized-document check runs beside it to tell an example that was not recognised.
                let unrecognized = UnrecognizedDocumentCheck()
                let checks: [any Check] = d.id == unrecognized.descriptor.id ? [check] : [check, unrecognized]
                let engine = LintEngine(registry: CheckRegistry(checks), settings: LintSettings())
                let result = engine.lint(data: Data(ex.input.utf8), path: "example.md")
                let found = result.diagnostics.filter { $0.ruleId == d.id }
                XCTAssertFalse(result.diagnostics.contains { $0.ruleId == LintEngine.parseErrorRule || ($0.ruleId == unrecognized.descriptor.id && d.id != $0.ruleId) },
                               "\(d.id) «\(ex.title)»: example not recognised: \(result.diagnostics.map(\.message))")
                XCTAssertEqual(Set(found.compactMap(\.location.line)), Set(ex.expectedLines),
                               "\(d.id) «\(ex.title)»: expected findings at \(ex.expectedLines), got \(found.map { "\($0.location.line ?? 0): \($0.message)" })")
            }
        }
    }
}

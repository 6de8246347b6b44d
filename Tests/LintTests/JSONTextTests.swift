import XCTest
import Foundation
@testable import Core
@testable import Checks
@testable import Lint

/// `JSONText` stands in for `JSONEncoder` in the JSON output: it must print the same bytes,
/// and map every field a `Diagnostic` encodes.
final class JSONTextTests: XCTestCase {
    /// One entry of the JSON format's `files`, as its documented shape is encoded by `Codable`.
    private struct File: Encodable { var path: String; var format: String?; var diagnostics: [Diagnostic] }

    private func foundation(_ f: FileResult) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array(try enc.encode(File(path: f.path, format: f.format, diagnostics: f.diagnostics)))
    }

    /// Every finding on the real examples, as both encoders print it.
    func testPrintsTheExamplesExactlyAsJSONEncoder() throws {
        let engine = LintEngine(registry: BuiltinChecks.registry, settings: LintSettings())
        let dir = CLITests.root.appendingPathComponent("Examples")
        let files = try FileManager.default.subpathsOfDirectory(atPath: dir.path).sorted()
            .map { dir.appendingPathComponent($0).path }
            .filter { var d: ObjCBool = false; return FileManager.default.fileExists(atPath: $0, isDirectory: &d) && !d.boolValue }
        var findings = 0
        for path in files {
            var result = engine.lint(path: path)
            // Both baseline states, as a run with --baseline prints them.
            for k in result.diagnostics.indices { result.diagnostics[k].baselineState = k % 2 == 0 ? .new : .unchanged }
            findings += result.diagnostics.count
            XCTAssertEqual(JSONText(result).printed(), try foundation(result), path)
        }
        XCTAssertGreaterThan(findings, 100)
    }

    /// Every optional field set, and strings with quotes, backslashes, slashes, control
    /// characters, NUL, line separators and non-BMP scalars.
    func testPrintsHostileStringsAndEveryFieldExactlyAsJSONEncoder() throws {
        let odd = "a\"b\\c/d\u{0}\u{1}\u{8}\u{9}\u{A}\u{B}\u{C}\u{D}\u{1F}\u{7F}\u{2028}\u{2029}é😀年度资金总额"
        var location = SourceLocation(file: "dir/\(odd).docx", line: 3, column: 7, table: 2, row: 14, cell: 7, paragraph: 9, sheet: "Sheet \(odd)", cellRef: "H4")
        var d = Diagnostic(ruleId: "sum-mismatch", severity: .error, message: odd, location: location,
                           related: [RelatedLocation(location: location, message: odd), RelatedLocation(location: SourceLocation(file: "x"), message: "")],
                           expected: odd, actual: "", subject: odd)
        d.baselineState = .unchanged
        location.line = nil
        let bare = Diagnostic(ruleId: "parse-error", severity: .note, message: "", location: SourceLocation(file: ""), subject: "")
        for f in [FileResult(path: odd, format: "docx", diagnostics: [d, bare]), FileResult(path: "p", format: nil, diagnostics: []),
                  FileResult(path: "q", format: "json", diagnostics: [bare])] {
            XCTAssertEqual(JSONText(f).printed(), try foundation(f), String(decoding: JSONText(f).printed(), as: UTF8.self))
        }
    }
}

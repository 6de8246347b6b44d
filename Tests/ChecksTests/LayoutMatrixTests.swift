import Foundation
import XCTest
import Core
import Checks

/// Every clean template variant (Fixtures/templates/cards) re-printed in each layout published web
/// text comes in: every cell a line ending in " |", one cell per paragraph, the whole sheet on one
/// line with single spaces, and pipe rows without a leading pipe ending in "| |||". In every layout
/// the same forms and indicator rows are recognised and no finding is made: a layout must never
/// turn a correct form into a reported one.
final class LayoutMatrixTests: XCTestCase {
    static let folder = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/templates/cards")
    static let sources = ["national-markdown.md", "rowspan-lost.md", "two-row-header.md", "weight-column.tsv.txt", "three-forms-pipes.txt"]

    /// The rows of a fixture as cell texts (Markdown or bare pipe rows, or TAB rows).
    static func rows(_ text: String, tabs: Bool) -> [[String]] {
        text.split(separator: "\n").compactMap { line -> [String]? in
            let l = String(line)
            if l.replacingOccurrences(of: " ", with: "").hasPrefix("|---") { return nil }
            var cells: [String]
            if tabs { cells = l.components(separatedBy: "\t") } else if l.contains("|") {
                var body = Substring(l.trimmingCharacters(in: .whitespaces))
                if body.hasPrefix("|") { body = body.dropFirst() }
                cells = body.components(separatedBy: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            } else { cells = [l] }
            while cells.last == "" { cells.removeLast() }
            return cells
        }
    }

    static func layouts(_ rows: [[String]]) -> [(String, String)] {
        let filled = rows.flatMap { $0 }.filter { !$0.isEmpty }
        return [
            ("web-cells", rows.flatMap { $0 }.map { $0.isEmpty ? "|" : "\($0) |" }.joined(separator: "\n") + "\n"),
            ("paragraphs", filled.joined(separator: "\n\n") + "\n"),
            ("one-line", filled.joined(separator: " ") + "\n"),
            ("pipes", rows.map { $0.joined(separator: " | ") + " | |||" }.joined(separator: "\n") + "\n"),
        ]
    }

    func testEveryCleanVariantStaysCleanInEveryLayout() throws {
        for source in Self.sources {
            let text = try String(contentsOf: Self.folder.appendingPathComponent(source), encoding: .utf8)
            let original = try ReportLoader.report(from: Data(text.utf8), path: source)
            let expected = original.forms.map { $0.indicators?.rows.map(\.name.text) ?? [] }
            XCTAssertFalse(expected.flatMap { $0 }.isEmpty, source)
            for (layout, printed) in Self.layouts(Self.rows(text, tabs: source.hasSuffix(".tsv.txt"))) {
                let name = "\(source) as \(layout)"
                let report = try ReportLoader.report(from: Data(printed.utf8), path: "t.txt")
                XCTAssertEqual(report.forms.map { $0.indicators?.rows.map(\.name.text) ?? [] }, expected, name)
                XCTAssertEqual(report.forms.map { $0.funding?.executed?.text }, original.forms.map { $0.funding?.executed?.text }, name)
                XCTAssertEqual(TestSupport.lint(printed, path: "t.txt").map { "\($0.ruleId): \($0.message)" }, [], name)
            }
        }
    }
}

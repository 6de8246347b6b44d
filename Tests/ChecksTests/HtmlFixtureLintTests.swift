import Foundation
import XCTest
import Core
import Checks

/// Saved web pages of the seed-000 form, as LibreOffice exports the .docx and as a GB2312 CMS
/// page prints it: the findings equal the .docx's, and each injected defect is reported at
/// its cell and at the line where that cell's `<td>` starts. Also the three real saved pages
/// of the corpus against a manifest written by reading them.
final class HtmlFixtureLintTests: XCTestCase {
    static let html = TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/html")
    static let office = TestSupport.root.appendingPathComponent("Tests/CoreTests/Fixtures")
    static let corpus = TestSupport.root.deletingLastPathComponent().appendingPathComponent("shared/corpus/renwu")

    private func lint(_ url: URL) -> [Diagnostic] {
        TestSupport.engine().lint(path: url.path).diagnostics
    }

    /// What a finding says, without where it is.
    private func summary(_ d: [Diagnostic]) -> [String] {
        d.map { "\($0.ruleId)/\($0.severity)/\($0.message)/\($0.expected ?? "-")/\($0.actual ?? "-")" }
    }

    func testSavedPagesGiveTheDocxFindings() {
        for variant in ["", "-sum", "-rate", "-score", "-note"] {
            let docx = lint(Self.office.appendingPathComponent("hunan-gxt-2024-overall\(variant).docx"))
            XCTAssertFalse(docx.isEmpty, variant)
            let pages = ["libreoffice", "cms-gb2312"].map { Self.html.appendingPathComponent("hunan-gxt-2024-overall\(variant).\($0).html") }
                .filter { FileManager.default.fileExists(atPath: $0.path) }
            XCTAssertFalse(pages.isEmpty, variant)
            for page in pages {
                XCTAssertEqual(summary(lint(page)), summary(docx), page.lastPathComponent)
            }
        }
    }

    func testExecutionRateFindingOnTheFundingRow() throws {
        let d = try XCTUnwrap(lint(Self.html.appendingPathComponent("hunan-gxt-2024-overall.libreoffice.html")).first)
        XCTAssertEqual(d.ruleId, "execution-rate")
        XCTAssertEqual(d.expected, "9.59")
        // LibreOffice merges Word's two always-spanned first columns into one, so the 得分 cell
        // is column 8 here (9 in Word); line 100 is where its <td> starts.
        XCTAssertEqual([d.location.table, d.location.row, d.location.cell, d.location.line], [1, 4, 8, 100])
        let cms = try XCTUnwrap(lint(Self.html.appendingPathComponent("hunan-gxt-2024-overall.cms-gb2312.html")).first)
        XCTAssertEqual(cms.ruleId, "execution-rate")
        // The CMS page keeps Word's grid; the form is table 2, after the breadcrumb.
        XCTAssertEqual([cms.location.table, cms.location.row, cms.location.cell, cms.location.line], [2, 4, 9, 41])
    }

    /// The variant's finding of `rule` that the unmodified page does not have.
    private func injected(_ defect: String, _ kind: String, _ rule: String) -> Diagnostic? {
        let base = Set(lint(Self.html.appendingPathComponent("hunan-gxt-2024-overall.\(kind).html")).map(\.message))
        return lint(Self.html.appendingPathComponent("hunan-gxt-2024-overall-\(defect).\(kind).html"))
            .first { $0.ruleId == rule && !base.contains($0.message) }
    }

    private func assertInjected(_ defect: String, _ kind: String, _ rule: String, table: Int, row: Int, cell: Int, line: Int,
                                file: StaticString = #filePath, fileLine: UInt = #line) {
        let d = injected(defect, kind, rule)
        XCTAssertNotNil(d, "\(defect).\(kind): no new \(rule)", file: file, line: fileLine)
        XCTAssertEqual(d.map { [$0.location.table, $0.location.row, $0.location.cell, $0.location.line] }, [table, row, cell, line],
                       file: file, line: fileLine)
    }

    // Lines read from the fixtures: the line of the <td> that holds the cell.
    func testInjectedRateInLibreOfficeExport() {
        assertInjected("rate", "libreoffice", "execution-rate", table: 1, row: 4, cell: 7, line: 97)
    }

    func testInjectedSumInLibreOfficeExport() {
        assertInjected("sum", "libreoffice", "sum-mismatch", table: 1, row: 6, cell: 4, line: 116)
    }

    func testInjectedScoreInCmsPage() {
        assertInjected("score", "cms-gb2312", "score-exceeds-weight", table: 2, row: 18, cell: 9, line: 125)
    }

    func testInjectedMissingNoteInCmsPage() {
        assertInjected("note", "cms-gb2312", "missing-deviation-note", table: 2, row: 19, cell: 10, line: 133)
    }

    // MARK: - Corpus

    private struct Manifest: Decodable {
        struct Page: Decodable {
            var tables: [[[String]]]
            var paragraphs: [String]
        }
        var pages: [String: Page]
    }

    func testCorpusPagesHaveTheTablesOfTheManifest() throws {
        try XCTSkipUnless(FileManager.default.fileExists(atPath: Self.corpus.path), "no ../shared corpus on this machine")
        let manifest = try JSONDecoder().decode(Manifest.self, from: Data(contentsOf: Self.html.appendingPathComponent("corpus-manifest.json")))
        XCTAssertEqual(manifest.pages.count, 3)
        for (name, page) in manifest.pages.sorted(by: { $0.key < $1.key }) {
            let url = Self.corpus.appendingPathComponent(name)
            let doc = try HtmlReader().read(Data(contentsOf: url), path: name)
            XCTAssertEqual(doc.format, "html")
            XCTAssertEqual(doc.tables.count, page.tables.count, name)
            for (table, words) in zip(doc.tables, page.tables) {
                let first = table.rows.first?.cells.map(\.compact) ?? []
                XCTAssertEqual(first.count, words.count, "\(name) table \(table.index): \(first)")
                for (cell, expected) in zip(first, words) {
                    for w in expected { XCTAssertTrue(cell.contains(w), "\(name) table \(table.index): «\(cell)» lacks «\(w)»") }
                }
            }
            for text in page.paragraphs {
                XCTAssertTrue(doc.paragraphs.contains { $0.text.contains(text) }, "\(name): no paragraph holds «\(text)»")
            }
            // Navigation, scripts and styles never leak in as text.
            XCTAssertFalse(doc.paragraphs.contains { $0.text.contains("function(") || $0.text.contains("{color") }, name)
        }
    }
}

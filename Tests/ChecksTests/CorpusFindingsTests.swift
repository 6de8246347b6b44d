import Foundation
import XCTest
import Core
import Checks

/// Every finding on the real corpus (`../shared/corpus`) is one a person reviewed and found true:
/// `docs/corpus-findings.md` says why for each, and `Fixtures/corpus-findings.tsv` lists them.
/// A finding that appears and is not on the list fails the test, and so does one that disappears:
/// either is a change in what users are told about published documents.
final class CorpusFindingsTests: XCTestCase {
    static let corpus = TestSupport.root.appendingPathComponent("../shared/corpus").standardized

    /// "relative/path<TAB>rule<TAB>place" for every finding, sorted.
    private func findings() throws -> [String] {
        guard FileManager.default.fileExists(atPath: Self.corpus.path) else { throw XCTSkip("corpus not present at \(Self.corpus.path)") }
        let engine = TestSupport.engine()
        var out: [String] = []
        let files = try FileManager.default.subpathsOfDirectory(atPath: Self.corpus.path).sorted()
        for rel in files where ["pdf", "txt", "html", "htm", "xlsx", "docx"].contains((rel as NSString).pathExtension.lowercased()) {
            let result = engine.lint(path: Self.corpus.appendingPathComponent(rel).path)
            for d in result.diagnostics {
                let place = d.location.line.map { "\($0):\(d.location.column ?? 1)" } ?? d.location.logicalName ?? "-"
                out.append("\(rel)\t\(d.ruleId)\t\(place)")
            }
        }
        return out.sorted()
    }

    func testEveryCorpusFindingIsAReviewedOne() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if !path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") }) {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: the corpus PDFs cannot be read")
        }
        let listed = try String(contentsOf: TestSupport.root.appendingPathComponent("Tests/ChecksTests/Fixtures/corpus-findings.tsv"), encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }.sorted()
        let actual = try findings()
        let new = Set(actual).subtracting(listed).sorted()
        let gone = Set(listed).subtracting(actual).sorted()
        XCTAssertTrue(new.isEmpty, "findings not reviewed (check each by hand, then add it to the TSV and docs/corpus-findings.md):\n" + new.joined(separator: "\n"))
        XCTAssertTrue(gone.isEmpty, "reviewed findings no longer reported:\n" + gone.joined(separator: "\n"))
    }
}

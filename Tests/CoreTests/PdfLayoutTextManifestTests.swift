import Foundation
import XCTest
@testable import Core

/// The standard tables of Fixtures/pdf-tables/*.tsv, read from the `pdftotext -layout` text beside
/// each PDF (`X.pdf.txt`, format pdf-text) instead of the PDF itself: how many of them the text
/// reader finds with their header words and an amount under the named column. The PDF reader is
/// the primary path; this keeps the text reader from falling behind it unnoticed.
final class PdfLayoutTextManifestTests: XCTestCase {
    /// Tables found when this was last measured (24 of the 83 listed, 2026-12-01; 0 before the
    /// text reader read columns); fewer is a regression.
    static let floor = 24

    func testStandardTablesFromTheLayoutText() throws {
        let entries = try PdfCorpusManifestTests.manifest()
        var documents: [String: Document] = [:]
        var found = 0, missed: [String] = []
        for entry in entries {
            let url = PdfCorpusSupport.corpus.appendingPathComponent(entry.file + ".txt")
            guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is missing: the shared corpus is not here") }
            if documents[entry.file] == nil { documents[entry.file] = try ReaderRegistry().readText(Data(contentsOf: url), path: entry.file + ".txt") }
            if let problem = PdfCorpusManifestTests.problem(entry, in: documents[entry.file]!) {
                missed.append("\(entry.file) \(entry.kind) 「\(entry.title)」: \(problem)")
            } else {
                found += 1
            }
        }
        print("PDF layout text manifest: \(found) of \(entries.count) tables found in \(documents.count) .pdf.txt files")
        // AUDITLINT_LIST_MISSES=FILE writes what was missed and why, one table a line.
        if let out = ProcessInfo.processInfo.environment["AUDITLINT_LIST_MISSES"] {
            try missed.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        }
        XCTAssertGreaterThanOrEqual(found, Self.floor, "tables the layout-text reader found before and misses now:\n" + missed.joined(separator: "\n"))
    }
}

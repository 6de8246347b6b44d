import Foundation
import XCTest
@testable import Core

/// The standard budget tables of the corpus PDFs, as listed in Fixtures/pdf-tables/*.tsv (one file per corpus folder) (written
/// by reading the documents): each must be a table of the Document, after its title, with those words
/// in its header row and a number under the named amount column in the named row.
final class PdfCorpusManifestTests: XCTestCase {
    struct Entry {
        var file, kind, title: String
        var header: [String]
        var row, amount, status: String
        var source: String
        var knownMiss: Bool { status.hasPrefix("known-miss") }
    }

    static func manifest() throws -> [Entry] {
        try PdfCorpusSupport.manifestLines(folder: "pdf-tables").map { f, source in
            Entry(file: f[0], kind: f[1], title: f[2], header: f[3].split(separator: " ").map(String.init),
                  row: f[4], amount: f[5], status: f[6], source: source)
        }
    }

    /// Why `entry` is not found in `doc`, or nil when it is.
    static func problem(_ entry: Entry, in doc: Document) -> String? {
        let title = TextNormalizer.compact(entry.title)
        // The table after the title: the first table block after a paragraph holding the title
        // (a title printed inside the table's first row counts too).
        var candidates: [Table] = []
        var sawTitle = false
        for block in doc.blocks {
            switch block {
            case .paragraph(let p):
                if TextNormalizer.compact(p.text).contains(title) { sawTitle = true }
            case .table(let t):
                if sawTitle { candidates.append(t); sawTitle = false }
                else if t.rows.first.map({ TextNormalizer.compact($0.cells.map(\.text).joined()).contains(title) }) == true { candidates.append(t) }
            }
        }
        guard !candidates.isEmpty else { return "no table after a paragraph with the title \(entry.title)" }
        var reasons: [String] = []
        for table in candidates {
            guard let header = table.rows.first else { reasons.append("table \(table.index) is empty"); continue }
            let headerText = header.cells.map(\.compact).joined(separator: "|")
            let missing = entry.header.filter { !headerText.contains(TextNormalizer.compact($0)) }
            if !missing.isEmpty { reasons.append("table \(table.index): header \(headerText) lacks \(missing)"); continue }
            if entry.row.isEmpty { return nil }
            let amountColumns = header.cells.indices.filter { header.cells[$0].compact.contains(TextNormalizer.compact(entry.amount)) }
            let body = table.rows.dropFirst()
            let rows = entry.row == "*" ? Array(body) : body.filter { $0.cells.contains { $0.compact == TextNormalizer.compact(entry.row) } }
            if rows.isEmpty { reasons.append("table \(table.index): no body row \(entry.row)"); continue }
            let numbered = rows.contains { row in
                amountColumns.contains { $0 < row.cells.count && PdfWordKind.isNumber(row.cells[$0].compact) }
            }
            if numbered { return nil }
            reasons.append("table \(table.index): row \(entry.row) has no number under \(entry.amount) (columns \(amountColumns))")
        }
        return reasons.joined(separator: "; ")
    }

    func testStandardTablesOfTheCorpus() throws {
        try PdfCorpusSupport.requirePdftotext()
        let entries = try Self.manifest()
        var documents: [String: Document] = [:]
        var passed = 0, knownMisses = 0, fixedMisses: [String] = []
        for entry in entries {
            if documents[entry.file] == nil { documents[entry.file] = try PdfCorpusSupport.read(entry.file) }
            let problem = Self.problem(entry, in: documents[entry.file]!)
            switch (problem, entry.knownMiss) {
            case (nil, false): passed += 1
            case (nil, true): fixedMisses.append(entry.source)
            case (let p?, false): XCTFail("\(entry.file) \(entry.kind) 「\(entry.title)」 (\(entry.source)): \(p)")
            case (_?, true): knownMisses += 1
            }
        }
        XCTAssertTrue(fixedMisses.isEmpty, "known misses that now pass, mark them ok: \(fixedMisses)")
        let issuers = Set(entries.map { $0.file.split(separator: "/").last!.split(separator: "-").prefix(2).joined(separator: "-") })
        let kinds = Set(entries.map(\.kind))
        print("PDF corpus manifest: \(passed) tables found, \(knownMisses) known misses, \(documents.count) documents, \(issuers.count) issuers, \(kinds.count) kinds")
        XCTAssertGreaterThanOrEqual(documents.count, 20)
        XCTAssertGreaterThanOrEqual(issuers.count, 6)
        XCTAssertTrue(Set(["收支总表", "收入总表", "支出总表", "财政拨款收支总表", "功能分类", "经济分类", "三公", "政府性基金", "国有资本"]).isSubset(of: kinds))
    }
}

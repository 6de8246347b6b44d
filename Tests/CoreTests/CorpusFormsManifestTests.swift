import Foundation
import XCTest
@testable import Core

/// Every form of the corpus documents, as listed in Fixtures/corpus-forms/*.tsv (written by reading
/// the documents, not from auditlint's output): each listed form must be recognised with its kind,
/// title and page and with the listed number of indicator rows and ledger rows, and a manifested
/// document may hold no recognised form the manifest does not list.
///
/// A line's status is `ok`; `known-miss: why` for a form that is not recognised (or not with those
/// counts) today, reported and kept honest: a known miss that starts to pass fails the test until it
/// is marked ok; or `spurious: why` for a recognised form that is not a real form.
final class CorpusFormsManifestTests: XCTestCase {
    struct Entry {
        var file, kind, title: String
        var page: Int?
        var indicatorRows, ledgerRows: Int?
        var status: String
        var source: String
        var knownMiss: Bool { status.hasPrefix("known-miss") }
        var spurious: Bool { status.hasPrefix("spurious") }
    }

    static let corpus = PdfCorpusSupport.corpus

    static func manifest() throws -> [Entry] {
        var entries: [Entry] = []
        for (f, source) in try PdfCorpusSupport.manifestLines(folder: "corpus-forms") {
            func count(_ s: String) -> Int? { s == "-" ? nil : Int(s) }
            if f[3] != "-" && Int(f[3]) == nil || f[4] != "-" && Int(f[4]) == nil || f[5] != "-" && Int(f[5]) == nil {
                XCTFail("\(source): page and counts are numbers or -"); continue
            }
            guard FormKind(rawValue: f[1]) != nil else { XCTFail("\(source): unknown kind \(f[1])"); continue }
            guard f[6] == "ok" || f[6].hasPrefix("known-miss:") || f[6].hasPrefix("spurious:") else {
                XCTFail("\(source): status is ok, known-miss: why, or spurious: why"); continue
            }
            entries.append(Entry(file: f[0], kind: f[1], title: f[2], page: count(f[3]), indicatorRows: count(f[4]),
                                 ledgerRows: count(f[5]), status: f[6], source: source))
        }
        return entries
    }

    static func report(_ relative: String) throws -> Report {
        let url = corpus.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is missing: the shared corpus is not here") }
        return try ReportLoader.report(from: Data(contentsOf: url), path: relative)
    }

    static func describe(_ form: Form) -> String {
        "\(form.kind.rawValue) 「\(form.title)」 第\(form.location.page.map(String.init) ?? "?")页 指标\(form.indicators?.rows.count ?? 0)行 台账\(form.ledgers.reduce(0) { $0 + $1.rows.count })行"
    }

    /// Matches the entries of one document against its recognised forms, in order; returns per entry
    /// why it is not found (nil when it is) and the forms no entry took.
    static func match(_ entries: [Entry], _ forms: [Form]) -> (problems: [String?], unlisted: [Form]) {
        var taken = Set<Int>()
        var problems: [String?] = []
        for entry in entries {
            let title = TextNormalizer.compact(entry.title)
            let candidates = forms.indices.filter { i in
                !taken.contains(i) && forms[i].kind.rawValue == entry.kind
                    && (TextNormalizer.compact(forms[i].title).contains(title) || forms[i].ledgers.contains { TextNormalizer.compact($0.title).contains(title) })
                    && (entry.page == nil || forms[i].location.page == entry.page)
            }
            guard !candidates.isEmpty else {
                problems.append("no \(entry.kind) form titled 「\(entry.title)」\(entry.page.map { " on page \($0)" } ?? "")"); continue
            }
            // Prefer the candidate whose counts agree, so two forms with one title are told apart by their rows.
            func counts(_ form: Form) -> (Int, Int) { (form.indicators?.rows.count ?? 0, form.ledgers.reduce(0) { $0 + $1.rows.count }) }
            let agreeing = candidates.first { i in
                let (ind, led) = counts(forms[i])
                return (entry.indicatorRows.map { $0 == ind } ?? true) && (entry.ledgerRows.map { $0 == led } ?? true)
            }
            let chosen = agreeing ?? candidates[0]
            taken.insert(chosen)
            if agreeing == nil { problems.append("counts differ: recognised \(describe(forms[chosen]))") } else { problems.append(nil) }
        }
        return (problems, forms.indices.filter { !taken.contains($0) }.map { forms[$0] })
    }

    func testEveryFormOfTheCorpus() throws {
        let entries = try Self.manifest()
        if entries.contains(where: { $0.file.hasSuffix(".pdf") }) { try PdfCorpusSupport.requirePdftotext() }
        var files: [String] = []
        for entry in entries where !files.contains(entry.file) { files.append(entry.file) }
        var found = 0, misses = 0, spurious = 0
        var kinds: [String: Int] = [:]
        for file in files {
            let listed = entries.filter { $0.file == file }
            let report = try Self.report(file)
            let (problems, unlisted) = Self.match(listed, report.forms)
            for (entry, problem) in zip(listed, problems) {
                switch (problem, entry.knownMiss) {
                case (nil, false): if entry.spurious { spurious += 1 } else { found += 1; kinds[entry.kind, default: 0] += 1 }
                case (nil, true): XCTFail("\(entry.source): known miss now passes, mark it ok")
                case (let p?, false): XCTFail("\(entry.source) \(file): \(p)")
                case (_?, true): misses += 1
                }
            }
            for form in unlisted { XCTFail("\(file): recognised a form the manifest does not list: \(Self.describe(form))") }
        }
        print("Corpus forms manifest: \(found) forms recognised as listed (\(kinds.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))), \(misses) known misses, \(spurious) spurious, \(files.count) documents")
        XCTAssertGreaterThan(found, 0)
    }
}

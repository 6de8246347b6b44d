import Foundation
import XCTest
@testable import Core

/// Where the shared corpus is, and whether pdftotext can be run here.
enum PdfCorpusSupport {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("../shared/corpus").standardized

    /// Skips the calling test when poppler's pdftotext is not installed.
    static func requirePdftotext() throws {
        let found = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").contains {
            FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext")
        }
        if !found { throw XCTSkip("pdftotext (poppler-utils) is not installed: the PDF reader cannot run") }
    }

    static func read(_ relative: String) throws -> Document {
        let url = corpus.appendingPathComponent(relative)
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is missing: the shared corpus is not here") }
        return try PdfReader().read(Data(contentsOf: url), path: relative)
    }

    /// The data lines of every `.tsv` manifest in `Fixtures/<folder>`, split into their 7 fields, each
    /// with its source ("file.tsv:line"); comment, header and blank lines are skipped, and a line of
    /// another width fails the calling test.
    static func manifestLines(folder name: String) throws -> [(fields: [String], source: String)] {
        let folder = try XCTUnwrap(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
        let files = try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "tsv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        var out: [(fields: [String], source: String)] = []
        for url in files {
            for (n, line) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                if line.hasPrefix("#") || line.hasPrefix("file\t") || line.trimmingCharacters(in: .whitespaces).isEmpty { continue }
                let source = "\(url.lastPathComponent):\(n + 1)"
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                guard f.count == 7 else { XCTFail("\(source): \(f.count) fields, expected 7"); continue }
                out.append((f, source))
            }
        }
        return out
    }
}

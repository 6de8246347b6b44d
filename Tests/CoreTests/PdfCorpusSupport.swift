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
}

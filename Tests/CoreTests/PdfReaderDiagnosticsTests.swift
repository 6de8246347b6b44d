import Foundation
import XCTest
import TestSupport
@testable import Core

/// What the PDF reader says about PDFs it cannot read: scans, broken files, a missing poppler,
/// hostile files over its limits.
final class PdfReaderDiagnosticsTests: XCTestCase {
    func reason(_ data: Data, reader: PdfReader = PdfReader()) -> String? {
        do {
            _ = try reader.read(data, path: "x.pdf")
            return nil
        } catch let e as ReadError {
            XCTAssertEqual(e.location.file, "x.pdf")
            return e.reason
        } catch {
            XCTFail("unexpected \(error)")
            return nil
        }
    }

    func testScannedCorpusPdfsHaveNoTextLayer() throws {
        try PdfCorpusSupport.requirePdftotext()
        for name in ["renwu/bj-zwfw-2026-dept-budget-sm-scanned.pdf", "renwu/cs-jjzd-2023-jxpj-scanned.pdf", "renwu/cs-scjg-2022-jxpj-scanned.pdf"] {
            let url = PdfCorpusSupport.corpus.appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is missing") }
            let r = reason(try Data(contentsOf: url))
            XCTAssertEqual(r?.hasPrefix("PDF 没有文字层（可能是扫描件），无法检查；不做 OCR"), true, "\(name): \(r ?? "read")")
        }
    }

    func testTruncatedPdfNamesPopplersReason() throws {
        try PdfCorpusSupport.requirePdftotext()
        let url = PdfCorpusSupport.corpus.appendingPathComponent("govbudgetchecker/sh-putuo-zfb-2025-dept-budget.pdf")
        guard FileManager.default.fileExists(atPath: url.path) else { throw XCTSkip("\(url.path) is missing") }
        let data = try Data(contentsOf: url)
        let r = reason(data.prefix(data.count / 3))
        XCTAssertEqual(r?.hasPrefix("PDF 无法读取（已加密、损坏或不完整）"), true, r ?? "read")
        XCTAssertEqual(r?.contains("xref") == true || r?.contains("trailer") == true, true, r ?? "")
        XCTAssertNotNil(reason(Data("%PDF-1.4\n%%EOF\n".utf8)))
    }

    func testMissingPdftotextNamesThePackage() {
        let reader = PdfReader(extractor: PdfToText(program: "/nonexistent/auditlint/pdftotext"))
        let r = reason(TestPdfWriter.pdf(pages: [[.init("hello", x: 50, y: 700)]]), reader: reader)
        XCTAssertEqual(r?.contains("poppler-utils"), true, r ?? "read")
        XCTAssertEqual(r?.contains("brew install poppler"), true, r ?? "read")
    }

    func testGeneratedPdfIsRead() throws {
        try PdfCorpusSupport.requirePdftotext()
        let doc = try PdfReader().read(TestPdfWriter.pdf(pages: [[.init("Total (a) 12.5", x: 50, y: 700)], []]), path: "x.pdf")
        XCTAssertEqual(doc.format, "pdf")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["Total (a) 12.5"])
        XCTAssertEqual(doc.paragraphs.first?.location.page, 1)
    }

    /// PDFs read at the same time from several threads (as `--jobs` does): no child may inherit
    /// another's stdin pipe, or two pdftotext wait for each other's end of input until the deadline.
    func testConcurrentReadsDoNotWaitOnEachOther() throws {
        try PdfCorpusSupport.requirePdftotext()
        let data = TestPdfWriter.pdf(pages: (0..<60).map { p in (0..<40).map { TestPdfWriter.Text("row \($0) page \(p)", x: 50, y: 800 - Double($0) * 18) } })
        final class Results: @unchecked Sendable { var errors: [String] = []; let lock = NSLock() }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            do {
                _ = try PdfReader().read(data, path: "x.pdf")
            } catch {
                results.lock.lock(); results.errors.append("\(error)"); results.lock.unlock()
            }
        }
        XCTAssertEqual(results.errors, [])
    }

    func testPageOfTooManyWordsIsRefused() throws {
        try PdfCorpusSupport.requirePdftotext()
        let words = (0..<1_000).map { i in TestPdfWriter.Text("w\(i)", x: 10 + Double(i % 50) * 11, y: 20 + Double(i / 50) * 30) }
        var limits = PdfLimits()
        limits.wordsPerPage = 500
        let r = reason(TestPdfWriter.pdf(pages: [[], words]), reader: PdfReader(extractor: PdfToText(limits: limits)))
        XCTAssertEqual(r?.hasPrefix("PDF 第2页文字对象过多"), true, r ?? "read")
        limits = PdfLimits()
        limits.outputLimit = 10_000
        let big = reason(TestPdfWriter.pdf(pages: [words]), reader: PdfReader(extractor: PdfToText(limits: limits)))
        XCTAssertEqual(big?.hasPrefix("PDF 文字内容过大"), true, big ?? "read")
    }
}

import Foundation
import XCTest
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Hostile PDFs through the built `auditlint` binary, each beside a clean copy of seed 000 in the
/// same run: 10,000 empty pages, 50,000 words on one page, a truncated file, a scan. Each gets its
/// diagnostic (or a result) and the clean seed is still linted. Every run is killed after a generous
/// limit, which fails the test: bounded time is asserted by the harness, not by timing assertions.
final class PdfHostileInputTests: XCTestCase {
    static let timeout: TimeInterval = 180
    var dir: URL!

    override func setUpWithError() throws {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        if !path.split(separator: ":").contains(where: { FileManager.default.isExecutableFile(atPath: "\($0)/pdftotext") }) {
            throw XCTSkip("pdftotext (poppler-utils) is not installed: the PDF reader cannot run")
        }
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-pdf-hostile-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let seeds = CLITests.root.appendingPathComponent("Examples/seeds")
        let seed = try XCTUnwrap(FileManager.default.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix("000") && $0.hasSuffix(".txt") })
        try FileManager.default.copyItem(at: seeds.appendingPathComponent(seed), to: dir.appendingPathComponent("clean.txt"))
    }

    override func tearDownWithError() throws {
        if let dir { try? FileManager.default.removeItem(at: dir) }
    }

    /// Lints the directory as JSON; returns the exit status and each file's diagnostics by name.
    func lint() throws -> (status: Int32, files: [String: [[String: Any]]]) {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["--no-config", "--format", "json", "--jobs", "2", dir.path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        final class Sink: @unchecked Sendable { var data = Data() }
        let sink = Sink()
        let drained = DispatchSemaphore(value: 0)
        try p.run()
        Thread { sink.data = out.fileHandleForReading.readDataToEndOfFile(); drained.signal() }.start()
        let deadline = Date().addingTimeInterval(Self.timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        if p.isRunning {
            kill(p.processIdentifier, SIGKILL)
            XCTFail("auditlint did not finish within \(Int(Self.timeout)) s and was killed")
        }
        p.waitUntilExit()
        drained.wait()
        let json = try XCTUnwrap(JSONSerialization.jsonObject(with: sink.data) as? [String: Any])
        var files: [String: [[String: Any]]] = [:]
        for f in (json["files"] as? [[String: Any]]) ?? [] {
            files[URL(fileURLWithPath: f["path"] as? String ?? "").lastPathComponent] = f["diagnostics"] as? [[String: Any]] ?? []
        }
        return (p.terminationStatus, files)
    }

    func assertCleanSeedLinted(_ files: [String: [[String: Any]]], file: StaticString = #filePath, line: UInt = #line) {
        let d = files["clean.txt"] ?? []
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["execution-rate"], "\(d)", file: file, line: line)
    }

    func parseError(_ files: [String: [[String: Any]]], _ name: String) -> String? {
        let d = files[name] ?? []
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["parse-error"], "\(name): \(d)")
        return d.first?["message"] as? String
    }

    func testTenThousandEmptyPages() throws {
        try TestPdfWriter.pdf(pages: Array(repeating: [], count: 10_000)).write(to: dir.appendingPathComponent("empty-pages.pdf"))
        let r = try lint()
        assertCleanSeedLinted(r.files)
        let message = parseError(r.files, "empty-pages.pdf") ?? ""
        XCTAssertTrue(message.contains("没有文字层") && message.contains("10000 页"), message)
        XCTAssertEqual(r.status, 1)
    }

    func testFiftyThousandWordsOnOnePage() throws {
        // 250 × 200 tiny letters, each a word of its own for pdftotext.
        let words = (0..<50_000).map { i in TestPdfWriter.Text("a", x: 5 + Double(i % 250) * 2.3, y: 5 + Double(i / 250) * 4.1, size: 2) }
        try TestPdfWriter.pdf(pages: [words]).write(to: dir.appendingPathComponent("many-words.pdf"))
        let r = try lint()
        assertCleanSeedLinted(r.files)
        let message = parseError(r.files, "many-words.pdf") ?? ""
        XCTAssertTrue(message.contains("第1页文字对象过多"), message)
    }

    func testTruncatedAndScannedPdfs() throws {
        let corpus = CLITests.root.appendingPathComponent("../shared/corpus").standardized
        let clean = corpus.appendingPathComponent("govbudgetchecker/sh-putuo-zfb-2025-dept-budget.pdf")
        let scan = corpus.appendingPathComponent("renwu/cs-scjg-2022-jxpj-scanned.pdf")
        guard FileManager.default.fileExists(atPath: clean.path), FileManager.default.fileExists(atPath: scan.path) else {
            throw XCTSkip("the shared corpus is not here")
        }
        let bytes = try Data(contentsOf: clean)
        try bytes.prefix(bytes.count / 2).write(to: dir.appendingPathComponent("truncated.pdf"))
        try FileManager.default.copyItem(at: scan, to: dir.appendingPathComponent("scan.pdf"))
        try FileManager.default.copyItem(at: clean, to: dir.appendingPathComponent("budget.pdf"))
        let r = try lint()
        assertCleanSeedLinted(r.files)
        XCTAssertTrue(parseError(r.files, "truncated.pdf")?.contains("PDF 无法读取") == true)
        XCTAssertTrue(parseError(r.files, "scan.pdf")?.contains("不做 OCR") == true)
        // The whole budget PDF is read: no parse-error of severity error for it.
        let budget = r.files["budget.pdf"] ?? []
        XCTAssertFalse(budget.contains { $0["ruleId"] as? String == "parse-error" && $0["severity"] as? String == "error" }, "\(budget)")
    }
}

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
import TestSupport
#endif

/// Hostile inputs through the built `auditlint` binary, each linted together with a clean copy of
/// seed 000 in the same run. Every test asserts the diagnostic the hostile file gets (rule, severity,
/// message, the file it names), that the clean copy still gets its one known finding, and the
/// exit code (0 no error findings, 1 error findings, 2 usage/config/internal failure).
///
/// Big inputs are generated into a temporary directory at test time. Every run is killed after
/// `timeout` seconds and then fails the test: bounded time is asserted by the harness, not by
/// timing assertions. The limit only catches hangs and quadratic paths, so it is wide: a debug
/// build on a loaded 2-core machine reads plain text at about 0.5–1 MB/s.
final class HostileInputTests: XCTestCase {
    static let timeout: TimeInterval = 600

    var dir: URL!
    var fm: FileManager { FileManager.default }

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-hostile-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        // Seed 000 alone has exactly one warning (execution-rate) and exits 0.
        try fm.copyItem(at: CLITests.root.appendingPathComponent(seedPath("000")), to: dir.appendingPathComponent("clean.txt"))
    }

    override func tearDownWithError() throws {
        if let dir { try? fm.removeItem(at: dir) }
    }

    // MARK: - Harness

    struct Outcome {
        var status: Int32
        var stdout: String
        var stderr: String
        var seconds: Double
        var files: [[String: Any]] = []

        /// The diagnostics of the one result whose path ends with `suffix`.
        func diagnostics(_ suffix: String) -> [[String: Any]] {
            let matching = files.filter { ($0["path"] as? String)?.hasSuffix(suffix) == true }
            XCTAssertEqual(matching.count, 1, "exactly one result for \(suffix); have \(files.map { $0["path"] ?? "?" })")
            return (matching.first?["diagnostics"] as? [[String: Any]]) ?? []
        }
    }

    func seedPath(_ prefix: String) -> String {
        let seeds = CLITests.root.appendingPathComponent("Examples/seeds")
        let name = try! fm.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
        return "Examples/seeds/\(name)"
    }

    func seedBytes(_ prefix: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: CLITests.root.appendingPathComponent(seedPath(prefix))))
    }

    /// Runs the binary with a hard time limit; stdout and stderr are drained concurrently.
    func runBinary(_ args: [String], cwd: URL? = nil, environment: [String: String] = [:],
                   timeout: TimeInterval = HostileInputTests.timeout) throws -> Outcome {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
        p.currentDirectoryURL = cwd ?? dir
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        let start = Date()
        try p.run()
        // Readers and the watchdog run on their own threads: blocking reads on Dispatch's pool
        // could starve a timer scheduled there.
        final class Sink: @unchecked Sendable { var data = Data() }
        let o = Sink(), e = Sink()
        let drained = DispatchSemaphore(value: 0)
        for (pipe, sink) in [(out, o), (err, e)] {
            Thread { sink.data = pipe.fileHandleForReading.readDataToEndOfFile(); drained.signal() }.start()
        }
        let deadline = start.addingTimeInterval(timeout)
        while p.isRunning && Date() < deadline { usleep(20_000) }
        let killed = p.isRunning
        if killed { kill(p.processIdentifier, SIGKILL) }
        p.waitUntilExit()
        drained.wait()
        drained.wait()
        let seconds = Date().timeIntervalSince(start)
        if killed {
            XCTFail("auditlint \(args.joined(separator: " ")) did not finish within \(Int(timeout)) s and was killed")
        }
        return Outcome(status: p.terminationStatus, stdout: String(decoding: o.data, as: UTF8.self),
                       stderr: String(decoding: e.data, as: UTF8.self), seconds: seconds)
    }

    /// Lints `paths` (default: the whole temporary directory) as JSON with two jobs.
    func lint(_ paths: [String]? = nil, config: [String] = ["--no-config"], jobs: Int = 2, environment: [String: String] = [:],
              file: StaticString = #filePath, line: UInt = #line) throws -> Outcome {
        var r = try runBinary(config + ["--format", "json", "--jobs", "\(jobs)"] + (paths ?? [dir.path]), environment: environment)
        let doc = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        XCTAssertNotNil(doc, "JSON on stdout; stderr: \(r.stderr.prefix(2000))", file: file, line: line)
        r.files = (doc?["files"] as? [[String: Any]]) ?? []
        print("hostile \(name): exit \(r.status) in \(String(format: "%.1f", r.seconds)) s")
        return r
    }

    /// The clean seed copy linted in the same run still gets its one known finding.
    func assertCleanSeedLinted(_ r: Outcome, file: StaticString = #filePath, line: UInt = #line) {
        let d = r.diagnostics("clean.txt")
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["execution-rate"], "\(d)", file: file, line: line)
        XCTAssertEqual(d.first?["severity"] as? String, "warning", file: file, line: line)
        XCTAssertTrue((d.first?["message"] as? String)?.contains("9.59") == true, "\(d)", file: file, line: line)
    }

    /// The one `parse-error` of the result for `suffix`, checked for severity, message and file.
    @discardableResult
    func assertParseError(_ r: Outcome, _ suffix: String, severity: String = "error", contains fragments: [String],
                          file: StaticString = #filePath, line: UInt = #line) -> [String: Any]? {
        let d = r.diagnostics(suffix)
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["parse-error"], "\(d)", file: file, line: line)
        guard let diag = d.first else { return nil }
        XCTAssertEqual(diag["severity"] as? String, severity, file: file, line: line)
        let message = diag["message"] as? String ?? ""
        for f in fragments { XCTAssertTrue(message.contains(f), "“\(f)” not in “\(message)”", file: file, line: line) }
        let location = diag["location"] as? [String: Any]
        XCTAssertTrue((location?["file"] as? String)?.hasSuffix(suffix) == true, "location names the file: \(String(describing: location))",
                      file: file, line: line)
        return diag
    }

    func write(_ bytes: [UInt8], _ name: String) throws { try Data(bytes).write(to: dir.appendingPathComponent(name)) }

    // MARK: - Text inputs

    func testEmptyFile() throws {
        try write([], "empty.txt")
        let r = try lint()
        assertParseError(r, "empty.txt", contains: ["文件为空"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testBinaryFileWithTextName() throws {
        // An ELF-like header and pseudo-random bytes: has NUL bytes like every real binary.
        var g = SeededGenerator(seed: 1)
        let bytes: [UInt8] = [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00] + (0..<200_000).map { _ in UInt8(truncatingIfNeeded: g.next()) }
        try write(bytes, "program.txt")
        let r = try lint()
        assertParseError(r, "program.txt", contains: ["不是文本文件", "NUL"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testRandomBytesWithoutNulAreNotTakenForText() throws {
        var g = SeededGenerator(seed: 2)
        let bytes: [UInt8] = (0..<100_000).map { _ in UInt8(truncatingIfNeeded: g.next() % 255 + 1) }
        try write(bytes, "noise.txt")
        let r = try lint()
        assertParseError(r, "noise.txt", contains: ["无法解码文本"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testNulBytesInAReport() throws {
        var early = try seedBytes("000")
        early.insert(0, at: 100)
        try write(early, "nul-early.txt")
        let r = try lint()
        assertParseError(r, "nul-early.txt", contains: ["NUL"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testInvalidUTF8IsReportedAtItsLine() throws {
        let seed = try seedBytes("002")
        // A stray 0xFF at the start of line 500 of a UTF-8 report.
        var newlines = 0
        let at = seed.firstIndex { b in if b == 0x0A { newlines += 1 }; return newlines == 499 }! + 1
        var bytes = seed
        bytes.insert(0xFF, at: at)
        try write(bytes, "damaged.txt")
        let r = try lint()
        let diag = assertParseError(r, "damaged.txt", contains: ["第500行", "无效的 UTF-8"])
        XCTAssertEqual((diag?["location"] as? [String: Any])?["line"] as? Int, 500)
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    /// Seed 002 followed by 10 MB of narrative (about 120,000 paragraphs). Reading is linear
    /// (1, 2 and 4 MB take 1.1, 1.9 and 4.6 s in debug); 10 MB keeps the point, that a huge
    /// report is still read to the end and its report part checked, at a size a loaded machine
    /// finishes well inside the kill limit (50 MB took ~90 s in debug, killed at 120 s under load).
    func testTenMegabyteNarrativeReport() throws {
        var bytes = try seedBytes("002")
        let filler = Array("本年度项目资金严格按照预算执行，资金使用规范，未发现挤占挪用情况，绩效目标基本完成。\n".utf8)
        bytes.reserveCapacity(10 << 20)
        while bytes.count < 10 << 20 { bytes += filler }
        try write(bytes, "huge.txt")
        let r = try lint()
        // The report part is still read: its known sum-mismatch is found at its line.
        let sums = r.diagnostics("huge.txt").filter { $0["ruleId"] as? String == "sum-mismatch" }
        XCTAssertEqual(sums.count, 1, "\(sums)")
        XCTAssertEqual((sums.first?["location"] as? [String: Any])?["line"] as? Int, 1078)
        XCTAssertTrue((sums.first?["message"] as? String)?.contains("428.76") == true)
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    /// Seed 000 with one 10 MB line (no line breaks) appended.
    func testTenMegabyteLine() throws {
        var bytes = try seedBytes("000")
        bytes += Array("\n".utf8)
        let unit = Array("资金使用情况良好".utf8)
        while bytes.count < 10 << 20 { bytes += unit }
        bytes += Array("\n".utf8)
        try write(bytes, "longline.txt")
        let r = try lint()
        let d = r.diagnostics("longline.txt")
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["execution-rate"], "the report before the line is still read: \(d.prefix(3))")
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 0)
    }

    /// An indicator table whose header row is repeated 20,000 times, then one real row.
    func testDeeplyRepeatedTableHeaders() throws {
        let header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
        var text = "项目支出绩效自评表\n\n"
        let headerRow = header.map { "\t" + $0 + "\n" }.joined() + "\n"
        for _ in 0..<20_000 { text += headerRow }
        text += ["产出指标", "数量指标", "培训人数", "≥100人", "120人", "10", "12", "无"].map { "\t" + $0 + "\n" }.joined() + "\n"
        try write(Array(text.utf8), "headers.txt")
        let r = try lint()
        let d = r.diagnostics("headers.txt")
        // The one data row scores 12 against a weight of 10.
        XCTAssertTrue(d.contains { $0["ruleId"] as? String == "score-exceeds-weight" }, "\(d.prefix(5))")
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    // MARK: - Office inputs

    func officeFixture(_ name: String) throws -> Data {
        try Data(contentsOf: CLITests.root.appendingPathComponent("Examples/office/\(name)"))
    }

    func testTruncatedDocx() throws {
        let docx = try officeFixture("hunan-gxt-2024-overall.docx")
        try docx.prefix(docx.count / 2).write(to: dir.appendingPathComponent("cut.docx"))
        let r = try lint()
        assertParseError(r, "cut.docx", contains: ["docx 损坏", "文件可能被截断"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testDocxZipBomb() throws {
        // 1 GiB of zeros in about 1 MB: refused while inflating.
        var zip = TestZipWriter()
        zip.addDeflated("[Content_Types].xml", Array("<Types/>".utf8))
        zip.addZeroBomb("word/document.xml", megabytes: 1024)
        try zip.data().write(to: dir.appendingPathComponent("bomb.docx"))
        let r = try lint()
        assertParseError(r, "bomb.docx", contains: ["docx 拒绝读取", "word/document.xml", "疑似 ZIP 炸弹"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testDocxWithExternalEntityAndBillionLaughs() throws {
        let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""
        let body = "<w:body><w:p><w:r><w:t>&x;</w:t></w:r></w:p></w:body>"
        let xxe = """
            <?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]><w:document \(w)>\(body)</w:document>
            """
        var laughs = "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY l0 \"lol\">"
        for i in 1...9 { laughs += "<!ENTITY l\(i) \"" + String(repeating: "&l\(i - 1);", count: 10) + "\">" }
        laughs += "<!ENTITY x \"&l9;\">]><w:document \(w)>\(body)</w:document>"
        for (name, xml) in [("xxe.docx", xxe), ("laughs.docx", laughs)] {
            var zip = TestZipWriter()
            zip.addDeflated("word/document.xml", Array(xml.utf8))
            try zip.data().write(to: dir.appendingPathComponent(name))
        }
        let r = try lint()
        for name in ["xxe.docx", "laughs.docx"] {
            let diag = assertParseError(r, name, contains: ["word/document.xml", "DOCTYPE/ENTITY", "拒绝解析"])
            XCTAssertFalse((diag?["message"] as? String ?? "").contains("root:"), "no file content leaks into the message")
        }
        XCTAssertFalse(r.stdout.contains("root:x:0"))
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    /// One sheet of 1,000,000 rows of two cells (a label and a number).
    func testXlsxWithAMillionRows() throws {
        var sheet = "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>"
        sheet.reserveCapacity(60 << 20)
        for row in 1...1_000_000 {
            sheet += "<row r=\"\(row)\"><c r=\"A\(row)\" t=\"inlineStr\"><is><t>项目\(row)</t></is></c><c r=\"B\(row)\"><v>\(row % 997)</v></c></row>"
        }
        sheet += "</sheetData></worksheet>"
        var zip = TestZipWriter()
        zip.addDeflated("xl/workbook.xml", Array("""
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>
            """.utf8))
        zip.addDeflated("xl/_rels/workbook.xml.rels", Array("""
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """.utf8))
        zip.addDeflated("xl/worksheets/sheet1.xml", Array(sheet.utf8), level: 6)
        try zip.data().write(to: dir.appendingPathComponent("rows.xlsx"))
        let r = try lint()
        // The 107 MB sheet part is past libxml2's 10 MB input limit (no XML_PARSE_HUGE in FoundationXML):
        // after the whole part was walked, the parser reports an internal error (code 1) and the file
        // gets one parse-error naming the part. Sheets from about 100,000 such rows on are refused this way.
        assertParseError(r, "rows.xlsx", contains: ["xl/worksheets/sheet1.xml", "XML 错误"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    // MARK: - Directory entries

    /// A FIFO named like a report, a dangling symlink, a directory named like a file, and a
    /// symlink loop. (Tests run as root, so chmod 000 would not stop a read; these are entries
    /// that really cannot be read as a file.)
    func testUnreadableEntriesAndSymlinkLoop() throws {
        let sub = dir.appendingPathComponent("reports")
        try fm.createDirectory(at: sub, withIntermediateDirectories: true)
        XCTAssertEqual(mkfifo(sub.appendingPathComponent("pipe.txt").path, 0o644), 0, "mkfifo")
        try fm.createSymbolicLink(atPath: sub.appendingPathComponent("gone.txt").path, withDestinationPath: "/nonexistent/auditlint/gone.txt")
        try fm.createDirectory(at: sub.appendingPathComponent("folder.txt"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: sub.appendingPathComponent("loop").path, withDestinationPath: sub.path)
        let r = try lint()
        // Not a hang: a FIFO is refused before any read, and the message says what it is.
        assertParseError(r, "pipe.txt", contains: ["无法读取文件", "不是普通文件", "FIFO"])
        assertParseError(r, "gone.txt", contains: ["断开的符号链接"])
        assertParseError(r, "reports/loop", contains: ["符号链接形成循环"])
        XCTAssertTrue(r.files.allSatisfy { ($0["path"] as? String)?.hasSuffix("folder.txt") != true }, "an empty directory is walked, not read")
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    // MARK: - Output safety

    /// An interrupted run with --output leaves neither the target nor a temporary file.
    func testInterruptedRunLeavesNoOutputFile() throws {
        // Enough work that the run is still linting when the signal arrives.
        let big = try seedBytes("001")
        for i in 0..<400 { try write(big, "r\(i).txt") }
        for sig in [SIGINT, SIGTERM] {
            let target = dir.appendingPathComponent("out-\(sig).sarif")
            let p = Process()
            p.executableURL = CLITests.binary
            p.arguments = ["--no-config", "--format", "sarif", "--jobs", "1", "--output", target.path, dir.path]
            p.currentDirectoryURL = dir
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(700_000)
            XCTAssertTrue(p.isRunning, "the run is still going when interrupted")
            kill(p.processIdentifier, sig)
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal)
            XCTAssertEqual(p.terminationStatus, sig)
            XCTAssertFalse(fm.fileExists(atPath: target.path), "no partial output")
            let leftovers = try fm.contentsOfDirectory(atPath: dir.path).filter { $0.contains(".tmp-") }
            XCTAssertEqual(leftovers, [], "no temporary file left behind")
        }
    }
}

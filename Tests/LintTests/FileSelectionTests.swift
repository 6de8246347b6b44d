import Foundation
import XCTest
import Core
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which files a directory walk lints, through the binary: include/exclude relative to the
/// config, `{a,b}` braces, extensions in either case, JSON only when it is a model, README and
/// the run's own files skipped with a count, symlinks, and names that are not UTF-8.
final class FileSelectionTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default
    var seed: URL { CLITests.root.appendingPathComponent(CLITests.seedPath("000")) }

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-select-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func put(_ name: String) throws {
        let url = dir.appendingPathComponent(name)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try fm.copyItem(at: seed, to: url)
    }

    func write(_ text: String, _ name: String) throws {
        let url = dir.appendingPathComponent(name)
        try fm.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// The linted paths and the JSON stats of a run in `cwd` (default: the temp directory).
    func lint(_ args: [String], cwd: URL? = nil) throws -> (status: Int32, paths: [String], stats: [String: Any], stderr: String, files: [[String: Any]]) {
        let r = try CLITests.runBinary(["--format", "json"] + args, cwd: cwd ?? dir)
        guard let doc = try? JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any] else {
            XCTFail("no JSON; exit \(r.status); stderr: \(r.stderr)")
            return (r.status, [], [:], r.stderr, [])
        }
        let files = doc["files"] as! [[String: Any]]
        return (r.status, files.map { $0["path"] as! String }, doc["stats"] as! [String: Any], r.stderr, files)
    }

    func testExtensionsMatchInEitherCase() throws {
        try put("a/REPORT.TXT")
        try fm.copyItem(at: CLITests.root.appendingPathComponent("Examples/office/hunan-gxt-2024-overall.docx"), to: dir.appendingPathComponent("a/自评表.DOCX"))
        try put("a/notes.log")
        let r = try lint(["--no-config", "a"])
        XCTAssertEqual(r.paths, ["a/REPORT.TXT", "a/自评表.DOCX"])
    }

    func testJsonOnlyWhenAModelAndReadmeSkippedWithACount() throws {
        try put("r/report.txt")
        let dump = try CLITests.runBinary(["dump", "r/report.txt"], cwd: dir)
        try write(dump.stdout, "r/model.json")
        try write(#"{"name": "x", "version": "1.0.0"}"#, "r/package.json")
        try write("# 说明\n", "r/README.md")
        try write("说明\n", "r/readme.txt")
        XCTAssertEqual(try CLITests.runBinary(["--no-config", "--write-baseline", "r/baseline.json", "r/report.txt"], cwd: dir).status, 0)
        let r = try lint(["--no-config", "r"])
        XCTAssertEqual(r.paths, ["r/model.json", "r/report.txt"])
        XCTAssertEqual(r.stats["skipped"] as? [String: Int], ["不是 auditlint 模型的 JSON 文件": 2, "README 文件": 2])
        XCTAssertFalse(r.files.contains { ($0["diagnostics"] as! [[String: Any]]).contains { ($0["message"] as! String).contains("JSON") } },
                       "a skipped file is never a finding")
        let text = try CLITests.runBinary(["--no-config", "r"], cwd: dir)
        XCTAssertTrue(text.stdout.contains("跳过 4 个非报告文件"), text.stdout)
        // Named on the command line too: skipped, never a finding; nothing left to lint fails closed.
        let named = try lint(["--no-config", "r/package.json", "r/model.json", "r/README.md"])
        XCTAssertEqual(named.paths, ["r/model.json"])
        XCTAssertEqual(named.stats["skipped"] as? [String: Int], ["不是 auditlint 模型的 JSON 文件": 1, "README 文件": 1])
        let nothing = try CLITests.runBinary(["--no-config", "r/package.json"], cwd: dir)
        XCTAssertEqual(nothing.status, 2)
        XCTAssertTrue(nothing.stderr.contains("跳过 1 个非报告文件"), nothing.stderr)
    }

    func testOwnOutputAndBaselineAreNeverInput() throws {
        try put("r/report.txt")
        let out = dir.appendingPathComponent("r/out.txt").path
        let first = try CLITests.runBinary(["--no-config", "--output", out, "r"], cwd: dir)
        XCTAssertEqual(first.status, 0, first.stderr)
        let second = try CLITests.runBinary(["--no-config", "--output", "r/out.txt", "r"], cwd: dir)
        XCTAssertEqual(second.status, 0)
        let text = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(text.contains("1 个文件") && text.contains("本次运行的输出或基线文件 1 个"), text)
        // Without --output the old output file is an ordinary text file again: the control.
        XCTAssertEqual(try lint(["--no-config", "r"]).paths, ["r/out.txt", "r/report.txt"])
    }

    func testSymlinks() throws {
        try put("r/report.txt")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("r/link.txt").path, withDestinationPath: "report.txt")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("r/build.sh").path, withDestinationPath: "/nonexistent/x")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("r/gone.txt").path, withDestinationPath: "/nonexistent/y.txt")
        try put("outside/secret.txt")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("r/out").path, withDestinationPath: dir.appendingPathComponent("outside").path)
        try fm.createDirectory(at: dir.appendingPathComponent("r/sub"), withIntermediateDirectories: true)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("r/sub/up").path, withDestinationPath: "..")
        let r = try lint(["--no-config", "r"])
        XCTAssertTrue(r.paths.contains("r/link.txt") && r.paths.contains("r/report.txt"), "\(r.paths)")
        let link = r.files.first { $0["path"] as? String == "r/link.txt" }!
        XCTAssertEqual((link["diagnostics"] as! [[String: Any]]).map { $0["ruleId"] as! String }, ["execution-rate"], "a link to a report is that report")
        XCTAssertFalse(r.paths.contains { $0.contains("build.sh") }, "a dangling link include does not take is no problem")
        XCTAssertTrue(r.paths.contains("r/gone.txt"), "a dangling link include takes is one")
        XCTAssertFalse(r.paths.contains { $0.contains("secret") }, "a directory link out of the root is not followed")
        XCTAssertEqual(r.stats["skipped"] as? [String: Int], ["指向检查目录之外的目录符号链接（未跟随）": 1])
        XCTAssertTrue(r.paths.contains("r/sub/up"), "a link back to an ancestor is a loop, reported once")
        // An exclude silences the dangling .txt link and the loop.
        try write(#"{"exclude": ["r/gone.txt", "r/sub/up"]}"#, ".lintrc")
        let excluded = try lint(["r"])
        XCTAssertFalse(excluded.paths.contains("r/gone.txt"), "\(excluded.paths)")
        XCTAssertEqual(excluded.status, 0)
        // Explicitly named, a symlink is followed too.
        XCTAssertEqual(try lint(["--no-config", "r/link.txt"]).status, 0)
    }

    func testNonUTF8NameIsLintedAndShownEscaped() throws {
        try put("r/ok.txt")
        var raw = Array((dir.path + "/r/bad").utf8) + [0xFF] + Array("name.txt".utf8) + [0]
        let src = Array(seed.path.utf8) + [0]
        XCTAssertEqual(raw.withUnsafeMutableBufferPointer { dst in src.withUnsafeBufferPointer { s in
            symlink(UnsafeRawPointer(s.baseAddress!).assumingMemoryBound(to: CChar.self), UnsafeRawPointer(dst.baseAddress!).assumingMemoryBound(to: CChar.self))
        } }, 0)
        let r = try lint(["--no-config", "r"])
        XCTAssertEqual(r.paths, ["r/bad\\x{FF}name.txt", "r/ok.txt"])
        let bad = r.files[0]["diagnostics"] as! [[String: Any]]
        XCTAssertEqual(bad.map { $0["ruleId"] as! String }, ["execution-rate"], "the file is read, not reported as unreadable")
        XCTAssertEqual((bad[0]["location"] as! [String: Any])["file"] as? String, "r/bad\\x{FF}name.txt")
    }

    func testGlobsAreRelativeToTheConfigAndTakeBraces() throws {
        try put("reports/a/x.txt")
        try put("reports/b/y.txt")
        try put("reports/c/z.txt")
        try write(#"{"include": ["reports/{a,b}/*.txt"]}"#, ".lintrc")
        // Run from a subdirectory: the patterns still mean the config's reports/.
        let r = try lint(["."], cwd: dir.appendingPathComponent("reports"))
        XCTAssertEqual(r.paths, ["./a/x.txt", "./b/y.txt"], r.stderr)
        let fromTop = try lint(["reports"])
        XCTAssertEqual(fromTop.paths, ["reports/a/x.txt", "reports/b/y.txt"])
    }

    func testAPatternThatMatchesNothingIsWarnedAbout() throws {
        try put("r/x.txt")
        try write(#"{"include": ["**/*.txt", "**/*.rpt"], "exclude": ["old/**"]}"#, ".lintrc")
        let r = try CLITests.runBinary(["r"], cwd: dir)
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("include 模式 **/*.rpt 没有匹配任何文件"), r.stdout)
        XCTAssertTrue(r.stdout.contains("exclude 模式 old/** 没有匹配任何文件"), r.stdout)
        XCTAssertFalse(r.stdout.contains("模式 **/*.txt 没有"), r.stdout)
    }

    func testBraceExpansion() {
        XCTAssertEqual(Glob.expandingBraces("**/*.{htm,html}"), ["**/*.htm", "**/*.html"])
        XCTAssertEqual(Glob.expandingBraces("{a,b{c,d}}/x"), ["a/x", "bc/x", "bd/x"])
        XCTAssertEqual(Glob.expandingBraces("{a}/x"), ["{a}/x"], "no comma: literal")
        XCTAssertEqual(Glob.expandingBraces("\\{a,b}"), ["\\{a,b}"], "escaped: literal")
        XCTAssertTrue(Glob.matches("**/*.{txt,md}", "x/y/Z.MD", caseInsensitive: true))
        XCTAssertFalse(Glob.matches("**/*.{txt,md}", "x/y/Z.MD"))
    }
}

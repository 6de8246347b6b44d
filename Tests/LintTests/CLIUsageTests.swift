import Foundation
import XCTest

/// The command line's conventions: --exit-zero, the default path, help and version anywhere,
/// per-command help, standard input, the language of messages, and config JSON errors.
final class CLIUsageTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-usage-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for p in ["000", "002"] {
            try fm.copyItem(at: CLITests.root.appendingPathComponent(CLITests.seedPath(p)), to: dir.appendingPathComponent("reports/\(p).txt"))
        }
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func run(_ args: [String], stdin: Data? = nil, cwd: URL? = nil) throws -> CLITests.Run {
        try CLITests.runBinary(args, cwd: cwd ?? dir, stdin: stdin)
    }

    func testExitZero() throws {
        XCTAssertEqual(try run(["--no-config", "reports/002.txt"]).status, 1, "the control")
        let r = try run(["--no-config", "--exit-zero", "reports/002.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("[sum-mismatch]"), "findings are still printed")
        XCTAssertEqual(try run(["--no-config", "--exit-zero", "no-such-dir"]).status, 2, "a failure of the tool is still 2")
    }

    func testDefaultPathIsTheCurrentDirectory() throws {
        let r = try run(["--no-config", "--format", "json"])
        XCTAssertEqual(r.status, 1)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual((doc["files"] as! [[String: Any]]).map { $0["path"] as! String }, ["./reports/000.txt", "./reports/002.txt"])
        try fm.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        XCTAssertEqual(try run(["--no-config"], cwd: dir.appendingPathComponent("empty")).status, 2)
    }

    func testHelpAndVersionAnywhere() throws {
        for args in [["--help"], ["-h"], ["reports", "--help"], ["--no-config", "reports", "-h"], ["help"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stdout.hasPrefix("用法: auditlint [选项] [路径...]"), "\(args): \(r.stdout.prefix(80))")
            XCTAssertFalse(r.stdout.contains("[sum-mismatch]"), "help does not lint")
        }
        for args in [["--version"], ["reports", "--version"], ["rules", "--version"]] {
            let r = try run(args)
            XCTAssertEqual(r.status, 0)
            XCTAssertTrue(r.stdout.hasPrefix("auditlint "), r.stdout)
        }
        // After "--", -h is a path.
        XCTAssertEqual(try run(["--no-config", "--", "-h"]).status, 2)
    }

    func testPerCommandHelp() throws {
        for (args, head) in [(["rules", "--help"], "用法: auditlint rules"), (["rules", "--format", "text", "-h"], "用法: auditlint rules"),
                             (["explain", "--help"], "用法: auditlint explain"), (["dump", "-h"], "用法: auditlint dump"),
                             (["help", "dump"], "用法: auditlint dump"), (["lint", "--help"], "用法: auditlint [选项]")] {
            let r = try run(args)
            XCTAssertEqual(r.status, 0, "\(args)")
            XCTAssertTrue(r.stdout.hasPrefix(head), "\(args): \(r.stdout.prefix(80))")
        }
        let bad = try run(["explain"])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("用法: auditlint explain"), bad.stderr)
    }

    func testStandardInput() throws {
        let data = try Data(contentsOf: dir.appendingPathComponent("reports/002.txt"))
        let named = try run(["--no-config", "--stdin-filename", "reports/piped.txt", "-"], stdin: data)
        XCTAssertEqual(named.status, 1, named.stderr)
        XCTAssertTrue(named.stdout.contains("reports/piped.txt:1078:11: 错误: "), named.stdout)
        XCTAssertTrue(named.stdout.contains("1 个文件"), named.stdout)
        let anonymous = try run(["--no-config", "-"], stdin: data)
        XCTAssertTrue(anonymous.stdout.contains("<stdin>:1078:"), anonymous.stdout)
        // The name selects the config's overrides, as a file's path does.
        try #"{"overrides": [{"files": ["reports/piped.txt"], "rules": {"sum-mismatch": "off"}}]}"#
            .write(to: dir.appendingPathComponent(".lintrc"), atomically: true, encoding: .utf8)
        let configured = try run(["--stdin-filename", "reports/piped.txt", "-"], stdin: data)
        XCTAssertFalse(configured.stdout.contains("[sum-mismatch]"), configured.stdout)
        XCTAssertEqual(try run(["--no-config", "--stdin-filename", "x.txt", "reports"]).status, 2, "--stdin-filename needs -")
    }

    func testLanguageOfMessages() throws {
        let zh = try run(["--no-config", "reports/000.txt"])
        XCTAssertTrue(zh.stdout.contains("reports/000.txt:31:2: 警告: "), zh.stdout)
        XCTAssertTrue(zh.stdout.contains("1 个文件：0 个错误，1 个警告，0 个提示"), zh.stdout)
        let en = try run(["--no-config", "--lang", "en", "reports/000.txt"])
        XCTAssertTrue(en.stdout.contains("reports/000.txt:31:2: warning: "), en.stdout)
        XCTAssertTrue(en.stdout.contains("1 file(s): 0 error(s), 1 warning(s), 0 note(s)"), en.stdout)
        XCTAssertTrue(try run(["--lang=en", "--help"]).stdout.hasPrefix("usage: auditlint"))
        let missing = try run(["--no-config", "--lang", "en", "nowhere"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("no such file or directory: nowhere"), missing.stderr)
        XCTAssertTrue(try run(["--no-config", "nowhere"]).stderr.contains("没有找到文件或目录：nowhere"))
        XCTAssertEqual(try run(["--lang", "fr", "reports"]).status, 2)
    }

    func testConfigJSONErrorsHaveLineAndColumn() throws {
        let config = dir.appendingPathComponent(".lintrc")
        try "{\n  \"rules\": {\n    \"sum-mismatch\": \"off\",\n  }\n}\n".write(to: config, atomically: true, encoding: .utf8)
        var r = try run(["reports"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains(".lintrc:4:3: rules: 对象末尾多了逗号"), r.stderr)
        try "{\n  \"maxWarnings\": 1,\n  \"rules\": {},\n  \"maxWarnings\": 5\n}\n".write(to: config, atomically: true, encoding: .utf8)
        r = try run(["reports"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains(".lintrc:4:3: (root): 重复的键 “maxWarnings”（第 2 行第 3 列已出现）"), r.stderr)
        try "{\"overrides\": [{\"files\": [\"a\"], \"rules\": {\"x\": 1, \"x\": 2}}]}".write(to: config, atomically: true, encoding: .utf8)
        r = try run(["reports"])
        XCTAssertTrue(r.stderr.contains(":1:51: overrides[0].rules: 重复的键 “x”（第 1 行第 43 列已出现）"), r.stderr)
        try "{\"rules\": {\"sum-mismatch\": \"of\u{5F00}f}}".write(to: config, atomically: true, encoding: .utf8)
        XCTAssertTrue(try run(["reports"]).stderr.contains("缺少右引号"))
        // Well-formed JSON passes the check: the control.
        try #"{"rules": {"sum-mismatch": "off"}, "maxWarnings": -1, "tolerance": {"absolute": 1e-2}}"#.write(to: config, atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["reports"]).status, 1)
    }
}

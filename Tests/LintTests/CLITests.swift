import Foundation
import XCTest

/// End-to-end tests of the `auditlint` binary: exit codes, formats, config errors,
/// determinism, and that one bad file does not stop the others.
final class CLITests: XCTestCase {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The built binary sits beside the test bundle.
    static var binary: URL {
        var dir = Bundle.main.bundleURL
        if dir.pathExtension == "xctest" { dir = dir.deletingLastPathComponent() }
        return dir.appendingPathComponent("auditlint")
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String }

    func run(_ args: [String], cwd: URL = CLITests.root) throws -> Run { try Self.runBinary(args, cwd: cwd) }

    /// Runs the built binary in `cwd`, optionally with `stdin` as standard input.
    static func runBinary(_ args: [String], cwd: URL = CLITests.root, stdin: Data? = nil, env: [String: String] = [:]) throws -> Run {
        let p = Process()
        if !env.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new } }
        if let stdin {
            let input = Pipe()
            p.standardInput = input
            DispatchQueue.global().async {
                input.fileHandleForWriting.write(stdin)
                try? input.fileHandleForWriting.close()
            }
        }
        p.executableURL = CLITests.binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func seed(_ prefix: String) -> String { Self.seedPath(prefix) }

    /// The repository-relative path of the seed whose name starts with `prefix`.
    static func seedPath(_ prefix: String) -> String {
        let dir = CLITests.root.appendingPathComponent("Examples/seeds")
        let name = try! FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
        return "Examples/seeds/\(name)"
    }

    func testExitCodes() throws {
        // 000 has one warning only; 002 has an error.
        XCTAssertEqual(try run(["--no-config", seed("000")]).status, 0)
        XCTAssertEqual(try run(["--no-config", seed("002")]).status, 1)
        XCTAssertEqual(try run(["--no-config", "--max-warnings", "0", seed("000")]).status, 1)
        XCTAssertEqual(try run(["--no-config", "--bogus", seed("000")]).status, 2)
        XCTAssertEqual(try run(["--no-config", "--frobnicate"]).status, 2)
    }

    func testTextOutputNamesFileLineAndRule() throws {
        let r = try run(["--no-config", seed("002")])
        XCTAssertTrue(r.stdout.contains("\(seed("002")):1078:"), r.stdout)
        XCTAssertTrue(r.stdout.contains("\(seed("002")):1078:11: 错误: "), r.stdout)
        XCTAssertTrue(r.stdout.contains("[sum-mismatch]"))
        XCTAssertTrue(r.stdout.contains("428.76") && r.stdout.contains("428.73"), "both numbers are in the message")
        XCTAssertTrue(r.stdout.contains("sum-mismatch: 1"), "the summary counts per rule")
    }

    /// The summary says how much was read: files, forms by kind, indicator and ledger rows,
    /// in the text summary line, JSON `stats` and SARIF run `properties`.
    func testSummaryCountsWhatWasChecked() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-stats-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try Data("会议纪要\n本次会议讨论了下一年度的工作安排。\n".utf8).write(to: dir.appendingPathComponent("note.md"))
        try Data().write(to: dir.appendingPathComponent("empty.txt"))
        let args = ["--no-config", seed("000"), seed("004"), dir.appendingPathComponent("note.md").path, dir.appendingPathComponent("empty.txt").path]

        let json = try JSONSerialization.jsonObject(with: Data(try run(["--format", "json"] + args).stdout.utf8)) as? [String: Any]
        let stats = try XCTUnwrap(json?["stats"] as? [String: Any])
        XCTAssertEqual(stats["files"] as? Int, 4)
        XCTAssertEqual(stats["readFiles"] as? Int, 3, "the empty file could not be read")
        let forms = try XCTUnwrap(stats["forms"] as? [String: Int])
        XCTAssertEqual(forms["overall"], 1, "\(forms)")
        XCTAssertGreaterThan(forms["budget"] ?? 0, 0, "\(forms)")
        let indicatorRows = try XCTUnwrap(stats["indicatorRows"] as? Int)
        let ledgerRows = try XCTUnwrap(stats["ledgerRows"] as? Int)
        XCTAssertGreaterThan(indicatorRows, 0)
        XCTAssertGreaterThan(ledgerRows, 0)
        XCTAssertEqual((stats["byRule"] as? [String: Int])?["unrecognized-document"], 1)

        let sarif = try JSONSerialization.jsonObject(with: Data(try run(["--format", "sarif"] + args).stdout.utf8)) as? [String: Any]
        let props = try XCTUnwrap(((sarif?["runs"] as? [[String: Any]])?.first?["properties"]) as? [String: Any])
        XCTAssertEqual(props["files"] as? Int, 4)
        XCTAssertEqual(props["readFiles"] as? Int, 3)
        XCTAssertEqual(props["forms"] as? [String: Int], forms)
        XCTAssertEqual(props["indicatorRows"] as? Int, indicatorRows)
        XCTAssertEqual(props["ledgerRows"] as? Int, ledgerRows)

        let text = try run(args).stdout
        let total = forms.values.reduce(0, +)
        XCTAssertTrue(text.contains("4 个文件：") && text.contains("读取 3 个，识别出 \(total) 张表（整体支出表 1、")
                      && text.contains("指标 \(indicatorRows) 行，台账 \(ledgerRows) 行"), text)
    }

    func testSarifIsWellFormed() throws {
        let r = try run(["--no-config", "--format", "sarif", seed("000"), seed("001"), seed("002")])
        XCTAssertEqual(r.status, 1)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        XCTAssertEqual(doc["version"] as? String, "2.1.0")
        let run0 = (doc["runs"] as! [[String: Any]])[0]
        let driver = (run0["tool"] as! [String: Any])["driver"] as! [String: Any]
        let rules = driver["rules"] as! [[String: Any]]
        let ids = rules.map { $0["id"] as! String }
        XCTAssertTrue(ids.contains("sum-mismatch") && ids.contains("parse-error"))
        let results = run0["results"] as! [[String: Any]]
        XCTAssertFalse(results.isEmpty)
        for res in results {
            let id = res["ruleId"] as! String
            XCTAssertEqual(ids[res["ruleIndex"] as! Int], id)
            let loc = ((res["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])
            let uri = (loc["artifactLocation"] as! [String: Any])["uri"] as! String
            XCTAssertFalse(uri.hasPrefix("/"), "relative URI")
            XCTAssertGreaterThanOrEqual((loc["region"] as! [String: Any])["startLine"] as! Int, 1)
            XCTAssertNotNil((res["partialFingerprints"] as? [String: Any])?["primaryLocationLineHash"])
        }
    }

    func testOutputIsDeterministicForAnyJobCount() throws {
        let seeds = ["000", "001", "002", "003", "004"].map(seed)
        let one = try run(["--no-config", "--format", "json", "--jobs", "1"] + seeds)
        let two = try run(["--no-config", "--format", "json", "--jobs", "2"] + seeds.reversed())
        XCTAssertEqual(one.stdout, two.stdout)
    }

    func testUnreadableFileIsReportedAndOthersStillLinted() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        try Data([0x00, 0x01, 0x02, 0xFF]).write(to: tmp.appendingPathComponent("binary.txt"))
        try Data().write(to: tmp.appendingPathComponent("empty.txt"))
        try FileManager.default.copyItem(at: CLITests.root.appendingPathComponent(seed("002")), to: tmp.appendingPathComponent("report.txt"))
        let r = try run(["--no-config", "--format", "json", tmp.path])
        XCTAssertEqual(r.status, 1)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let files = doc["files"] as! [[String: Any]]
        func rules(_ suffix: String) -> [String] {
            let f = files.first { ($0["path"] as! String).hasSuffix(suffix) }
            return ((f?["diagnostics"] as? [[String: Any]]) ?? []).map { $0["ruleId"] as! String }
        }
        XCTAssertEqual(rules("binary.txt"), ["parse-error"])
        XCTAssertEqual(rules("empty.txt"), ["parse-error"])
        // The readable report is linted in full; which rules it trips grows with the catalog.
        XCTAssertTrue(rules("report.txt").contains("sum-mismatch"), "\(rules("report.txt"))")
        XCTAssertFalse(rules("report.txt").contains("parse-error"), "\(rules("report.txt"))")
    }

    func testInvalidConfigExitsTwoWithKeyPath() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-cfg-\(UUID().uuidString).json")
        try #"{"rules": {"sum-mismatch": {"severity": "fatal"}}}"#.write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try run(["--config", tmp.path, seed("000")])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("rules.sum-mismatch.severity"), r.stderr)
    }

    /// An option value the option cannot take is a config error naming its key path, not a silent
    /// fall-back to the default; valid spellings of the same option are accepted.
    func testInvalidOptionValueExitsTwoWithKeyPath() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-cfg-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let cases: [(String, String, String)] = [
            (#"{"rules": {"low-execution-unexplained": {"options": {"threshold": "abc"}}}}"#, "rules.low-execution-unexplained.options.threshold", "不是比例"),
            (#"{"rules": {"low-execution-unexplained": {"options": {"threshold": "150%"}}}}"#, "rules.low-execution-unexplained.options.threshold", "超过 100%"),
            (#"{"overrides": [{"files": ["**"], "rules": {"low-execution-unexplained": {"options": {"threshold": -1}}}}]}"#,
             "overrides[0].rules.low-execution-unexplained.options.threshold", "不是比例"),
        ]
        for (config, path, reason) in cases {
            try config.write(to: tmp, atomically: true, encoding: .utf8)
            let r = try run(["--config", tmp.path, seed("002")])
            XCTAssertEqual(r.status, 2, config)
            XCTAssertTrue(r.stderr.contains(path) && r.stderr.contains(reason), r.stderr)
            XCTAssertEqual(r.stdout, "", "nothing is linted")
        }
        // 002's 业务工作经费 runs at 23.57%: reported under 90% and "0.3", not under "20%".
        for (threshold, expected) in [("\"90%\"", 1), ("0.3", 1), ("\"20%\"", 0)] {
            try #"{"rules": {"low-execution-unexplained": {"options": {"threshold": \#(threshold)}}}}"#.write(to: tmp, atomically: true, encoding: .utf8)
            let r = try run(["--config", tmp.path, "--format", "json", seed("002")])
            XCTAssertNotEqual(r.status, 2, r.stderr)
            XCTAssertEqual(r.stdout.components(separatedBy: "\"ruleId\" : \"low-execution-unexplained\"").count - 1, expected, threshold)
        }
    }

    func testConfigChangesSeverityAndPolicy() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-cfg-\(UUID().uuidString).json")
        try #"{"rules": {"execution-rate": "error"}, "surprise": 1}"#.write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try run(["--config", tmp.path, seed("000")])
        XCTAssertEqual(r.status, 1, "the warning became an error")
        XCTAssertTrue(r.stdout.contains("surprise：未知的键"), r.stdout + r.stderr)

        try #"{"scoring": {"policy": "none"}}"#.write(to: tmp, atomically: true, encoding: .utf8)
        let quiet = try run(["--config", tmp.path, "--format", "json", seed("000")])
        XCTAssertFalse(quiet.stdout.contains("execution-rate"), "no score rule under policy none")
    }

    func testDumpRoundTripsThroughTheJSONModel() throws {
        let dump = try run(["dump", seed("002")])
        XCTAssertEqual(dump.status, 0)
        XCTAssertTrue(dump.stdout.contains("\"schema\" : \"auditlint-model/1\""))
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("model-\(UUID().uuidString).json")
        try dump.stdout.write(to: tmp, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let fromModel = try run(["--no-config", "--format", "json", tmp.path])
        let fromText = try run(["--no-config", "--format", "json", seed("002")])
        func messages(_ s: String) -> [String] {
            let doc = try! JSONSerialization.jsonObject(with: Data(s.utf8)) as! [String: Any]
            return (doc["files"] as! [[String: Any]]).flatMap { ($0["diagnostics"] as! [[String: Any]]).map { "\($0["ruleId"]!) \($0["message"]!)" } }
        }
        XCTAssertEqual(messages(fromModel.stdout), messages(fromText.stdout))
    }

    func testRulesAndExplain() throws {
        let rules = try run(["rules"])
        for id in ["sum-mismatch", "execution-rate", "score-exceeds-weight", "missing-deviation-note", "templated-indicator"] {
            XCTAssertTrue(rules.stdout.contains(id))
        }
        let explain = try run(["explain", "sum-mismatch"])
        XCTAssertEqual(explain.status, 0)
        XCTAssertTrue(explain.stdout.contains("2922.7"))
        XCTAssertEqual(try run(["explain", "no-such-rule"]).status, 2)
    }

    func testOutputFileIsWrittenWhole() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("out-\(UUID().uuidString).sarif")
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try run(["--no-config", "--format", "sarif", "--output", tmp.path, seed("002")])
        XCTAssertEqual(r.status, 1)
        XCTAssertEqual(r.stdout, "")
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp)) as? [String: Any]
        XCTAssertEqual(doc?["version"] as? String, "2.1.0")
    }

    /// Streaming into --output gives the same bytes as standard output, leaves only the target
    /// behind, and a target that cannot be created fails at once, before any file is linted.
    func testOutputFileMatchesStandardOutputAndAnUnwritableTargetFailsFirst() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("auditlint-out-\(UUID().uuidString)")
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: dir) }
        let target = dir.appendingPathComponent("r.json")
        let files = [seed("001"), seed("002"), seed("000")]
        for format in ["json", "text", "sarif"] {
            let toFile = try run(["--no-config", "--format", format, "--jobs", "2", "--output", target.path] + files)
            let toStdout = try run(["--no-config", "--format", format, "--jobs", "1"] + files)
            XCTAssertEqual(toFile.status, 1)
            XCTAssertEqual(toFile.status, toStdout.status)
            XCTAssertEqual(toFile.stdout, "")
            XCTAssertEqual(try String(contentsOf: target, encoding: .utf8), toStdout.stdout, format)
            XCTAssertEqual(try fm.contentsOfDirectory(atPath: dir.path), ["r.json"], "no temporary file is left")
        }
        let missing = dir.appendingPathComponent("no-such-dir/r.json").path
        let bad = try run(["--no-config", "--output", missing, seed("001")])
        XCTAssertEqual(bad.status, 2)
        XCTAssertTrue(bad.stderr.contains("无法写入 \(missing)"), bad.stderr)
        XCTAssertEqual(bad.stdout, "")
    }
}

import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The CI-gate workflow through the binary: external plugins (opt-in, timeouts,
/// bad output), baselines, rule flags, and `docs/rules.md` kept in sync.
final class CIGateTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-gate-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for p in ["000", "001", "002", "003", "004"] {
            try fm.copyItem(at: CLITests.root.appendingPathComponent(seed(p)), to: dir.appendingPathComponent("reports/\(p).txt"))
        }
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func seed(_ prefix: String) -> String {
        let seeds = CLITests.root.appendingPathComponent("Examples/seeds")
        return "Examples/seeds/" + (try! fm.contentsOfDirectory(atPath: seeds.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!)
    }

    struct Run { var status: Int32; var stdout: String; var stderr: String; var killed: Bool }

    /// Runs the binary in the temp directory; a run still going after `timeout` is killed and fails the test.
    func run(_ args: [String], env: [String: String] = [:], timeout: TimeInterval = 120) throws -> Run {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        p.currentDirectoryURL = dir
        var environment = ProcessInfo.processInfo.environment
        environment["AUDITLINT_ALLOW_PLUGINS"] = nil
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        var o = Data(), e = Data()
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) { o = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { e = err.fileHandleForReading.readDataToEndOfFile() }
        let done = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { p.waitUntilExit(); done.signal() }
        var killed = false
        if done.wait(timeout: .now() + timeout) == .timedOut { killed = true; kill(p.processIdentifier, SIGKILL); done.wait() }
        group.wait()
        XCTAssertFalse(killed, "auditlint \(args) did not finish within \(timeout) s")
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self), killed: killed)
    }

    func write(_ text: String, _ name: String) throws { try text.write(to: dir.appendingPathComponent(name), atomically: true, encoding: .utf8) }

    func sarif(_ r: Run) throws -> (results: [[String: Any]], notifications: [String], rules: [String]) {
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let run = (doc["runs"] as! [[String: Any]])[0]
        let inv = (run["invocations"] as! [[String: Any]])[0]
        let notes = (inv["toolExecutionNotifications"] as? [[String: Any]] ?? []).map { ($0["message"] as! [String: Any])["text"] as! String }
        let rules = (((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]).map { $0["id"] as! String }
        return (run["results"] as! [[String: Any]], notes, rules)
    }

    func line(_ result: [String: Any]) -> Int? {
        let loc = (result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any]
        return (loc?["region"] as? [String: Any])?["startLine"] as? Int
    }

    // MARK: plugins

    /// 001 line 4548: the 企业满意度 actual "≥80%" becomes a measured "85%", still scored 10/10.
    func injectSatisfactionDefect() throws {
        let url = dir.appendingPathComponent("reports/001.txt")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertEqual(lines[4547], "\t≥80%")
        lines[4547] = "\t85%"
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    }

    func pluginConfig(_ plugins: String) throws {
        try fm.createDirectory(at: dir.appendingPathComponent("plugins"), withIntermediateDirectories: true)
        try fm.copyItem(at: CLITests.root.appendingPathComponent("Examples/plugins/local_scoring.py"), to: dir.appendingPathComponent("plugins/local_scoring.py"))
        try write(#"{"plugins": \#(plugins)}"#, ".lintrc")
    }

    func testExamplePluginFindingsAppearInSarif() throws {
        try injectSatisfactionDefect()
        try pluginConfig(#"[{"id": "local-scoring", "command": ["python3", "plugins/local_scoring.py"], "timeout": 30, "options": {"threshold": 90}}]"#)
        let r = try run(["--allow-plugins", "--format", "sarif", "reports/001.txt"])
        XCTAssertEqual(r.status, 1, r.stderr)
        let s = try sarif(r)
        let plugin = s.results.filter { $0["ruleId"] as? String == "local-scoring/satisfaction-full-score" }
        XCTAssertEqual(plugin.map(line), [4550], "the score cell of the 企业满意度 row")
        XCTAssertEqual(plugin.first?["level"] as? String, "warning")
        XCTAssertTrue(((plugin.first?["message"] as? [String: Any])?["text"] as? String)?.contains("85") ?? false)
        XCTAssertTrue(s.rules.contains("local-scoring/satisfaction-full-score"), "every result names a rule of the driver")
        XCTAssertEqual((plugin.first?["relatedLocations"] as? [[String: Any]])?.count, 1)
        // The built-in findings are all still there.
        XCTAssertTrue(s.results.contains { $0["ruleId"] as? String == "score-exceeds-weight" && line($0) == 253 })
        // The environment variable opts in as well.
        let viaEnv = try run(["--format", "sarif", "reports/001.txt"], env: ["AUDITLINT_ALLOW_PLUGINS": "1"])
        XCTAssertEqual(try sarif(viaEnv).results.filter { $0["ruleId"] as? String == "local-scoring/satisfaction-full-score" }.count, 1)
    }

    func testPluginsDoNotRunWithoutOptIn() throws {
        try injectSatisfactionDefect()
        // The plugin would leave a marker file if it ran.
        try pluginConfig(#"[{"id": "local-scoring", "command": ["sh", "-c", "touch ran; cat >/dev/null; echo '{\"protocol\":\"auditlint-plugin/1\",\"diagnostics\":[]}'"]}]"#)
        let r = try run(["--format", "sarif", "reports/001.txt"])
        let s = try sarif(r)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("ran").path), "no plugin may run without --allow-plugins")
        XCTAssertTrue(s.notifications.contains { $0.contains("local-scoring") && $0.contains("--allow-plugins") }, "\(s.notifications)")
        XCTAssertTrue(r.stderr.contains("--allow-plugins"))
        let text = try run(["reports/001.txt"])
        XCTAssertTrue(text.stdout.contains("未运行") && text.stdout.contains("--allow-plugins"), text.stdout)
        _ = try run(["--allow-plugins", "reports/001.txt"])
        XCTAssertTrue(fm.fileExists(atPath: dir.appendingPathComponent("ran").path), "the control: with opt-in it runs")
    }

    func testPluginTimeoutCrashAndBadOutputAreNotificationsAndTheRunGoesOn() throws {
        try pluginConfig("""
        [{"id": "sleeper", "command": ["sh", "-c", "sleep 30 & sleep 30"], "timeout": 1, "optional": true},
         {"id": "crasher", "command": ["sh", "-c", "echo boom >&2; exit 3"], "optional": true},
         {"id": "garbler", "command": ["sh", "-c", "cat >/dev/null; echo not-json"], "optional": true}]
        """)
        let start = Date()
        let r = try run(["--allow-plugins", "--format", "sarif", "reports/000.txt", "reports/002.txt"], timeout: 60)
        // Two files × a 1 s timeout: the run must not wait for the 30 s sleeps (nor their child).
        XCTAssertLessThan(Date().timeIntervalSince(start), 25, "a sleeping plugin stalled the run")
        XCTAssertEqual(r.status, 1, "optional plugins: 002's sum-mismatch still sets the exit code")
        let s = try sarif(r)
        // One notification per plugin, not per file, naming how many files it failed on.
        XCTAssertEqual(s.notifications.filter { $0.contains("sleeper") && $0.contains("超过 1 秒") && $0.contains("2 个文件") }.count, 1, "\(s.notifications)")
        XCTAssertEqual(s.notifications.filter { $0.contains("crasher") && $0.contains("退出码 3") && $0.contains("boom") }.count, 1)
        XCTAssertEqual(s.notifications.filter { $0.contains("garbler") && $0.contains("JSON") }.count, 1)
        XCTAssertEqual(s.notifications.filter { $0.contains("插件") }.count, 3)
        XCTAssertEqual(try executionSuccessful(r), false)
        XCTAssertTrue(s.results.contains { $0["ruleId"] as? String == "sum-mismatch" && line($0) == 1078 })
        XCTAssertTrue(s.results.contains { $0["ruleId"] as? String == "execution-rate" && line($0) == 31 })
    }

    /// A plugin that is not optional fails the run closed: exit 2, whatever the findings.
    func testRequiredPluginFailureExitsTwo() throws {
        try pluginConfig(#"[{"id": "crasher", "command": ["sh", "-c", "cat >/dev/null; exit 3"]}]"#)
        let r = try run(["--allow-plugins", "--format", "sarif", "reports/000.txt", "reports/003.txt"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertEqual(try executionSuccessful(r), false)
        XCTAssertEqual(try sarif(r).notifications.filter { $0.contains("crasher") }.count, 1)
        XCTAssertTrue(r.stderr.contains("optional"), r.stderr)
        let text = try run(["--allow-plugins", "reports/000.txt"])
        XCTAssertEqual(text.status, 2)
        XCTAssertTrue(text.stdout.contains("插件 crasher 在 1 个文件上失败"), text.stdout)
        // No baseline is written from a run that lacks a plugin's findings.
        XCTAssertEqual(try run(["--allow-plugins", "--write-baseline", "b.json", "reports/000.txt"]).status, 2)
        XCTAssertFalse(fm.fileExists(atPath: dir.appendingPathComponent("b.json").path))
        // The control: a clean run is executionSuccessful.
        XCTAssertEqual(try executionSuccessful(try run(["--format", "sarif", "reports/000.txt"])), true)
    }

    func testOptionalMustBeABoolean() throws {
        try pluginConfig(#"[{"id": "crasher", "command": ["true"], "optional": "yes"}]"#)
        let r = try run(["reports/000.txt"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("plugins[0].optional"), r.stderr)
    }

    func executionSuccessful(_ r: Run) throws -> Bool? {
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let run = (doc["runs"] as! [[String: Any]])[0]
        return (run["invocations"] as! [[String: Any]])[0]["executionSuccessful"] as? Bool
    }

    // MARK: baseline

    func testBaselineSuppressesOldFindingsAndFailsOnlyOnNewOnes() throws {
        let first = try run(["--no-config", "--write-baseline", "baseline.json", "reports"])
        XCTAssertEqual(first.status, 0, "writing a baseline succeeds")
        let again = try run(["--no-config", "--baseline", "baseline.json", "reports"])
        XCTAssertEqual(again.status, 0, again.stdout)
        XCTAssertTrue(again.stdout.contains("0 个错误，0 个警告"), again.stdout)
        XCTAssertFalse(again.stdout.contains("[templated-indicator]"), "suppressed findings are left out of text")

        // Insert a line at the top of 000 (every line moves) and inject one defect in 001:
        // 公务接待 2023年决算数 7.78 → 8.78 breaks 三公经费 64.45 (line 20) in that column only.
        let url000 = dir.appendingPathComponent("reports/000.txt")
        try ("说明：本报告已修订。\n" + String(contentsOf: url000, encoding: .utf8)).write(to: url000, atomically: true, encoding: .utf8)
        let url001 = dir.appendingPathComponent("reports/001.txt")
        var lines = try String(contentsOf: url001, encoding: .utf8).components(separatedBy: "\n")
        XCTAssertEqual(lines[44], "\t7.78")
        lines[44] = "\t8.78"
        try lines.joined(separator: "\n").write(to: url001, atomically: true, encoding: .utf8)

        let r = try run(["--no-config", "--baseline", "baseline.json", "--format", "sarif", "--sarif-include-suppressed", "reports"])
        XCTAssertEqual(r.status, 1)
        let s = try sarif(r)
        let new = s.results.filter { $0["baselineState"] as? String == "new" }
        XCTAssertEqual(new.count, 1, "\(new.map { ($0["message"] as! [String: Any])["text"]! })")
        XCTAssertEqual(new.first?["ruleId"] as? String, "sum-mismatch")
        XCTAssertEqual(new.first.flatMap(line), 20)
        XCTAssertNil(new.first?["suppressions"])
        let unchanged = s.results.filter { $0["baselineState"] as? String == "unchanged" }
        XCTAssertEqual(unchanged.count, s.results.count - 1)
        XCTAssertTrue(unchanged.allSatisfy { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "external" })
        XCTAssertTrue(unchanged.contains { $0["ruleId"] as? String == "execution-rate" && line($0) == 32 }, "000's finding moved a line and stays matched")
        // Text output leaves the suppressed ones out but counts them.
        let text = try run(["--no-config", "--baseline", "baseline.json", "reports"])
        XCTAssertEqual(text.stdout.components(separatedBy: "\n").filter { $0.contains("[") && $0.contains("]") && $0.hasPrefix("reports/") }.count, 1, text.stdout)
        XCTAssertTrue(text.stdout.contains("另有 \(unchanged.count) 个已由基线抑制"), text.stdout)
    }

    /// A baseline written before 10 lines were inserted at the top of every seed still suppresses
    /// every finding after: no fingerprint depends on a line (placeholder rows included).
    func testBaselineSurvivesTenLinesInsertedAtTheTopOfEverySeed() throws {
        XCTAssertEqual(try run(["--no-config", "--write-baseline", "baseline.json", "reports"]).status, 0)
        for p in ["000", "001", "002", "003", "004"] {
            let url = dir.appendingPathComponent("reports/\(p).txt")
            let cover = (1...10).map { "封面说明第\($0)行" }.joined(separator: "\n") + "\n\n"
            try (cover + String(contentsOf: url, encoding: .utf8)).write(to: url, atomically: true, encoding: .utf8)
        }
        let r = try run(["--no-config", "--baseline", "baseline.json", "--format", "json", "reports"])
        XCTAssertEqual(r.status, 0, r.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let diags = (doc["files"] as! [[String: Any]]).flatMap { $0["diagnostics"] as! [[String: Any]] }
        XCTAssertGreaterThan(diags.count, 50)
        let new = diags.filter { $0["baselineState"] as? String != "unchanged" }
        XCTAssertEqual(new.count, 0, "\(new.prefix(5).map { "\($0["ruleId"]!) \($0["subject"]!)" })")
        XCTAssertFalse(r.stderr.contains("已不再出现"), r.stderr)
    }

    func testStaleBaselineEntriesAreReported() throws {
        XCTAssertEqual(try run(["--no-config", "--write-baseline", "baseline.json", "reports/002.txt"]).status, 0)
        let url = dir.appendingPathComponent("reports/002.txt")
        var lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        // Fix the defect: 其他资金 252.78 → 252.75 makes 175.98 + 0 + 252.75 = 428.73 again.
        XCTAssertEqual(lines[1079], "其他资金 252.78 252.78 6.8")
        lines[1079] = "其他资金 252.75 252.78 6.8"
        try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        let r = try run(["--no-config", "--baseline", "baseline.json", "reports/002.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("已不再出现") && r.stdout.contains("sum-mismatch"), r.stdout)
    }

    func testBadBaselineIsAUsageError() throws {
        try write("{}", "baseline.json")
        let r = try run(["--no-config", "--baseline", "baseline.json", "reports/000.txt"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("baseline.json"), r.stderr)
    }

    // MARK: rule flags and the catalog

    func testRuleFlagsAreTheLastLayer() throws {
        try write(#"{"rules": {"execution-rate": "off"}}"#, ".lintrc")
        XCTAssertFalse(try run(["reports/000.txt"]).stdout.contains("[execution-rate]"))
        let enabled = try run(["--enable", "execution-rate", "reports/000.txt"])
        XCTAssertTrue(enabled.stdout.contains("reports/000.txt:31:"), enabled.stdout)
        let raised = try run(["--severity", "execution-rate=error", "reports/000.txt"])
        XCTAssertEqual(raised.status, 1)
        XCTAssertTrue(raised.stdout.contains("000.txt:31:2: 错误: "), raised.stdout)
        let disabled = try run(["--no-config", "--disable", "sum-mismatch", "reports/002.txt"])
        XCTAssertFalse(disabled.stdout.contains("[sum-mismatch]"), disabled.stdout)
        XCTAssertTrue(try run(["--no-config", "reports/002.txt"]).stdout.contains("[sum-mismatch]"), "the control")
        XCTAssertEqual(try run(["--disable", "no-such-rule", "reports/000.txt"]).status, 2)
        XCTAssertEqual(try run(["--severity", "execution-rate=fatal", "reports/000.txt"]).status, 2)
        let table = try run(["rules"])
        XCTAssertTrue(table.stdout.split(separator: "\n").contains { $0.hasPrefix("execution-rate\t") && $0.contains("\t关\t") }, table.stdout)
    }

    func testInvalidCustomRuleExitsTwoWithKeyPath() throws {
        try write(#"{"customRules": [{"id": "x", "type": "pattern", "fields": ["target"], "regex": "是否("}]}"#, ".lintrc")
        let r = try run(["reports/000.txt"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("customRules[0].regex") && r.stderr.contains("无效的正则表达式"), r.stderr)
    }

    func testRulesDocMatchesTheCatalog() throws {
        let r = try run(["rules", "--no-config", "--format", "markdown"])
        XCTAssertEqual(r.status, 0)
        let doc = try String(contentsOf: CLITests.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        XCTAssertEqual(doc, r.stdout, "docs/rules.md is stale: run `auditlint rules --no-config --format markdown > docs/rules.md`")
        XCTAssertTrue(doc.contains("## sum-mismatch") && doc.contains("## parse-error"))
    }
}

extension CIGateTests {
    func testUndeclaredRuleOptionIsWarnedAbout() throws {
        try write(#"{"rules": {"low-execution-unexplained": {"options": {"threshhold": "80%", "threshold": "80%"}}}}"#, ".lintrc")
        let r = try run(["reports/000.txt"])
        XCTAssertEqual(r.status, 0)
        XCTAssertTrue(r.stdout.contains("options.threshhold") && !r.stdout.contains("options.threshold："), r.stdout)
    }
}

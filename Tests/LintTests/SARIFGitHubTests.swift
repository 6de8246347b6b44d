import Foundation
import XCTest

/// SARIF as GitHub code scanning really displays it: linked related locations, rule help,
/// `%SRCROOT%`-relative URIs, runs split at 25,000 results, and baselined results left out.
final class SARIFGitHubTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-sarif-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for p in ["000", "002"] {
            try fm.copyItem(at: CLITests.root.appendingPathComponent(CLITests.seedPath(p)), to: dir.appendingPathComponent("reports/\(p).txt"))
        }
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func sarif(_ args: [String], cwd: URL? = nil) throws -> [String: Any] {
        let r = try CLITests.runBinary(["--no-config", "--format", "sarif"] + args, cwd: cwd ?? dir)
        XCTAssertLessThan(r.status, 2, r.stderr)
        return try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
    }

    func runs(_ doc: [String: Any]) -> [[String: Any]] { doc["runs"] as! [[String: Any]] }
    func results(_ run: [String: Any]) -> [[String: Any]] { run["results"] as! [[String: Any]] }
    func text(_ r: [String: Any]) -> String { (r["message"] as! [String: Any])["text"] as! String }

    func testRelatedLocationsAreLinkedFromTheMessage() throws {
        let run = runs(try sarif(["reports/002.txt"]))[0]
        let sum = results(run).first { $0["ruleId"] as? String == "sum-mismatch" }!
        let related = sum["relatedLocations"] as! [[String: Any]]
        XCTAssertGreaterThan(related.count, 1)
        for rel in related {
            let id = rel["id"] as! Int
            let label = (rel["message"] as! [String: Any])["text"] as! String
            XCTAssertTrue(text(sum).contains("[\(label)](\(id))"), "\(text(sum)) lacks a link to \(id)")
        }
    }

    func testRelatedLocationsAreCappedAtAHundred() throws {
        let header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
        var lines = ["项目支出绩效自评表", ""] + header.map { "\t" + $0 } + [""]
        for i in 0..<150 {
            lines += ["产出指标（50分）", "数量指标", "培训人数\(i)", "≥100人", "120人", "1", "1", "无"].map { "\t" + $0 } + [""]
        }
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("reports/rows.txt"), atomically: true, encoding: .utf8)
        let run = runs(try sarif(["reports/rows.txt"]))[0]
        let big = results(run).filter { ($0["relatedLocations"] as? [Any])?.count ?? 0 >= 100 }
        XCTAssertFalse(big.isEmpty, "a finding with more than 100 related locations: \(results(run).map { ($0["relatedLocations"] as? [Any])?.count ?? 0 })")
        for r in big {
            XCTAssertEqual((r["relatedLocations"] as! [Any]).count, 100)
            XCTAssertTrue(text(r).contains("另有") && text(r).contains("处未列出"), text(r))
        }
    }

    func testRulesCarryHelpForGitHub() throws {
        let run = runs(try sarif(["reports/000.txt"]))[0]
        let rules = ((run["tool"] as! [String: Any])["driver"] as! [String: Any])["rules"] as! [[String: Any]]
        let sum = rules.first { $0["id"] as? String == "sum-mismatch" }!
        XCTAssertEqual(sum["helpUri"] as? String, "https://github.com/auditlint/auditlint/blob/main/docs/rules.md#sum-mismatch")
        let md = (sum["help"] as! [String: Any])["markdown"] as! String
        XCTAssertTrue(md.contains("| 结果 | 例子 | 报告的行 |") && md.contains("| 报告 |") && md.contains("| 不报告 |"), md)
        let props = sum["properties"] as! [String: Any]
        XCTAssertEqual(props["precision"] as? String, "high")
        XCTAssertEqual(props["problem.severity"] as? String, "error")
        let low = rules.first { $0["id"] as? String == "low-execution-unexplained" }!
        XCTAssertEqual((low["properties"] as! [String: Any])["problem.severity"] as? String, "warning")
        XCTAssertTrue(((low["help"] as! [String: Any])["markdown"] as! String).contains("| `threshold` |"))
        // docs/rules.md has the section every helpUri points at.
        let doc = try String(contentsOf: CLITests.root.appendingPathComponent("docs/rules.md"), encoding: .utf8)
        for r in rules { if let uri = r["helpUri"] as? String { XCTAssertTrue(doc.contains("\n## \(uri.split(separator: "#").last!)\n"), uri) } }
    }

    func testURIsAreRelativeToSrcRoot() throws {
        // Default: the git top level above the working directory.
        try fm.createDirectory(at: dir.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let fromSub = runs(try sarif(["000.txt"], cwd: dir.appendingPathComponent("reports")))[0]
        let base = (fromSub["originalUriBaseIds"] as! [String: Any])["%SRCROOT%"] as! [String: Any]
        XCTAssertEqual(base["uri"] as? String, URL(fileURLWithPath: dir.path, isDirectory: true).absoluteString)
        let loc = ((results(fromSub)[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any]
        XCTAssertEqual(loc["uri"] as? String, "reports/000.txt")
        XCTAssertEqual(loc["uriBaseId"] as? String, "%SRCROOT%")
        // --sarif-root moves it.
        let rooted = runs(try sarif(["--sarif-root", "reports", "reports/000.txt"]))[0]
        let loc2 = ((results(rooted)[0]["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any]
        XCTAssertEqual(loc2["uri"] as? String, "000.txt")
    }

    func testManyResultsAreSplitIntoRunsByPath() throws {
        let whole = runs(try sarif(["reports"]))
        XCTAssertEqual(whole.count, 1)
        let total = results(whole[0]).count
        XCTAssertGreaterThan(total, 4)
        let split = runs(try sarif(["--sarif-max-results", "3", "reports"]))
        XCTAssertEqual(split.map { results($0).count }.reduce(0, +), total, "no result lost")
        XCTAssertTrue(split.allSatisfy { results($0).count <= 3 })
        XCTAssertEqual(split.count, (total + 2) / 3)
        let ids = split.map { ($0["automationDetails"] as? [String: Any])?["id"] as? String }
        XCTAssertEqual(Set(ids.compactMap { $0 }).count, split.count, "each run its own category: \(ids)")
        for run in split {
            let notes = ((run["invocations"] as! [[String: Any]])[0]["toolExecutionNotifications"] as! [[String: Any]])
                .map { ($0["message"] as! [String: Any])["text"] as! String }
            XCTAssertTrue(notes.contains { $0.contains("分为多个运行") }, "\(notes)")
            // Every result's artifact index points into its own run's artifacts.
            let artifacts = run["artifacts"] as! [[String: Any]]
            for r in results(run) {
                let a = ((r["locations"] as! [[String: Any]])[0]["physicalLocation"] as! [String: Any])["artifactLocation"] as! [String: Any]
                XCTAssertEqual((artifacts[a["index"] as! Int]["location"] as! [String: Any])["uri"] as? String, a["uri"] as? String)
            }
        }
    }

    func testBaselinedResultsAreLeftOutUnlessAskedFor() throws {
        XCTAssertEqual(try CLITests.runBinary(["--no-config", "--write-baseline", "b.json", "reports"], cwd: dir).status, 0)
        let left = runs(try sarif(["--baseline", "b.json", "reports"]))[0]
        XCTAssertEqual(results(left).count, 0)
        let kept = runs(try sarif(["--baseline", "b.json", "--sarif-include-suppressed", "reports"]))[0]
        XCTAssertGreaterThan(results(kept).count, 0)
        XCTAssertTrue(results(kept).allSatisfy { ($0["suppressions"] as? [[String: Any]])?.first?["kind"] as? String == "external" })
    }

    /// The SARIF of the examples passes the GitHub upload rules of validate_sarif.py, split or not.
    func testValidatorAcceptsExamplesAndSplitRuns() throws {
        let python = URL(fileURLWithPath: "/usr/bin/env")
        for (name, extra) in [("a.sarif", [String]()), ("b.sarif", ["--sarif-max-results", "40"])] {
            let r = try CLITests.runBinary(["--no-config", "--format", "sarif", "--output", dir.appendingPathComponent(name).path] + extra
                                           + [CLITests.root.appendingPathComponent("Examples").path], cwd: dir)
            XCTAssertEqual(r.status, 1, r.stderr)
            let p = Process()
            p.executableURL = python
            p.arguments = ["python3", CLITests.root.appendingPathComponent("../shared/tools/validate_sarif.py").standardizedFileURL.path, dir.appendingPathComponent(name).path]
            let out = Pipe()
            p.standardOutput = out
            try p.run()
            let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            p.waitUntilExit()
            if text.contains("needs the jsonschema package") { throw XCTSkip("jsonschema is not installed") }
            XCTAssertEqual(p.terminationStatus, 0, text)
        }
    }
}

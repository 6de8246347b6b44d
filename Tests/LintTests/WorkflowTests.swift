import Foundation
import XCTest

/// The integrations run as written: the shell steps of `.github/workflows/auditlint.yml`
/// (with the built binary in place of the cached release build) and the pre-commit hook.
final class WorkflowTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-workflow-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        for p in ["000", "002"] {
            try fm.copyItem(at: CLITests.root.appendingPathComponent(CLITests.seedPath(p)), to: dir.appendingPathComponent("reports/\(p).txt"))
        }
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    /// The `run` steps of the workflow by step name: `run: cmd` or a `run: |` block.
    func steps() throws -> [String: String] {
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(".github/workflows/auditlint.yml"), encoding: .utf8)
        var out: [String: String] = [:]
        var name: String?
        var block: [String]? = nil, blockIndent = 0
        for line in text.components(separatedBy: "\n") {
            let indent = line.prefix { $0 == " " }.count
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if var b = block {
                if trimmed.isEmpty || indent >= blockIndent {
                    if blockIndent == 0 { blockIndent = indent }
                    b.append(String(line.dropFirst(min(indent, blockIndent))))
                    block = b
                    continue
                }
                out[name ?? "?"] = b.joined(separator: "\n")
                block = nil
            }
            if trimmed.hasPrefix("- name: ") { name = String(trimmed.dropFirst(8)) }
            else if trimmed.hasPrefix("- uses: ") { name = String(trimmed.dropFirst(8)) }
            if trimmed == "run: |" { block = []; blockIndent = 0 }
            else if trimmed.hasPrefix("run: ") { out[name ?? "?"] = String(trimmed.dropFirst(5)) }
        }
        if let b = block { out[name ?? "?"] = b.joined(separator: "\n") }
        return out
    }

    func bash(_ script: String, env: [String: String]) throws -> CLITests.Run {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/bash")
        p.arguments = ["-euo", "pipefail", "-c", script]
        p.currentDirectoryURL = dir
        p.environment = ProcessInfo.processInfo.environment.merging(env) { _, new in new }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out; p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return CLITests.Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    func testWorkflowStepsRunLocally() throws {
        let s = try steps()
        XCTAssertEqual(s["Build auditlint"], "swift build -c release --static-swift-stdlib --product auditlint --package-path .auditlint")
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(".github/workflows/auditlint.yml"), encoding: .utf8)
        XCTAssertTrue(text.contains("uses: actions/cache@") && text.contains("uses: github/codeql-action/upload-sarif@"))
        XCTAssertTrue(text.contains("security-events: write"))
        let env = ["REPORTS": "reports", "BASELINE": ".auditlint-baseline.json", "AUDITLINT_BIN": CLITests.binary.path]
        let lint = try XCTUnwrap(s["Lint to SARIF"])
        let gate = try XCTUnwrap(s["Gate (annotations on the changed lines; fails on new errors)"])

        // The SARIF step never fails the job by itself; the gate fails on 002's errors.
        let sarif = try bash(lint, env: env)
        XCTAssertEqual(sarif.status, 0, sarif.stderr)
        let doc = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("auditlint.sarif"))) as! [String: Any]
        let results = ((doc["runs"] as! [[String: Any]])[0]["results"] as! [[String: Any]])
        XCTAssertTrue(results.contains { $0["ruleId"] as? String == "sum-mismatch" })
        let failing = try bash(gate, env: env)
        XCTAssertEqual(failing.status, 1)
        XCTAssertTrue(failing.stdout.contains("::error file=reports/002.txt,line=1078,"), failing.stdout)

        // With a baseline recorded, old findings neither fail the gate nor reach the SARIF.
        XCTAssertEqual(try bash("\"$AUDITLINT_BIN\" --no-config --write-baseline \"$BASELINE\" \"$REPORTS\"", env: env).status, 0)
        XCTAssertEqual(try bash(gate, env: env).status, 0)
        XCTAssertEqual(try bash(lint, env: env).status, 0)
        let after = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("auditlint.sarif"))) as! [String: Any]
        XCTAssertEqual(((after["runs"] as! [[String: Any]])[0]["results"] as! [Any]).count, 0)
    }

    func testPreCommitHookSelectsReportsAndRuns() throws {
        let text = try String(contentsOf: CLITests.root.appendingPathComponent(".pre-commit-hooks.yaml"), encoding: .utf8)
        func value(_ key: String) -> String? {
            text.components(separatedBy: "\n").first { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\(key): ") }
                .map { String($0.trimmingCharacters(in: .whitespaces).dropFirst(key.count + 2)) }
        }
        XCTAssertEqual(value("- id"), "auditlint")
        XCTAssertEqual(value("entry"), "auditlint")
        XCTAssertEqual(value("language"), "swift")
        // pre-commit matches `files` and `exclude` with Python's re.search; these patterns mean the same in ICU.
        let files = try NSRegularExpression(pattern: try XCTUnwrap(value("files")).replacingOccurrences(of: "(?i)", with: ""), options: .caseInsensitive)
        let exclude = try NSRegularExpression(pattern: try XCTUnwrap(value("exclude")).replacingOccurrences(of: "(?i)", with: ""), options: .caseInsensitive)
        func selected(_ path: String) -> Bool {
            let r = NSRange(path.startIndex..., in: path)
            return files.firstMatch(in: path, range: r) != nil && exclude.firstMatch(in: path, range: r) == nil
        }
        for p in ["reports/a.txt", "REPORT.TXT", "自评表.DOCX", "b.xlsx", "c.pdf", "d.html", "e.htm", "f.md"] { XCTAssertTrue(selected(p), p) }
        for p in ["README.md", "docs/readme.txt", "package.json", "x.sarif", "build.sh"] { XCTAssertFalse(selected(p), p) }
        // The hook passes the staged files by name.
        XCTAssertEqual(try CLITests.runBinary(["reports/000.txt"], cwd: dir).status, 0)
        XCTAssertEqual(try CLITests.runBinary(["reports/000.txt", "reports/002.txt"], cwd: dir).status, 1)
    }
}

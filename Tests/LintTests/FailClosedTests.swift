import Foundation
import XCTest

/// A CI gate fails closed: a run that checked nothing, or could not do what it was configured
/// to do, exits 2 with a message instead of passing (as ESLint does for an unmatched pattern).
final class FailClosedTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-closed-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("reports"), withIntermediateDirectories: true)
        try fm.copyItem(at: CLITests.root.appendingPathComponent(CLITests.seedPath("000")), to: dir.appendingPathComponent("reports/000.txt"))
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func run(_ args: [String]) throws -> CLITests.Run { try CLITests.runBinary(args, cwd: dir) }

    func testMissingFolderExitsTwo() throws {
        let r = try run(["--no-config", "no-such-folder"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("没有找到文件或目录") && r.stderr.contains("no-such-folder"), r.stderr)
        XCTAssertEqual(r.stdout, "")
        // One missing path among good ones still fails: a typo must not shrink the gate silently.
        XCTAssertEqual(try run(["--no-config", "reports", "no-such-file.txt"]).status, 2)
    }

    func testEmptyFolderExitsTwo() throws {
        try fm.createDirectory(at: dir.appendingPathComponent("empty"), withIntermediateDirectories: true)
        let r = try run(["--no-config", "empty"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("没有找到要检查的文件"), r.stderr)
    }

    func testIncludeMatchingNothingExitsTwo() throws {
        try #"{"include": ["**/*.docx"]}"#.write(to: dir.appendingPathComponent(".lintrc"), atomically: true, encoding: .utf8)
        let r = try run(["reports"])
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("没有找到要检查的文件") && r.stderr.contains("*.docx"), r.stderr)
        // The control: the default include finds the report.
        XCTAssertEqual(try run(["--no-config", "reports"]).status, 0)
    }

    func testMaxWarningsSaysWhyItFailedAndMinusOneMeansNoLimit() throws {
        // Seed 000 has exactly one warning.
        let r = try run(["--no-config", "--max-warnings", "0", "reports"])
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("警告数 1 超过 --max-warnings 0"), r.stderr)
        XCTAssertEqual(try run(["--no-config", "--max-warnings", "1", "reports"]).status, 0)
        XCTAssertEqual(try run(["--no-config", "--max-warnings", "-1", "reports"]).status, 0)
        // -1 on the command line lifts a limit set in the config.
        try #"{"maxWarnings": 0}"#.write(to: dir.appendingPathComponent(".lintrc"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["reports"]).status, 1)
        XCTAssertEqual(try run(["--max-warnings", "-1", "reports"]).status, 0)
        try #"{"maxWarnings": -1}"#.write(to: dir.appendingPathComponent(".lintrc"), atomically: true, encoding: .utf8)
        XCTAssertEqual(try run(["reports"]).status, 0)
        XCTAssertEqual(try run(["--max-warnings", "-2", "reports"]).status, 2)
    }
}

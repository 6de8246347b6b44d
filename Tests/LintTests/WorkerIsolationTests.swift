import Foundation
import XCTest

/// Files are linted in worker processes: a worker that crashes or runs past its budget costs
/// the file it was on, never the run. The test switches (`AUDITLINT_TEST_CRASH_ON`,
/// `AUDITLINT_TEST_SPIN_ON`) make a worker fault on a chosen file, as a hostile file would.
extension HostileInputTests {
    /// Four copies of seed 000 beside `clean.txt`; the middle one is the one the worker faults on.
    private func writeCopies() throws -> [String] {
        let names = ["a-report.txt", "fault-here.txt", "m-report.txt", "z-report.txt"]
        for n in names { try write(try seedBytes("000"), n) }
        return (names + ["clean.txt"]).sorted()
    }

    func testACrashingWorkerLosesOnlyItsFileForAnyJobCount() throws {
        let names = try writeCopies()
        let baseline = try lint(jobs: 2)
        XCTAssertEqual(baseline.status, 0)
        for jobs in [1, 2, 3] {
            let r = try lint(jobs: jobs, environment: ["AUDITLINT_TEST_CRASH_ON": "fault-here"])
            // Every file has its result, in path order, whatever the number of workers.
            XCTAssertEqual(r.files.compactMap { ($0["path"] as? String).map { URL(fileURLWithPath: $0).lastPathComponent } }, names)
            assertParseError(r, "fault-here.txt", contains: ["读取时崩溃（信号 11）", "其余文件照常检查"])
            assertCleanSeedLinted(r)
            for n in names where n != "fault-here.txt" {
                XCTAssertEqual(r.diagnostics(n).map { $0["message"] as? String }, baseline.diagnostics(n).map { $0["message"] as? String },
                               "\(n) with --jobs \(jobs)")
            }
            XCTAssertEqual(r.status, 1, "the parse-error is an error")
        }
    }

    func testTheSwitchIsHonouredOnlyInAWorker() throws {
        _ = try writeCopies()
        let r = try runBinary(["--no-config", dir.path], environment: ["AUDITLINT_TEST_CRASH_ON": "fault-here", "AUDITLINT_IN_PROCESS": "1"])
        XCTAssertEqual(r.status, 0, "in process the switch does nothing: \(r.stdout.suffix(500))")
        XCTAssertFalse(r.stdout.contains("崩溃"))
    }

    func testAWorkerOverItsCPUBudgetLosesOnlyItsFile() throws {
        _ = try writeCopies()
        try Data(#"{"limits": {"cpuSeconds": 1}}"#.utf8).write(to: dir.appendingPathComponent("limits.lintrc"))
        let r = try lint(config: ["--config", dir.appendingPathComponent("limits.lintrc").path], environment: ["AUDITLINT_TEST_SPIN_ON": "fault-here"])
        assertParseError(r, "fault-here.txt", contains: ["超出时间预算 1 秒", "limits.cpuSeconds"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.diagnostics("z-report.txt").map { $0["ruleId"] as? String }, ["execution-rate"])
    }

    func testALimitThatIsNotAPositiveWholeNumberIsAConfigError() throws {
        for bad in [#"{"limits": {"cells": 0}}"#, #"{"limits": {"cells": 1.5}}"#, #"{"limits": {"cells": "many"}}"#, #"{"limits": 3}"#] {
            try Data(bad.utf8).write(to: dir.appendingPathComponent("bad.lintrc"))
            let r = try runBinary(["--config", dir.appendingPathComponent("bad.lintrc").path, dir.appendingPathComponent("clean.txt").path])
            XCTAssertEqual(r.status, 2, bad)
            XCTAssertTrue(r.stderr.contains("limits"), "\(bad): \(r.stderr)")
        }
    }
}

import Foundation
import XCTest

/// The reproductions of `../shared/hostile/` as regression tests, each beside the clean copy of
/// seed 000: the hostile file gets a parse-error naming the cause, the clean file keeps its
/// finding, the exit code is right, and no file is left behind.
extension HostileInputTests {
    /// The files in the temporary directory, to assert that a run left nothing behind.
    func listing() throws -> [String] { try fm.contentsOfDirectory(atPath: dir.path).sorted() }

    // 12: counts that overflow when added up.
    func testBaselineWithOverflowingCountsIsRefusedNotATrap() throws {
        let big = 4_611_686_018_427_387_904
        let baseline = """
        {"schema": "auditlint-baseline/1", "tool": "auditlint 0.1.0", "entries": [
         {"file": "gone1.txt", "ruleId": "sum-mismatch", "fingerprint": "a", "count": \(big), "message": "m"},
         {"file": "gone2.txt", "ruleId": "sum-mismatch", "fingerprint": "b", "count": \(big), "message": "m"}]}
        """
        try write(Array(baseline.utf8), "base.json")
        let before = try listing()
        let r = try runBinary(["--no-config", "--baseline", "base.json", "--output", "report.txt", "clean.txt"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("entries[0].count"), r.stderr)
        XCTAssertEqual(try listing(), before, "no report and no temporary file")
        // A count of zero or below is as impossible.
        try write(Array(baseline.replacingOccurrences(of: "\(big)", with: "-1").utf8), "base.json")
        XCTAssertEqual(try runBinary(["--no-config", "--baseline", "base.json", "clean.txt"]).status, 2)
    }

    /// The model `auditlint dump` prints for the clean seed, as a JSON object.
    func cleanModel() throws -> [String: Any] {
        let dump = try runBinary(["dump", "clean.txt"])
        XCTAssertEqual(dump.status, 0)
        return try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as! [String: Any]
    }

    func appendParagraph(_ model: inout [String: Any], location: [String: Any]) {
        var document = model["document"] as! [String: Any]
        var blocks = document["blocks"] as! [Any]
        blocks.append(["paragraph": ["location": location, "text": "本单位自评综合得分为 99.98 分。"]])
        document["blocks"] = blocks
        model["document"] = document
    }

    // 13: a model location whose column overflows when a check adds an offset.
    func testModelWithAnOverflowingColumnIsAParseErrorNotATrap() throws {
        var model = try cleanModel()
        appendParagraph(&model, location: ["column": Int.max, "file": "m.txt", "line": 5, "paragraph": 999])
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("model.json"))
        let r = try lint()
        assertParseError(r, "model.json", contains: ["JSON 模型结构错误", "column", "\(Int.max)"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testAModelCannotPlaceFindingsInAnotherFile() throws {
        var model = try cleanModel()
        appendParagraph(&model, location: ["file": "elsewhere.txt", "line": 9000, "paragraph": 999])
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("model.json"))
        let r = try lint()
        // The seed's narrative states 99.98 where its form prints another total: that finding now
        // names the model, and every location of its result does.
        let findings = r.diagnostics("model.json")
        XCTAssertFalse(findings.isEmpty)
        for d in findings {
            let files = [d["location"]] + ((d["related"] as? [[String: Any]]) ?? []).map { $0["location"] }
            for case let loc as [String: Any] in files {
                XCTAssertTrue((loc["file"] as? String)?.hasSuffix("model.json") == true, "\(loc)")
            }
        }
        XCTAssertFalse(r.stdout.contains("elsewhere.txt"))
        assertCleanSeedLinted(r)
    }
}

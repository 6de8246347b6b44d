import Foundation
import XCTest

/// The quadratic text paths of the hostile-input issue (reproductions 06 and 10): each input
/// completes under the harness's kill limit (no timing assertion) and every unit of it is read.
extension HostileInputTests {
    /// Runs `auditlint dump FILE` under the kill limit and returns the model.
    private func dump(_ name: String) throws -> [String: Any] {
        let r = try runBinary(["dump", dir.appendingPathComponent(name).path])
        XCTAssertEqual(r.status, 0, r.stderr)
        return try XCTUnwrap(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    private func blocks(_ model: [String: Any]) -> [[String: Any]] {
        ((model["document"] as? [String: Any])?["blocks"] as? [[String: Any]]) ?? []
    }

    /// Every cell and paragraph text of the model, in order.
    private func texts(_ model: [String: Any]) -> [String] {
        var out: [String] = []
        for b in blocks(model) {
            if let p = b["paragraph"] as? [String: Any], let t = p["text"] as? String { out.append(t) }
            if let t = b["table"] as? [String: Any], let rows = t["rows"] as? [[String: Any]] {
                for r in rows { for c in (r["cells"] as? [[String: Any]]) ?? [] { out.append(c["text"] as? String ?? "") } }
            }
        }
        return out
    }

    /// 64 KB of TABs on one line: web-text's trailing-blank trim was quadratic (45 s).
    func testSixtyFourKilobytesOfTabsOnOneLine() throws {
        try write([UInt8](repeating: 0x09, count: 65_536), "tabs.txt")
        let r = try lint()
        assertCleanSeedLinted(r)
        // Nothing in it is a form: the file is reported as not checked, at its first line.
        let d = r.diagnostics("tabs.txt")
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["unrecognized-document"], "\(d)")
        XCTAssertTrue((d.first?["message"] as? String)?.contains("未识别出任何资金表、指标表或台账表") == true, "\(d)")
    }

    /// Seed 000 followed, without a blank line, by 1 MB of narrative lines: each line went onto
    /// the last cell with `+=`, recompacting the whole cell every time (131 s).
    func testSeedFollowedByAMegabyteOfNarrative() throws {
        let filler = "本年度项目资金严格按照预算执行，资金使用规范，未发现挤占挪用情况，绩效目标基本完成。\n"
        let count = 1_048_576 / filler.utf8.count
        var bytes = try seedBytes("000")
        bytes += Array(String(repeating: filler, count: count).utf8)
        try write(bytes, "narrative.txt")
        let r = try lint()
        assertCleanSeedLinted(r)
        // Without a blank line the narrative continues the last cell (总分's 得分), as Word text
        // defines the layout, so that score no longer reads as a number: the same two findings
        // as before the fix, which took 131 s to give them.
        XCTAssertEqual(r.diagnostics("narrative.txt").map { $0["ruleId"] as? String }, ["execution-rate", "score-exceeds-weight"])
        // Every narrative line is read (as continuation lines of the last cell).
        let all = texts(try dump("narrative.txt")).joined(separator: "\n")
        XCTAssertEqual(all.components(separatedBy: "未发现挤占挪用情况").count - 1, count)
    }

    /// 20,000 merged-cell heading groups inside an indicator table: the look-ahead for the next
    /// TAB group re-scanned all following groups per group (> 300 s).
    func testTwentyThousandMergedCellHeadings() throws {
        let header = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
        let row = ["产出指标（50分）", "数量指标", "培训人数", "≥100人", "120人", "10", "12", "无"]
        var lines = ["项目支出绩效自评表", ""] + header.map { "\t" + $0 } + [""] + row.map { "\t" + $0 } + [""]
        let k = 20_000
        for _ in 0..<k { lines += ["产出指标", ""] }
        lines += row.map { "\t" + $0 } + [""]
        try write(Array(lines.joined(separator: "\n").utf8), "heads.txt")
        let r = try lint()
        assertCleanSeedLinted(r)
        // Both rows score 12 of 10.
        XCTAssertEqual(r.diagnostics("heads.txt").filter { $0["ruleId"] as? String == "score-exceeds-weight" }.count, 2)
        // Every heading group is read, as a row of the table (a merged cell's text).
        XCTAssertEqual(texts(try dump("heads.txt")).filter { $0 == "产出指标" }.count, k)
    }

    /// 20,000 one-cell paragraphs of a funding table (layout 1) and a sheet of 20,000 cells on one
    /// line (layout 4): the cell stream is read and cut in one pass.
    func testLongCellStreams() throws {
        var paragraphs = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]
        var sheet = paragraphs
        for i in 0..<3_333 {
            let values = ["年度资金总额", "\(i).00", "\(i).00", "\(i).00", "10", "100.00%", "10"]
            paragraphs += values
            sheet += values
        }
        try write(Array(paragraphs.joined(separator: "\n\n").utf8), "paragraphs.txt")
        try write(Array(sheet.joined(separator: " ").utf8), "sheet.txt")
        let r = try lint()
        assertCleanSeedLinted(r)
        for name in ["paragraphs.txt", "sheet.txt"] {
            let cells = texts(try dump(name))
            XCTAssertEqual(cells.filter { $0 == "年度资金总额" }.count, 3_333, name)
            XCTAssertEqual(cells.count, 6 + 3_333 * 7, name)
        }
    }
}

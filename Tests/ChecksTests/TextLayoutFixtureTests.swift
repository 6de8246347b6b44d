import Checks
@testable import Core
import Foundation
import XCTest

/// Seed 000's form (its funding block and two indicator groups) printed in every text layout
/// auditlint reads, by Tests/CoreTests/Fixtures/layouts/make_layouts.py. Each layout must read
/// into the rows of the TAB layout of the same form, give the same findings, and place an
/// injected defect (one score raised above its weight) at its line.
final class TextLayoutFixtureTests: XCTestCase {
    static let dir = TestSupport.root.appendingPathComponent("Tests/CoreTests/Fixtures/layouts")

    /// Layout file → whether its reader keeps the row boundaries.
    static let layouts: [(name: String, rowsKnown: Bool)] = [
        ("l1-cell-paragraphs", false),
        ("l2-web-cells-no-row-ends", false),
        ("l3-pipes-no-leading", true),
        ("l4-sheet-one-line", false),
        ("l5-pipes-wrapped", true),
    ]

    private func path(_ name: String) -> String { Self.dir.appendingPathComponent(name).path }

    private func report(_ name: String) throws -> Report {
        try ReportLoader.report(from: Data(contentsOf: Self.dir.appendingPathComponent(name)), path: name)
    }

    /// The non-empty cell texts (whitespace removed) of every table row from the funding header on.
    private func rows(_ report: Report) -> [[String]] {
        var out: [[String]] = []
        for t in report.document.tables {
            for r in t.rows {
                let texts = r.cells.map(\.compact).filter { !$0.isEmpty }
                if !texts.isEmpty { out.append(texts) }
            }
        }
        guard let start = out.firstIndex(where: { $0.first == "年初预算数" || $0.first == "年度资金总额" }) else { return out }
        return Array(out[start...])
    }

    private func manifest() throws -> [String: Any] {
        let data = try Data(contentsOf: Self.dir.appendingPathComponent("manifest.json"))
        return try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    func testTheTabFormReadsTheFormRows() throws {
        let expected = try XCTUnwrap(manifest()["rows"] as? [[String]])
        XCTAssertEqual(rows(try report("form.tab.txt")), expected)
    }

    func testEveryLayoutReadsIntoTheRowsOfTheTabForm() throws {
        let reference = rows(try report("form.tab.txt"))
        XCTAssertEqual(reference.count, 18)
        for (name, _) in Self.layouts {
            var expected = reference
            let got = rows(try report(name + ".txt"))
            if name == "l5-pipes-wrapped" {
                // The funding header is a plain line without numbers, which PDF text keeps as a
                // paragraph (as in seed 002); its values still follow the standard column order.
                expected.removeFirst()
                let paragraphs = try report(name + ".txt").document.paragraphs.map(\.text)
                XCTAssertTrue(paragraphs.contains("年初预算数 全年预算数 全年执行数 分值 执行率 得分"), "\(paragraphs)")
            }
            XCTAssertEqual(got, expected, name)
        }
    }

    func testStreamLayoutsAreMarkedAsHavingLostTheirRows() throws {
        for (name, rowsKnown) in Self.layouts {
            let doc = try ReaderRegistry().readText(Data(contentsOf: Self.dir.appendingPathComponent(name + ".txt")), path: name)
            let streams = doc.tables.filter { !$0.rowsKnown }
            XCTAssertEqual(streams.isEmpty, rowsKnown, name)
            if !rowsKnown {
                // The reader keeps the stream in one row; the recognizer cuts it.
                XCTAssertEqual(streams.count, 1, name)
                XCTAssertEqual(streams.first?.rows.count, 1, name)
            }
        }
    }

    /// The model keeps the mark through `auditlint dump` and back; tables with known rows do not print it.
    func testRowsKnownIsEncodedOnlyWhenFalse() throws {
        for (name, rowsKnown) in Self.layouts + [("form.tab", true)] {
            let r = try report(name + ".txt")
            let json = String(decoding: try ModelFile.encode(r), as: UTF8.self)
            XCTAssertEqual(json.contains("\"rowsKnown\""), !rowsKnown, name)
            let back = try ModelFile.decode(Data(json.utf8), path: name + ".txt")
            XCTAssertEqual(back.document.tables.map(\.rowsKnown), r.document.tables.map(\.rowsKnown), name)
            XCTAssertEqual(back.document, r.document, name)
        }
    }

    func testEveryLayoutGivesTheFindingsOfTheTabForm() {
        let engine = TestSupport.engine()
        let reference = engine.lint(path: path("form.tab.txt")).diagnostics
        XCTAssertEqual(Set(reference.map(\.ruleId)), ["execution-rate", "sum-mismatch"])
        for (name, _) in Self.layouts {
            let got = engine.lint(path: path(name + ".txt")).diagnostics
            XCTAssertEqual(got.map(\.ruleId), reference.map(\.ruleId), name)
            XCTAssertEqual(got.map(\.message), reference.map(\.message), name)
        }
    }

    func testAnInjectedDefectIsFoundAtItsLineInEveryLayout() throws {
        let lines = try XCTUnwrap(manifest()["defectLine"] as? [String: Int])
        let engine = TestSupport.engine()
        for name in ["form.tab"] + Self.layouts.map(\.name) {
            let clean = engine.lint(path: path(name + ".txt")).diagnostics
            XCTAssertFalse(clean.contains { $0.ruleId == "score-exceeds-weight" }, name)
            let found = engine.lint(path: path(name + "-defect.txt")).diagnostics.filter { $0.ruleId == "score-exceeds-weight" }
            XCTAssertEqual(found.count, 1, name)
            XCTAssertEqual(found.first?.location.line, lines[name + "-defect.txt"], name)
            XCTAssertTrue(found.first?.message.contains("新增百亿企业数量") == true, "\(found)")
        }
    }

    /// Prose wrapped over lines, a funding block in TAB cells and pipe rows, in one file.
    func testAMixedFileReadsEveryPart() throws {
        let r = try report("mixed.txt")
        XCTAssertEqual(r.document.format, "markdown")
        let paragraphs = r.document.paragraphs.map(\.text)
        for p in ["一、部门基本情况：本部门负责全省工业和信息化工作，", "年度预算执行总体平稳。", "二、绩效指标完成情况如下表，", "提高资金使用效益。"] {
            XCTAssertTrue(paragraphs.contains(p), "\(p) in \(paragraphs)")
        }
        let form = try XCTUnwrap(r.forms.first)
        XCTAssertEqual(r.forms.count, 1)
        let funding = try XCTUnwrap(form.funding)
        XCTAssertEqual(funding.initialBudget?.text, "73,360.55")
        XCTAssertEqual(funding.score?.text, "9.00")
        let indicators = try XCTUnwrap(form.indicators)
        XCTAssertEqual(indicators.rows.count, 14)
        XCTAssertEqual(indicators.groups.map(\.name), ["产出指标", "满意度指标"])
        XCTAssertEqual(indicators.total?.score?.text, "96.4")
        XCTAssertEqual(rows(r), rows(try report("form.tab.txt")))
    }
}

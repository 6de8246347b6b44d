import Core
import Foundation
import XCTest

/// The text layout readers and the recognizer on the real seed reports in
/// Examples/seeds (layouts described in Examples/seeds/FINDINGS.md).
final class TextReaderTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    private static let seedNames = [
        "000": "000_3870ed54750f2314.txt", "001": "001_8322ac4f40ca5a9f.txt", "002": "002_656a67db822e340c.txt",
        "003": "003_6aed364f55934feb.txt", "004": "004_24ed7825f8eb781d.txt",
    ]

    private func seedText(_ id: String) throws -> String {
        let url = Self.root.appendingPathComponent("Examples/seeds").appendingPathComponent(Self.seedNames[id]!)
        return try String(contentsOf: url, encoding: .utf8)
    }

    private func lines(_ text: String) -> [Substring] {
        text.split(separator: "\n", omittingEmptySubsequences: false)
    }

    /// The table row that starts at `line`, with its table.
    private func row(at line: Int, in doc: Document, file: StaticString = #filePath, testLine: UInt = #line) throws -> (table: Table, row: Row) {
        for t in doc.tables {
            if let r = t.rows.first(where: { $0.location.line == line }) { return (t, r) }
        }
        XCTFail("no row starts at line \(line)", file: file, line: testLine)
        throw XCTSkip("no row at line \(line)")
    }

    private func texts(_ r: Row) -> [String] { r.cells.map(\.text) }
    private func cellLines(_ r: Row) -> [Int?] { r.cells.map(\.location.line) }

    // MARK: - Layout choice

    func testEachSeedIsReadInItsLayout() throws {
        let expected = ["000": "tab-cells", "001": "tab-cells", "002": "pdf-text", "003": "tab-cells", "004": "markdown"]
        for (id, format) in expected {
            let doc = try ReaderRegistry().readText(Data(try seedText(id).utf8), path: id)
            XCTAssertEqual(doc.format, format, "seed \(id)")
            XCTAssertEqual(doc.encoding, "UTF-8", "seed \(id)")
            XCTAssertEqual(WebTextReader().score(lines(try seedText(id))), 0, "web-text must not claim seed \(id)")
        }
    }

    // MARK: - TabCellReader (seed 000)

    func testTabCellsFundingRow() throws {
        let doc = TabCellReader().read(text: try seedText("000"), path: "000.txt")
        XCTAssertEqual(doc.format, "tab-cells")
        XCTAssertEqual(doc.paragraphs.prefix(2).map(\.text), ["附表2", "2024年度部门整体支出绩效评价表"])
        let (table, r) = try row(at: 24, in: doc)
        XCTAssertEqual(table.index, 1)
        XCTAssertEqual(texts(r), ["", "年度资金总额", "73,360.55 ", "108,535.97 ", "104,092.39 ", "10", "95.91%", "9.00 "])
        XCTAssertEqual(cellLines(r), [24, 25, 26, 27, 28, 29, 30, 31])
        XCTAssertEqual(r.cells[2].location.column, 2, "the column after the TAB")
        XCTAssertEqual(r.cells[2].location.table, 1)
        XCTAssertEqual(r.cells[2].location.row, 4)
        XCTAssertEqual(r.cells[2].location.cell, 3)
        XCTAssertEqual(r.cells[7].location.display, "000.txt:31:2")
    }

    func testTabCellsKeepMergedHeadingAsRow() throws {
        let doc = TabCellReader().read(text: try seedText("000"), path: "000.txt")
        let (table, r) = try row(at: 299, in: doc)
        XCTAssertEqual(table.index, 1, "the heading stays inside the indicator table")
        XCTAssertEqual(texts(r), ["产出指标（50分）"])
        XCTAssertEqual(r.cells[0].location.column, 1)
        XCTAssertFalse(doc.paragraphs.contains { $0.text.contains("产出指标") }, "no heading text leaks into the narrative")
        // A wrapped cell keeps its line break: "绩效\n目标" heads the indicator header row.
        let header = try row(at: 111, in: doc).row
        XCTAssertEqual(texts(header), ["绩效\n目标", "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"])
        XCTAssertEqual(texts(try row(at: 991, in: doc).row), ["总分", "100", "96.4"])
    }

    // MARK: - MarkdownReader (seed 004)

    func testMarkdownTabRowWithWeight() throws {
        let doc = MarkdownReader().read(text: try seedText("004"), path: "004.txt")
        XCTAssertEqual(doc.format, "markdown")
        let r = try row(at: 648, in: doc).row
        XCTAssertEqual(r.cells.count, 16)
        XCTAssertEqual(Array(texts(r)[4...11]), ["效益指标", "社会效益指标", "无", "无", "无", "无", "无", "6.00"])
        XCTAssertEqual(r.cells[11].location.line, 648)
        XCTAssertEqual(r.cells[11].location.column, 27, "column of the 6.00 cell in characters")
        XCTAssertEqual(r.cells[11].location.cell, 12)
    }

    func testMarkdownHeadingsAreParagraphsWithLevel() throws {
        let doc = MarkdownReader().read(text: try seedText("004"), path: "004.txt")
        let headings = doc.paragraphs.filter { $0.headingLevel != nil }
        func heading(_ line: Int) -> Paragraph? { headings.first { $0.location.line == line } }
        XCTAssertEqual(heading(7)?.text, "目 录")
        XCTAssertEqual(heading(7)?.headingLevel, 1)
        XCTAssertEqual(heading(36)?.text, "一、部门基本概况")
        XCTAssertEqual(heading(36)?.headingLevel, 2)
        XCTAssertEqual(heading(38)?.headingLevel, 3)
        XCTAssertEqual(heading(74)?.text, "(二) 机构设置", "bold markers are stripped")
        XCTAssertEqual(heading(111)?.headingLevel, 4)
        XCTAssertEqual(heading(151)?.text, "2024年部门收支总体情况表")
        XCTAssertNil(doc.paragraphs.first { $0.location.line == 640 }?.headingLevel, "body text has no level")
    }

    // MARK: - PdfTextReader (seed 002)

    func testPdfTextAppendsWrappedTail() throws {
        let doc = PdfTextReader().read(text: try seedText("002"), path: "002.txt")
        XCTAssertEqual(doc.format, "pdf-text")
        let r = try row(at: 1074, in: doc).row
        XCTAssertEqual(texts(r), ["年度资金总额", "428.73", "334.9", "78.92", "10", "23.57%", "2.36"])
        XCTAssertEqual(cellLines(r), [1074, 1074, 1074, 1074, 1074, 1075, 1076])
        XCTAssertEqual(r.cells.map(\.location.column), [1, 8, 15, 21, 27, 1, 3])
    }

    func testPdfTextSourceRows() throws {
        let doc = PdfTextReader().read(text: try seedText("002"), path: "002.txt")
        XCTAssertEqual(texts(try row(at: 1078, in: doc).row), ["其中：当年财政拨款", "175.98", "82.12", "72.12"])
        XCTAssertEqual(texts(try row(at: 1079, in: doc).row), ["上年结转资金", "0", "0", "0"])
        XCTAssertEqual(texts(try row(at: 1080, in: doc).row), ["其他资金", "252.78", "252.78", "6.8"])
        XCTAssertTrue(doc.paragraphs.contains { $0.location.line == 1072 && $0.text == "执行率 自评得分" })
    }

    // MARK: - WebTextReader

    private let webExample = "年度资金总额 |\n1397.90 |\n1397.90 |\n1389.3 |\n10 |\n99.3% |\n10 |\n||"

    func testWebTextExampleRow() throws {
        let doc = WebTextReader().read(text: webExample, path: "web.txt")
        XCTAssertEqual(doc.format, "web-text")
        XCTAssertEqual(doc.tables.count, 1)
        let r = try XCTUnwrap(doc.tables.first?.rows.first)
        XCTAssertEqual(texts(r), ["年度资金总额", "1397.90", "1397.90", "1389.3", "10", "99.3%", "10"])
        XCTAssertEqual(cellLines(r), [1, 2, 3, 4, 5, 6, 7])
        XCTAssertEqual(r.cells.map(\.location.column), Array(repeating: 1, count: 7))
        XCTAssertEqual(r.cells.map(\.location.cell), Array(1...7))
        XCTAssertEqual(r.location.line, 1)
        XCTAssertEqual(WebTextReader().score(lines(webExample)), 5)
    }

    func testWebTextRowsParagraphsAndEmptyCells() throws {
        let text = """
        2024年度部门整体支出绩效自评表
        单位 |
         |
        ||
        项目 |
        |
        金额 |
        |||

        说明：以上为万元。
        其他资金 |
        7.5 |
        ||
        """
        let doc = WebTextReader().read(text: text, path: "web.txt")
        XCTAssertEqual(doc.paragraphs.map(\.text), ["2024年度部门整体支出绩效自评表", "说明：以上为万元。"])
        XCTAssertEqual(doc.paragraphs.map(\.location.line), [1, 10])
        XCTAssertEqual(doc.tables.count, 2, "a paragraph ends the table")
        XCTAssertEqual(doc.tables[0].rows.map(texts), [["单位", ""], ["项目", "", "金额"]])
        XCTAssertEqual(doc.tables[0].rows.map(\.location.line), [2, 5])
        XCTAssertEqual(doc.tables[0].rows[1].location.row, 2)
        XCTAssertEqual(doc.tables[1].rows.map(texts), [["其他资金", "7.5"]])
        XCTAssertEqual(doc.tables[1].index, 2)
    }

    func testWebTextWrappedCellStaysInItsRow() throws {
        let text = "年度资金总额 |\n全年\n预算数 |\n10 |\n||\n"
        let doc = WebTextReader().read(text: text, path: "web.txt")
        XCTAssertTrue(doc.paragraphs.isEmpty)
        let r = try XCTUnwrap(doc.tables.first?.rows.first)
        XCTAssertEqual(texts(r), ["年度资金总额", "全年\n预算数", "10"])
        XCTAssertEqual(cellLines(r), [1, 2, 4])
    }

    func testWebTextScoresZeroOnOtherLayouts() {
        let markdownPipes = "| 项目 | 金额 |\n|---|---|\n| 基本支出 | 10 |\n| 项目支出 | 20 |\n| 合计 | 30 |\n"
        XCTAssertEqual(WebTextReader().score(lines(markdownPipes)), 0, "Markdown pipe rows start with a pipe")
        let cellsWithoutRowEnds = "a |\nb |\nc |\nd |\ne |\n"
        XCTAssertEqual(WebTextReader().score(lines(cellsWithoutRowEnds)), 0, "no pipe-only row terminator")
        XCTAssertEqual(WebTextReader().score(lines("||\n||\n")), 0, "no cells")
        // The registry picks it for its own layout and not for a Markdown pipe table.
        XCTAssertEqual(try ReaderRegistry().readText(Data(webExample.utf8), path: "w.txt").format, "web-text")
        XCTAssertEqual(try ReaderRegistry().readText(Data(markdownPipes.utf8), path: "m.md").format, "markdown")
    }

    // MARK: - Recognizer

    private func report(_ id: String) throws -> Report {
        Recognizer().recognize(try ReaderRegistry().document(from: Data(try seedText(id).utf8), path: id))
    }

    func testSeed000FundingBlock() throws {
        let r = try report("000")
        XCTAssertEqual(r.forms.count, 1)
        let form = try XCTUnwrap(r.forms.first)
        XCTAssertEqual(form.kind, .overall)
        XCTAssertEqual(form.title, "2024年度部门整体支出绩效评价表")
        let f = try XCTUnwrap(form.funding)
        XCTAssertEqual(f.location.line, 25)
        XCTAssertEqual([f.initialBudget, f.budget, f.executed, f.weight, f.rate, f.score].map { $0?.compact },
                       ["73,360.55", "108,535.97", "104,092.39", "10", "95.91%", "9.00"])
        XCTAssertEqual(f.score?.location.line, 31)
        XCTAssertEqual(f.incomeItems.map(\.label), ["一般公共预算", "政府性基金拨款", "纳入专户管理的非税收入拨款", "其他资金"])
        XCTAssertEqual(f.incomeItems.map { $0.value?.compact }, ["85,198.38", nil, "16,148.65", "7,188.94"])
        XCTAssertEqual(f.expenditureItems.map(\.label), ["基本支出", "项目支出"])
        XCTAssertEqual(f.expenditureItems.map { $0.value?.compact }, ["63,114.68", "40,977.71"])
        XCTAssertEqual(f.expenditureItems.map { $0.value?.location.line }, [41, 47])
        XCTAssertTrue(f.sources.isEmpty, "an overall form has no source-of-funds rows")
    }

    func testSeed000IndicatorTable() throws {
        let ind = try XCTUnwrap(try report("000").forms.first?.indicators)
        XCTAssertTrue(ind.hasActual)
        XCTAssertTrue(ind.hasScore)
        XCTAssertEqual(ind.groups.map(\.name), ["产出指标", "效益指标", "满意度指标"])
        XCTAssertEqual(ind.groups.map { $0.weight?.compact }, ["50", "30", "10"])
        XCTAssertEqual(ind.rows.count, 51)
        XCTAssertEqual(ind.total?.weight?.compact, "100")
        XCTAssertEqual(ind.total?.score?.compact, "96.4")
        XCTAssertEqual(ind.total?.location.line, 991)

        let first = try XCTUnwrap(ind.rows.first)
        XCTAssertEqual(first.group, 0)
        XCTAssertEqual(first.level2, "数量指标")
        XCTAssertEqual(first.name.compact, "全省新增规模以上工业企业数量")
        XCTAssertEqual([first.target, first.actual, first.weight, first.score].map { $0?.compact }, ["≥1000家", "1585家", "1", "1"])

        // The four rows scored below their weight (FINDINGS.md) carry their notes.
        let below = ind.rows.filter { $0.score?.compact != $0.weight?.compact }
        XCTAssertEqual(below.map(\.name.compact), ["新增碳减排标杆企业数量", "年度内各项工作按计划完成", "资产配置数量控制", "工业智能化、数字化发展情况"])
        XCTAssertEqual(below.map { $0.score?.compact }, ["0.5", "2.4", "0.5", "1"])
        XCTAssertTrue(below.allSatisfy { !($0.note?.isEmpty ?? true) })

        // Σ weights per group equals the heading weight.
        for (g, expected) in [(0, 50), (1, 30), (2, 10)] {
            let sum = ind.rows.filter { $0.group == g }.compactMap { $0.weight?.number?.value }.reduce(0, +)
            XCTAssertEqual(sum, Decimal(expected), "group \(g)")
        }
        XCTAssertEqual(ind.rows.filter { $0.group == 2 }.map(\.level2), ["服务对象满意度指标", "服务对象满意度指标", "服务对象满意度指标"])
    }

    func testSeed001HasTwentyOneForms() throws {
        let forms = try report("001").forms
        XCTAssertEqual(forms.count, 21)
        XCTAssertEqual(forms.first?.kind, .baseData)
        XCTAssertEqual(forms.dropFirst().first?.kind, .overall)
        XCTAssertEqual(forms.dropFirst(2).map(\.kind), Array(repeating: FormKind.project, count: 19))
        // The funding score printed as "100%" (line 253) is recognised as the score.
        let overall = try XCTUnwrap(forms.dropFirst().first?.funding)
        XCTAssertEqual(overall.score?.compact, "100%")
        XCTAssertEqual(overall.score?.location.line, 253)
    }

    func testSeed002ProjectSources() throws {
        let form = try XCTUnwrap(try report("002").forms.first { $0.funding?.location.line == 1074 })
        let f = try XCTUnwrap(form.funding)
        XCTAssertEqual([f.initialBudget, f.budget, f.executed, f.weight, f.rate, f.score].map { $0?.compact },
                       ["428.73", "334.9", "78.92", "10", "23.57%", "2.36"])
        XCTAssertEqual(f.sources.map(\.label), ["当年财政拨款", "上年结转资金", "其他资金"])
        XCTAssertEqual(f.sources.map { $0.initialBudget?.compact }, ["175.98", "0", "252.78"])
        XCTAssertEqual(f.sources.map { $0.executed?.compact }, ["72.12", "0", "6.8"])
        XCTAssertEqual(f.sources.first?.location.line, 1078)
    }

    func testSeed004BasicExpenditureLedgerAcrossPages() throws {
        let forms = try report("004").forms
        let ledgers = forms.flatMap(\.ledgers).filter { $0.rows.contains { $0.code == "30299" } }
        XCTAssertEqual(ledgers.count, 1, "the page-split table is one ledger")
        let l = try XCTUnwrap(ledgers.first)
        XCTAssertEqual(l.title, "2024年一般公共预算基本支出情况表")
        XCTAssertEqual(l.columns, ["总计", "人员类", "公用经费"])
        XCTAssertEqual(Set(l.rows.compactMap(\.location.table)), [7, 8, 9], "rows come from three page tables")
        let leaf = try XCTUnwrap(l.rows.first { $0.code == "30299" })
        XCTAssertEqual(leaf.label, "其他商品和服务支出")
        XCTAssertEqual(leaf.location.line, 322)
        XCTAssertEqual(leaf.values.map { $0?.compact }, ["348.76", "", "348.76"])
        let parent = try XCTUnwrap(leaf.parent)
        XCTAssertEqual(l.rows[parent].code, "302")
        XCTAssertEqual(l.rows[parent].values.first??.compact, "494.25")
        // 302 = Σ 302xx across the page break.
        let children = l.rows.filter { $0.parent == parent }
        XCTAssertEqual(children.count, 15)
        XCTAssertEqual(children.compactMap { $0.values.first??.number?.value }.reduce(0, +), Decimal(string: "494.25"))
        let total = try XCTUnwrap(l.rows.first)
        XCTAssertTrue(total.isTotal)
        XCTAssertEqual(total.values.map { $0?.compact }, ["7,020.74", "6,526.49", "494.25"])
        XCTAssertEqual(l.rows.first { $0.code == "30101" }.flatMap { $0.parent.map { l.rows[$0].code } }, "301")
    }
}

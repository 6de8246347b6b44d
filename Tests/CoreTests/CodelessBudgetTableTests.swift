import XCTest
@testable import Core

/// Budget tables printed without codes, on documents built here in the shapes the corpus prints them
/// (Shanghai's and Jiangsu's 收支总表, 三公 tables, empty tables): each is one budget form, its rows kept
/// flat (no parent, no total), so no sum is checked on them.
final class CodelessBudgetTableTests: XCTestCase {
    let file = "b.pdf"

    func para(_ text: String, line: Int) -> Block {
        .paragraph(Paragraph(text: text, location: SourceLocation(file: file, line: line, column: 1)))
    }

    func table(_ index: Int, line: Int, _ rows: [[String]]) -> Block {
        let built = rows.enumerated().map { r, texts in
            Row(cells: texts.enumerated().map { c, t in Cell(text: t, location: SourceLocation(file: file, line: line + r, column: c * 10 + 1)) },
                location: SourceLocation(file: file, line: line + r, column: 1))
        }
        return .table(Table(index: index, rows: built, location: SourceLocation(file: file, line: line, column: 1)))
    }

    func forms(_ blocks: [Block]) -> [Form] {
        Recognizer().recognize(Document(path: file, format: "pdf", blocks: blocks)).forms
    }

    func assertFlat(_ form: Form, file: StaticString = #filePath, line: UInt = #line) {
        for ledger in form.ledgers {
            XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil && !$0.isTotal && !$0.partial }, "rows of 「\(form.title)」 are flat", file: file, line: line)
        }
    }

    func testTwoSidedTableIsOneFormWithALedgerPerHalf() throws {
        let found = forms([
            para("2025年部门财务收支预算总表", line: 1),
            para("编制部门：某局 单位：元", line: 2),
            table(1, line: 3, [
                ["本年收入\n项目", "本年收入\n预算数", "本年支出\n项目", "本年支出\n预算数"],
                ["一、财政拨款收入", "91,016,775.35", "一、一般公共服务支出", "82,096,797.42"],
                ["1. 一般公共预算资金", "91,016,775.35", "二、社会保障和就业支出", "8,919,977.93"],
                ["2. 政府性基金", "", "", ""],
                ["二、事业收入", "", "", ""],
                ["", "", "", ""],
                ["收入总计", "91,016,775.35", "支出总计", "91,016,775.35"],
            ]),
        ])
        let form = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(form.kind, .budget)
        XCTAssertEqual(form.ledgers.map(\.side), [.income, .expenditure])
        XCTAssertEqual(form.ledgers[0].rows.map(\.label), ["一、财政拨款收入", "1.一般公共预算资金", "2.政府性基金", "二、事业收入", "收入总计"])
        XCTAssertEqual(form.ledgers[1].rows.map(\.label), ["一、一般公共服务支出", "二、社会保障和就业支出", "支出总计"])
        XCTAssertEqual(form.ledgers[1].rows[2].values.first??.text, "91,016,775.35")
        XCTAssertEqual(form.ledgers[0].unit, "元")
        assertFlat(form)
    }

    /// Jiangsu's 收支预算总表: the 支出 half by 功能分类 beside the same by 用途, a label cut over two
    /// lines in a narrow cell, and a total printed in the first amount column of its half.
    func testThreeLabelColumnsAndAWrappedLabel() throws {
        let found = forms([
            para("收支预算总表", line: 1),
            table(1, line: 2, [
                ["收入\n项目名称", "收入\n金额", "支出\n功能分类\n功能科目名称", "支出\n金额", "支出\n支出用途\n项目名称", "支出用途\n金额"],
                ["一、财政拨款", "37,188.34", "一、一般公共服务支出", "", "一、基本支出", "21,968.00"],
                ["", "", "七、文化旅游体育与传媒支", "", "", ""],
                ["", "", "出", "", "", ""],
                ["收入合计", "37,188.34", "", "支出合计", "", "37,188.34"],
            ]),
        ])
        let form = try XCTUnwrap(found.first)
        XCTAssertEqual(form.ledgers.map(\.side), [.income, .expenditure, .expenditure])
        XCTAssertEqual(form.ledgers[1].rows.map(\.label), ["一、一般公共服务支出", "七、文化旅游体育与传媒支出", "支出合计"])
        XCTAssertEqual(form.ledgers[2].rows.map(\.label), ["一、基本支出"])
        assertFlat(form)
    }

    func testThreePublicTableIsOneRowOfNamedAmounts() throws {
        let found = forms([
            para("2025年部门“三公”经费和机关运行经费预算表", line: 1),
            table(1, line: 2, [
                ["“三公”经费预算数\n合计", "“三公”经费预算数\n因公出国(境)费", "“三公”经费预算数\n公务接待费", "机关运行经费预算数"],
                ["867.50", "839.00", "28.50", "213.28"],
            ]),
            para("其他相关情况说明：2025年“三公”经费预算数为867.50万元，与2024年预算持平，主要原因是本部门严格控制各项支出。", line: 4),
        ])
        let form = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(form.ledgers.count, 1)
        XCTAssertEqual(form.ledgers[0].rows.count, 1)
        XCTAssertEqual(form.ledgers[0].rows[0].values.map { $0?.text }, ["867.50", "839.00", "28.50", "213.28"])
        assertFlat(form)
    }

    /// A sentence cut into cells that names 公务用车 twice is not a 三公 header.
    func testNarrativeCutIntoCellsIsNotAThreePublicTable() {
        let found = forms([
            para("2026年部门预算公开表", line: 1),
            table(1, line: 2, [
                ["3.公务用车购置及运行维护费：2026", "年安排公务用车"],
                ["本部门", "2026", "年没有使用政府性基金预算拨款安排的支"],
            ]),
        ])
        XCTAssertTrue(found.isEmpty, "\(found.map(\.title))")
    }

    func testTablePrintedEmptyIsAFormWithoutRows() throws {
        let found = forms([
            para("2025年部门政府性基金预算支出功能分类预算表", line: 1),
            table(1, line: 2, [["功能分类科目编码\n类 款 项", "功能分类科目名称", "合计", "基本支出", "项目支出"]]),
            para("合计", line: 3),
            para("注:本部门2025年无政府性基金预算财政拨款安排的预算，故本表为空表。", line: 4),
            para("一、收入支出决算总体情况说明：本年度收入支出总计 2995.39 万元，与上年相比减少 56.95 万元，下降 1.87%。", line: 5),
        ])
        let form = try XCTUnwrap(found.first)
        XCTAssertEqual(found.count, 1)
        XCTAssertEqual(form.ledgers.count, 1)
        XCTAssertEqual(form.ledgers[0].rows.count, 0)
    }

    /// A title in a table of contents, followed by the 说明's running text, is not an empty table.
    func testContentsLineFollowedByNarrativeIsNoForm() {
        let found = forms([
            para("十七、部门项目中期规划预算表", line: 1),
            para("昆明市审计局是昆明市人民政府组成部门，为正处级，主要职责是：主管全市审计工作，负责对财政收支和法律法规规定的财务收支进行审计监督。", line: 2),
            para("无", line: 3),
        ])
        XCTAssertTrue(found.isEmpty, "\(found.map(\.title))")
    }

    /// A table with amounts is not taken for an empty one, and an empty-table note in a table with
    /// data changes nothing.
    func testTableWithDataIsNotEmpty() throws {
        let found = forms([
            para("收入预算总表", line: 1),
            table(1, line: 2, [
                ["项目名称", "", "金额"],
                ["", "收入总计", "37,188.34"],
                ["", "小计", ""],
                ["", "", "37,188.34"],
                ["一般公共预算资金", "专项收入", ""],
            ]),
        ])
        let form = try XCTUnwrap(found.first)
        // The category column (一般公共预算资金) is not the label; 37,188.34 printed under 小计 is its amount.
        XCTAssertEqual(form.ledgers[0].rows.map(\.label), ["收入总计", "小计", "专项收入"])
        XCTAssertEqual(form.ledgers[0].rows[1].values.first??.text, "37,188.34")
        assertFlat(form)
    }

    /// The corpus's Putuo budget: both two-sided tables, the 三公 table and the two empty tables are
    /// forms, and the two halves of the 财政拨款收支总表 carry their 支出 columns.
    func testPutuoBudgetOnTheCorpus() throws {
        try PdfCorpusSupport.requirePdftotext()
        let report = try CorpusFormsManifestTests.report("govbudgetchecker/sh-putuo-zfb-2025-dept-budget.pdf")
        let byTitle = Dictionary(report.forms.map { ($0.title, $0) }, uniquingKeysWith: { a, _ in a })
        let overview = try XCTUnwrap(byTitle["2025年部门财政拨款收支预算总表"])
        XCTAssertEqual(overview.ledgers.map(\.side), [.income, .expenditure])
        XCTAssertEqual(overview.ledgers[1].columns.count, 4)
        XCTAssertEqual(overview.ledgers[1].rows.last?.label, "支出总计")
        XCTAssertEqual(try XCTUnwrap(byTitle["2025年部门国有资本经营预算支出功能分类预算表"]).ledgers.first?.rows.count, 0)
        XCTAssertEqual(try XCTUnwrap(byTitle["2025年部门“三公”经费和机关运行经费预算表"]).ledgers.first?.rows.first?.values.first??.text, "867.50")
        for form in report.forms where form.ledgers.contains(where: { $0.side != nil }) { assertFlat(form) }
    }
}

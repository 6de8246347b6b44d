import XCTest
@testable import Core

/// 基本支出 tables that print each 部门经济分类 line beside the 政府经济分类 it maps to (烟台's
/// 一般公共预算基本支出情况表, 西安's 明细表 按支出经济分类科目), long 明细表 titles, and ledgers whose
/// amounts were read into the wrong columns.
final class SecondClassificationLedgerTests: XCTestCase, SyntheticDocuments {

    /// The 烟台 layout: 类/款 of both classifications in columns of their own.
    private let yantai: [[String]] = [
        ["科目编码\n类", "科目编码\n款", "部门预算支出经济分类科目名称", "科目编码\n类", "科目编码\n款", "政府预算支出经济分类科目名称", "小计", "人员支出", "日常公用支出"],
        ["", "", "合计", "", "", "", "2,772.24", "2,536.91", "235.33"],
        ["301", "", "工资福利支出", "501", "", "机关工资福利支出", "2,536.91", "2,536.91", ""],
        ["301", "01", "基本工资", "501", "01", "工资奖金津补贴", "1,000.00", "1,000.00", ""],
        ["301", "08", "机关事业单位基本养老保险缴费", "501", "02", "社会保障缴费", "1,536.91", "1,536.91", ""],
        ["302", "", "商品和服务支出", "502", "", "机关商品和服务支出", "235.33", "", "235.33"],
        ["302", "01", "办公费", "502", "01", "办公经费", "235.33", "", "235.33"],
    ]

    func testTheSecondClassificationIsSkippedAndTheAmountsStayInTheirColumns() throws {
        let ledger = try XCTUnwrap(Recognizer().recognize(document(yantai, title: "一般公共预算基本支出情况表")).forms.first?.ledgers.first)
        XCTAssertEqual(ledger.rows.map(\.code), [nil, "301", "30101", "30108", "302", "30201"])
        XCTAssertEqual(ledger.rows.map(\.label), ["合计", "工资福利支出", "基本工资", "机关事业单位基本养老保险缴费", "商品和服务支出", "办公费"])
        XCTAssertEqual(ledger.rows[3].values.map { $0?.text ?? "" }, ["1,536.91", "1,536.91"])
        XCTAssertEqual(ledger.rows.map(\.parent), [nil, nil, 1, 1, nil, 4])
        XCTAssertEqual(ledger.rows.first?.isTotal, true)
        XCTAssertEqual(ledger.columns, ["小计", "人员支出", "日常公用支出"])
    }

    /// The 西安 layout: 类 and 款 codes in two columns, the 政府 code and name beside the name; the
    /// 类 lines and the 合计 leave the 政府 cells blank.
    func testParentLinesWithBlankSecondClassificationCellsAlignWithTheirChildren() throws {
        let doc = document([
            ["部门经济科目编码", "部门经济科目编码", "部门经济科目名称", "政府经济科目编码", "政府经济科目名称", "合计", "人员经费支出", "公用经费支出", "备注"],
            ["", "", "合计", "", "", "300.00", "200.00", "100.00", ""],
            ["301", "", "工资福利支出", "", "", "200.00", "200.00", "", ""],
            ["", "30101", "基本工资", "50101", "工资奖金津补贴", "150.00", "150.00", "", ""],
            ["", "30102", "津贴补贴", "50101", "工资奖金津补贴", "50.00", "50.00", "", ""],
            ["302", "", "商品和服务支出", "", "", "100.00", "", "100.00", ""],
            ["", "30201", "办公费", "50201", "办公经费", "100.00", "", "100.00", ""],
        ], title: "部门综合预算一般公共预算支出明细表（按支出经济分类科目）")
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .budget, "a 明细表 title with a long bracketed qualifier starts a budget form")
        let ledger = try XCTUnwrap(form.ledgers.first)
        XCTAssertEqual(ledger.rows.map(\.code), [nil, "301", "30101", "30102", "302", "30201"])
        XCTAssertEqual(ledger.rows.map { $0.values.first??.text ?? "" }, ["300.00", "200.00", "150.00", "50.00", "100.00", "100.00"])
        XCTAssertEqual(ledger.rows.map(\.parent), [nil, nil, 1, 1, nil, 4])
        XCTAssertEqual(ledger.rows.first?.isTotal, true)
    }

    func testAnAmountFollowedByARemarkIsNotASecondClassification() {
        // "500" is a number like a 类 code, but what follows it is a remark and no amount comes after.
        let cells = ["30101", "基本工资", "500", "备注文字"].map { Cell(text: $0, location: SourceLocation(file: "t", line: 1)) }
        XCTAssertNil(CodedLedgerCollector.secondClassificationEnd(cells, after: 1))
        let pair = ["30101", "基本工资", "50101", "工资奖金津补贴", "442.38"].map { Cell(text: $0, location: SourceLocation(file: "t", line: 1)) }
        XCTAssertEqual(CodedLedgerCollector.secondClassificationEnd(pair, after: 1), 4)
    }

    func testTitlesWithALongBracketedQualifier() {
        XCTAssertEqual(FormTitle.match("部门综合预算一般公共预算基本支出明细表（按支出功能分类科目）")?.0, .budget)
        XCTAssertEqual(FormTitle.match("一般公共预算支出情况表（按功能分类科目）")?.0, .budget)
        // A sentence that ends in a bracket is still no title.
        XCTAssertNil(FormTitle.match("详见附表（按支出功能分类科目列示的明细）"))
    }

    /// A page whose columns were placed differently puts a line's amounts one column to the
    /// right (its 小计 blank): the ledger is kept, but no parent or total in it is checked.
    func testALineWithItsTotalColumnBlankMakesTheLedgerUnchecked() throws {
        var rows = yantai
        rows[5] = ["302", "", "商品和服务支出", "502", "", "机关商品和服务支出", "", "235.33", "235.33"]
        let ledger = try XCTUnwrap(Recognizer().recognize(document(rows, title: "一般公共预算基本支出情况表")).forms.first?.ledgers.first)
        XCTAssertEqual(ledger.rows.count, 6)
        XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil && !$0.isTotal })
    }

    /// In a grid the names of a header read as a line of text (no 科目名称 cell to align them by)
    /// end with those of the columns no line fills, not with the last filled ones'.
    func testTrailingEmptyColumnsKeepTheirNamesInAGrid() throws {
        let doc = document([
            ["", "", "合计", "一般公共预算", "政府性基金预算", "上年结转"],
            ["", "合计", "30.00", "30.00", "", ""],
            ["301", "工资福利支出", "20.00", "20.00", "", ""],
            ["302", "商品和服务支出", "10.00", "10.00", "", ""],
        ], title: "基本支出预算情况表")
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertEqual(Array(ledger.columns.prefix(2)), ["合计", "一般公共预算"])
    }
}

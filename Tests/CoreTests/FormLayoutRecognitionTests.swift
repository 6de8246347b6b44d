import XCTest
@testable import Core

/// Forms that print their parts one under the other (a 自评表's funding block, its 年度总体目标
/// text and its indicator table) and indicators written as free text in one cell (绩效目标表):
/// recognised on small documents built here.
final class FormLayoutRecognitionTests: XCTestCase, SyntheticPdfWords {

    /// A 项目支出绩效自评表 page as the 国家信访局 决算 prints it: the 年度总体目标 sentences sit
    /// right above the indicator header, whose cells (and the first row's) are centred over
    /// two lines, each line overlapping the next by a third of its height.
    func selfEvaluationPage() -> [PdfWord] {
        var words = [w("示例项目绩效自评表", 150, 20)]
        // Funding header (two stacked lines) and rows.
        words += [w("年初预算数", 200, 60), w("全年预算数", 270, 60), w("全年执行数", 340, 60), w("分值", 410, 60), w("执行率", 450, 60), w("得分", 500, 60)]
        words += [w("年度资金总额：", 60, 80), w("100.00", 200, 80), w("100.00", 270, 80), w("90.00", 340, 80), w("10", 410, 80), w("90.00%", 450, 80), w("9", 500, 80)]
        words += [w("其中：财政拨款", 60, 100), w("100.00", 200, 100), w("100.00", 270, 100), w("90.00", 340, 100), w("--", 410, 100), w("--", 450, 100), w("--", 500, 100)]
        // 年度总体目标: running text in two columns.
        words += [w("年度总体目标", 20, 130), w("完成培训工作，提升队伍素质。", 60, 130), w("全年开展培训四期，效果良好。", 300, 130)]
        words += [w("做好挂职干部培训，学有所得。", 60, 144), w("培养锻炼干部一百余人。", 300, 144)]
        // Indicator header: one-line cells centred beside two-line ones (lines 7 pt apart, 10 pt tall).
        let y = 170.0
        words += [w("一级指", 20, y), w("年度指", 240, y), w("得", 400, y)]
        words += [w("二级指标", 80, y + 7), w("三级指标", 150, y + 7), w("实际完成值", 300, y + 7), w("分值", 370, y + 7)]
        words += [w("标", 25, y + 14), w("标值", 245, y + 14), w("分", 400, y + 14)]
        // First row: its labels on the line above its data line, overlapping it.
        words += [w("产出指标", 20, y + 30), w("数量指标", 80, y + 30), w("培训班次", 150, y + 30)]
        words += [w("≥4次", 240, y + 37), w("4次", 300, y + 37), w("20", 370, y + 37), w("20", 400, y + 37)]
        words += [w("培训人数", 150, y + 55), w("≥300人", 240, y + 55), w("366人", 300, y + 55), w("30", 370, y + 55), w("30", 400, y + 55)]
        words += [w("满意度指标", 20, y + 75), w("服务对象满意度", 80, y + 75), w("学员满意率", 150, y + 75), w("≥95%", 240, y + 75), w("98%", 300, y + 75), w("10", 370, y + 75), w("10", 400, y + 75)]
        words += [w("总分", 150, y + 95), w("60", 370, y + 95), w("60", 400, y + 95)]
        return words
    }

    func testRunningTextAboveAnIndicatorTableIsNotItsHeader() throws {
        let doc = PdfDocumentAssembler.document(pages: [PdfPage(number: 1, width: 600, height: 800, words: selfEvaluationPage())], path: "t.pdf")
        // The indicator table's header row holds the header words only, not the sentences above it.
        let header = try XCTUnwrap(doc.tables.flatMap(\.rows).first { $0.cells.contains { $0.compact.contains("三级指标") } })
        XCTAssertFalse(header.cells.contains { $0.text.contains("。") }, "\(header.cells.map(\.text))")
        XCTAssertTrue(header.cells.contains { $0.compact == "年度指标值" }, "\(header.cells.map(\.compact))")
        let report = Recognizer().recognize(doc)
        let form = try XCTUnwrap(report.forms.first)
        XCTAssertEqual(form.kind, .project)
        XCTAssertEqual(form.funding?.executed?.text, "90.00")
        XCTAssertEqual(form.funding?.sources.count, 1)
        let rows = try XCTUnwrap(form.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.compact), ["培训班次", "培训人数", "学员满意率"])
        XCTAssertEqual(rows.map { $0.target?.compact }, ["≥4次", "≥300人", "≥95%"])
        XCTAssertEqual(rows.map { $0.score?.compact }, ["20", "30", "10"])
        XCTAssertEqual(form.indicators?.total?.score?.text, "60")
    }

    // MARK: free-text indicators

    func testFreeTextGrammarReadsTheSemicolonVariant() {
        let items = IndicatorTextGrammar().items(in: "1、1-产出指标；11-数量指标；会议活动保障次数；实施周期指标值:\n每年≥20场；年度指标值:每年≥20场。2、1-产出指\n标；12 -质量指标；保障场地正常运行；实施周期指标值:≥99.5%；年度指标值:≥99.5%。")
        XCTAssertEqual(items.map(\.level1), ["产出指标", "产出指标"])
        XCTAssertEqual(items.map(\.level2), ["数量指标", "质量指标"])
        XCTAssertEqual(items.map(\.name), ["会议活动保障次数", "保障场地正常运行"])
        XCTAssertEqual(items.map(\.target), ["每年≥20场", "≥99.5%"])
    }

    func testFreeTextGrammarReadsTheCommaVariantWithFullWidthDashes() {
        let text = "1.1－产出指标，11－数量指标，项目专职环保员数量；实施周期指标值：≦核定人数，年度指标值：≦核定人数；2、1－产出指标，12－质量指标，专职环保员队伍管理规范化；实施周期指标值：考察是否符合规范，合规得满分。年度指标值：是；3、2－效益指标，22－社会效益，辖区内污染源巡查率；实施周期指标值：≥80%，年度指标值：≥80%;"
        let items = IndicatorTextGrammar().items(in: text)
        XCTAssertEqual(items.map(\.level1), ["产出指标", "产出指标", "效益指标"])
        XCTAssertEqual(items.map(\.level2), ["数量指标", "质量指标", "社会效益"])
        XCTAssertEqual(items.map(\.name), ["项目专职环保员数量", "专职环保员队伍管理规范化", "辖区内污染源巡查率"])
        XCTAssertEqual(items.map(\.target), ["≦核定人数", "是", "≥80%"])
    }

    func testFreeTextGrammarReadsItemsWithoutPeriodCycleOrEndMark() {
        // No 实施周期指标值, the last item without a closing mark, a 满意度 heading completed to its separator.
        let items = IndicatorTextGrammar().items(in: "1、3-满意度指标；31-服务对象满意度；受理服务满意度；年度指标值:≥95%2、4-成本指标；41-经济成本指标；人工成本控制率；年度指标值:≤1")
        XCTAssertEqual(items.map(\.level1), ["满意度指标", "成本指标"])
        XCTAssertEqual(items.map(\.name), ["受理服务满意度", "人工成本控制率"])
        XCTAssertEqual(items.map(\.target), ["≥95%", "≤1"])
        // Text that only mentions an indicator name holds no item.
        XCTAssertTrue(IndicatorTextGrammar().items(in: "本项目产出指标完成良好，满意度指标达到预期。").isEmpty)
    }

    func testFreeTextIndicatorsBecomeTheTargetsFormsRows() throws {
        let file = "g.txt"
        func cell(_ t: String, _ line: Int, _ c: Int) -> Cell { Cell(text: t, location: SourceLocation(file: file, line: line, column: c)) }
        func row(_ texts: [String], _ line: Int) -> Row { Row(cells: texts.enumerated().map { cell($1, line, $0 + 1) }, location: SourceLocation(file: file, line: line)) }
        // The indicator text of one project wraps over two rows of the table (as a PDF cuts it).
        let table = Table(index: 1, rows: [
            row(["项目名称", "总计", "绩效目标", "绩效指标"], 2),
            row(["热线运营项目", "12,000.00", "提升服务效能", "1、1-产出指标；12-质量指标；工单转派准确率；实施周期指标值:≥97%；年度指标值:≥97%。2、2-效益指"], 3),
            row(["", "", "", "标；22-社会效益；话务接通率；年度指标值:≥93%。"], 4),
        ], location: SourceLocation(file: file, line: 2))
        let doc = Document(path: file, format: "tab-cells", blocks: [
            .paragraph(Paragraph(text: "2026年项目支出绩效目标表", location: SourceLocation(file: file, line: 1))), .table(table)])
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .targets)
        let ind = try XCTUnwrap(form.indicators)
        XCTAssertEqual(ind.rows.map(\.name.text), ["工单转派准确率", "话务接通率"])
        XCTAssertEqual(ind.rows.map { $0.target?.text }, ["≥97%", "≥93%"])
        XCTAssertEqual(ind.groups.map(\.name), ["产出指标", "效益指标"])
        XCTAssertEqual(ind.rows.map(\.level2), ["质量指标", "社会效益"])
        XCTAssertEqual(ind.rows[0].location.line, 3)
        XCTAssertFalse(ind.hasScore)
    }
}

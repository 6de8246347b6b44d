import XCTest
@testable import Core

/// The recogniser on documents built here (no reader): form spans with their project names and
/// totals, the narrative as sentences with their section and heading, and the claims they make.
final class RecognizerTests: XCTestCase {
    let file = "r.txt"

    func para(_ text: String, line: Int, column: Int = 1) -> Block {
        .paragraph(Paragraph(text: text, location: SourceLocation(file: file, line: line, column: column)))
    }

    func table(_ index: Int, line: Int, _ rows: [[String]]) -> Block {
        let built = rows.enumerated().map { r, texts in
            Row(cells: texts.enumerated().map { c, t in Cell(text: t, location: SourceLocation(file: file, line: line + r, column: c * 10 + 1)) },
                location: SourceLocation(file: file, line: line + r, column: 1))
        }
        return .table(Table(index: index, rows: built, location: SourceLocation(file: file, line: line, column: 1)))
    }

    static let fundingHeader = ["项目资金（万元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]

    /// A unit's report with its overall form, then a project's report with its project form.
    func bundle(format: String = "tab-cells") -> Document {
        Document(path: file, format: format, blocks: [
            para("2024年度部门整体支出绩效自评报告", line: 1),
            para("一、产出指标完成情况", line: 2),
            para("该指标设置 50 分，自评得分 48 分。全年预算 100 万元，执行率 90%。", line: 3),
            para("2024年度部门整体支出绩效自评表", line: 4),
            table(1, line: 5, [Self.fundingHeader, ["", "年度资金总额", "100", "100", "90", "10", "90%", "9"],
                               ["总分", "100", "96"]]),
            para("以上为本单位整体支出绩效自评情况，各项指标完成良好，资金使用规范，未发现违规违纪问题，特此说明。", line: 8),
            para("业务工作经费项目绩效自评报告", line: 8),
            para("项目全年预算 20 万元。", line: 9),
            para("2024年度项目支出绩效自评表", line: 10),
            table(2, line: 11, [["项目支出名称", "业务工作经费"], Self.fundingHeader,
                                ["", "年度资金总额", "20", "20", "20", "10", "100%", "10"]]),
        ])
    }

    func testFormSpansHoldProjectNamesAndTotals() {
        let report = Recognizer().recognize(bundle())
        XCTAssertEqual(report.forms.map(\.kind), [.overall, .project])
        XCTAssertEqual(report.spans.count, 2)
        XCTAssertEqual(report.spans[0].start, DocumentPosition(block: 3))
        XCTAssertEqual(report.spans[0].end, report.spans[1].start)
        XCTAssertEqual(report.spans[1].start, DocumentPosition(block: 8))
        XCTAssertEqual(report.spans[1].end, DocumentPosition(block: 10))
        XCTAssertNil(report.spans[0].projectName)
        XCTAssertEqual(report.spans[1].projectName?.text, "业务工作经费")
        XCTAssertEqual(report.spans[1].projectName?.location.line, 11)
        // The raw "总分 | 100 | 96" row of the overall form, read where no indicator table holds it.
        XCTAssertEqual(report.spans[0].total?.score?.text, "96")
        XCTAssertEqual(report.spans[0].total?.location.line, 7)
        XCTAssertNil(report.spans[1].total)
        XCTAssertEqual(report.cellTexts(ofForm: 1).first, ["项目支出名称", "业务工作经费"])
    }

    func testNarrativeSentencesKnowTheirSectionHeadingAndForm() {
        let report = Recognizer().recognize(bundle())
        let texts = report.narrative.sentences.map(\.text)
        XCTAssertEqual(texts, ["2024年度部门整体支出绩效自评报告", "一、产出指标完成情况", "该指标设置 50 分，自评得分 48 分。",
                               "全年预算 100 万元，执行率 90%。", "2024年度部门整体支出绩效自评表",
                               "以上为本单位整体支出绩效自评情况，各项指标完成良好，资金使用规范，未发现违规违纪问题，特此说明。",
                               "业务工作经费项目绩效自评报告", "项目全年预算 20 万元。", "2024年度项目支出绩效自评表"])
        let narrative = report.narrative
        let budget = narrative.sentences[3]
        XCTAssertEqual(narrative.context(of: budget).section, "2024年度部门整体支出绩效自评报告")
        XCTAssertEqual(narrative.context(of: budget).heading, "一、产出指标完成情况")
        XCTAssertEqual(narrative.context(of: budget).headingIndicator, "产出指标")
        XCTAssertEqual(narrative.location(of: budget).line, 3)
        XCTAssertEqual(narrative.location(of: budget).column, 22, "the second sentence of line 3 begins at its 22nd character")
        XCTAssertEqual(narrative.position(of: budget), DocumentPosition(block: 2))
        XCTAssertEqual(budget.form, 0, "the unit's narrative introduces the overall form")
        let project = narrative.sentences[7]
        XCTAssertEqual(narrative.context(of: project).section, "业务工作经费项目绩效自评报告")
        XCTAssertNil(narrative.context(of: project).heading, "a new section starts without a heading")
        XCTAssertEqual(project.form, 1, "the project's narrative introduces the project form")
    }

    func testClaimsNameKindNumberPlaceAndForm() {
        let report = Recognizer().recognize(bundle())
        let claims = report.narrative.claims
        XCTAssertEqual(claims.map(\.kind), [.indicatorWeight("产出指标"), .indicatorScore("产出指标"), .budget, .rate, .budget])
        XCTAssertEqual(claims.map(\.number.text), ["50", "48", "100", "90%", "20"])
        XCTAssertEqual(claims.map(\.target), [0, 0, 0, 0, 1])
        XCTAssertEqual(claims.map { $0.location.line }, [3, 3, 3, 3, 9])
        // "全年预算 100 万元": the number is the 27th character of line 3.
        XCTAssertEqual(claims[2].location.column, 27)
        XCTAssertEqual(claims[2].phrase, "全年预算 100 万元")
        XCTAssertEqual(claims[4].subject, .other, "“项目全年预算” names a project, not the unit")
    }

    func testWrappedLinesAreOneSentenceWhoseClaimKeepsItsLine() {
        // PDF text wraps prose: the number sits on the line after the phrase that states it.
        let doc = Document(path: file, format: "pdf-text", blocks: [
            para("2024年度部门整体支出绩效自评报告", line: 1),
            para("本年度全年预算", line: 2, column: 5),
            para("120 万元，资金使用规范。", line: 3, column: 5),
            para("2024年度部门整体支出绩效自评表", line: 4),
            table(1, line: 5, [Self.fundingHeader, ["", "年度资金总额", "120", "120", "120", "10", "100%", "10"]]),
            para("全年预算 999 万元。", line: 7),
        ])
        XCTAssertTrue(doc.linesWrap)
        let report = Recognizer().recognize(doc)
        let sentence = report.narrative.sentences.first { $0.text.contains("120") }
        XCTAssertEqual(sentence?.text, "2024年度部门整体支出绩效自评报告本年度全年预算120 万元，资金使用规范。")
        XCTAssertEqual(sentence.map { report.narrative.location(of: $0).line }, 1)
        // Each character maps back to its own line: "120" begins line 3 at column 5.
        let at = sentence.map { Array($0.text).firstIndex(of: "1")! } ?? 0
        XCTAssertEqual(sentence.map { report.narrative.location(of: $0, at: at) }?.line, 3)
        XCTAssertEqual(sentence.map { report.narrative.location(of: $0, at: at) }?.column, 5)
        XCTAssertEqual(report.narrative.claims.map(\.number.text), ["120"], "lines inside a form's span are its rows, not prose")
        XCTAssertEqual(report.narrative.claims.first?.location.line, 3)
        XCTAssertEqual(report.narrative.claims.first?.location.column, 5)
        // The same lines in a layout that does not wrap are separate sentences, and state nothing.
        let flat = Recognizer().recognize(Document(path: file, format: "markdown", blocks: doc.blocks))
        XCTAssertFalse(flat.document.linesWrap)
        XCTAssertEqual(flat.narrative.claims.map(\.number.text), ["999"])
    }

    func testOneSplitterEndsSentencesAtEveryTerminator() {
        let spans = SentenceSplitter.split("第一句。第二句；第三句！第四句?末尾")
        XCTAssertEqual(spans.map { String($0.text) }, ["第一句。", "第二句；", "第三句！", "第四句?", "末尾"])
        XCTAssertEqual(spans.map(\.start), [0, 4, 8, 12, 16])
        // Text that is not plain takes the Character walk and gives the same offsets in Characters.
        let accented = SentenceSplitter.split("e\u{301}。再来")
        XCTAssertEqual(accented.map { String($0.text) }, ["e\u{301}。", "再来"])
        XCTAssertEqual(accented.map(\.start), [0, 2])
        XCTAssertEqual(SentenceSplitter.trimmingTerminator("完成。"), "完成")
        XCTAssertEqual(SentenceSplitter.split(""), [])
    }

    func testModelWithoutNarrativeKeysReadsTheSameNarrative() throws {
        let report = Recognizer().recognize(bundle())
        let data = try ModelFile.encode(report)
        var object = try XCTUnwrap(JSONSerialization.jsonObject(with: data) as? [String: Any])
        XCTAssertNotNil(object["narrative"])
        XCTAssertNotNil(object["spans"])
        object["narrative"] = nil
        object["spans"] = nil
        let old = try ModelFile.decode(JSONSerialization.data(withJSONObject: object), path: file)
        XCTAssertEqual(old, report)
        XCTAssertEqual(old.narrative.claims.map(\.number.text), report.narrative.claims.map(\.number.text))
        XCTAssertEqual(old.spans, report.spans)
    }

    func testSheetsUnderOneTitleAreOneFormEach() {
        // A workbook of one sheet per project, every sheet under the same title: each sheet's
        // indicators stay in its own form and do not run on into the next sheet's label rows.
        let header = ["一级指标", "二级指标", "三级指标", "目标值", "指标解释"]
        let doc = Document(path: file, format: "xlsx", blocks: [
            table(1, line: 1, [["二级项目支出绩效目标申报表"], ["项目编码：", "1001", "", "项目名称：", "甲项目"], header,
                               ["产出", "数量", "培训人次", "≥100人", ""], ["效益", "社会效益", "不适用", "不适用", "不适用"]]),
            table(2, line: 10, [["二级项目支出绩效目标申报表"], ["项目编码：", "1002", "", "项目名称：", "乙项目"], header,
                                ["产出", "数量", "巡查次数", "≥12次", ""]]),
        ])
        let forms = Recognizer().recognize(doc).forms
        XCTAssertEqual(forms.map(\.kind), [.targets, .targets])
        XCTAssertEqual(forms.map { $0.indicators?.rows.map(\.name.text) ?? [] }, [["培训人次", "不适用"], ["巡查次数"]])
    }

    func testLetterSpacedTotalSplitOverTwoCellsIsOneTotalLine() {
        let row = Row(cells: ["合", "计", "1,250.00", "850.00"].map { Cell(text: $0, location: SourceLocation(file: file, line: 1)) },
                      location: SourceLocation(file: file, line: 1))
        let line = CodedLedgerCollector.parse(row, previous: nil, vocabulary: .standard)
        XCTAssertEqual(line?.isTotal, true)
        XCTAssertEqual(line?.amounts.map(\.compact), ["1,250.00", "850.00"])
    }

    func testTwoCodedTablesSideBySideAreReadAsOneLedgerOfBothHalves() throws {
        // A 决算 基本支出表: 人员经费 (left) and 公用经费 (right), each "code name amount", and a last
        // row of the halves' own totals, which is no total of the ledger.
        let doc = Document(path: file, format: "pdf", blocks: [
            para("一般公共预算财政拨款基本支出决算表", line: 1),
            table(1, line: 2, [["科目编码", "科目名称", "金额", "科目编码", "科目名称", "金额"],
                               ["301", "工资福利支出", "649.20", "302", "商品和服务支出", "94.65"],
                               ["30101", "基本工资", "600.00", "30201", "办公费", "90.00"],
                               ["30102", "津贴补贴", "49.20", "30202", "印刷费", "4.65"],
                               ["", "", "", "310", "资本性支出", "2.54"],
                               ["", "人员经费合计", "649.20", "", "公用经费合计", "97.19"]]),
        ])
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertEqual(ledger.rows.map { $0.code ?? "-" }, ["301", "302", "30101", "30201", "30102", "30202", "310"])
        XCTAssertEqual(ledger.rows.map { $0.parent.map { ledger.rows[$0].code ?? "-" } ?? "" }, ["", "", "301", "302", "301", "302", ""])
        XCTAssertFalse(ledger.rows.contains(where: \.isTotal))
    }

    func testIndicatorHeaderUnderABandAndAProjectTotalLineAboveTheIndicators() {
        // The band 绩效指标 is stacked onto each column's name (a PDF header rebuilt from two lines), and
        // the table's 合计 of the projects' amounts comes before the first indicator: it is no 总分.
        let band = ["一级指标", "二级指标", "三级指标", "指标值", "度量单位"].map { "绩效指标\n" + $0 }
        let doc = Document(path: file, format: "pdf", blocks: [
            para("2026年项目支出绩效目标表", line: 1),
            table(1, line: 2, [["单位编码", "单位（项目）名称", "资金总额", "绩效目标"] + band,
                               ["合计", "", "417.41", "", "", "", "", "", ""],
                               ["126001", "长沙市信访局", "417.41", "", "", "", "", "", ""],
                               ["", "", "", "", "成本指标", "经济成本指标", "总成本", "35.78", "万元"],
                               ["", "", "", "", "产出指标", "数量指标", "调拨经费单位数", "10", "个"]]),
        ])
        let form = Recognizer().recognize(doc).forms.first
        XCTAssertEqual(form?.kind, .targets)
        XCTAssertEqual(form?.indicators?.rows.map(\.name.text), ["总成本", "调拨经费单位数"])
        XCTAssertNil(form?.indicators?.total)
    }
}

import XCTest
@testable import Core

/// The recognizer on documents built here (no reader): every template's names for the
/// same fields, and budget tables recognised by their rows.
final class VocabularyRecognitionTests: XCTestCase, SyntheticDocuments {

    // MARK: header normalisation

    func testHeaderKeyDropsUnitsPrefixesAndColons() {
        XCTAssertEqual(HeaderKey.normalize("全年预算数（万元）"), "全年预算数")
        XCTAssertEqual(HeaderKey.normalize("全年预算数 (万元)"), "全年预算数")
        XCTAssertEqual(HeaderKey.normalize("1、全年执行数："), "全年执行数")
        XCTAssertEqual(HeaderKey.normalize("其中：财政拨款"), "财政拨款")
        XCTAssertEqual(HeaderKey.normalize("（一）分值（分）"), "分值")
        XCTAssertEqual(HeaderKey.normalize("**年度指标值**"), "年度指标值")
        // A weight in brackets is not a unit: the heading keeps it.
        XCTAssertEqual(HeaderKey.normalize("产出指标（50分）"), "产出指标(50分)")
        XCTAssertEqual(HeaderKey.normalize("2,134.87"), "")
    }

    func testEveryBuiltInSynonymNamesItsTerm() {
        let v = Vocabulary.standard
        for (term, words) in Vocabulary.standardSynonyms {
            for w in words where !w.hasPrefix("!") {
                let literal = w.replacingOccurrences(of: "*", with: "")
                // "*执行数" is matched by any text ending in 执行数, the literal included.
                XCTAssertTrue(v.names(term, literal) || v.names(term, "预算" + literal) || v.names(term, literal + "表"),
                              "\(w) should name \(term.rawValue)")
            }
        }
        XCTAssertFalse(v.names(.target, "实际完成指标值"), "an actual is not a target")
        XCTAssertFalse(v.names(.target, "指标内容"))
        XCTAssertFalse(v.names(.executed, "预算执行率"), "a rate is not an executed amount")
        XCTAssertTrue(v.names(.rate, "预算执行率（%）"))
    }

    /// `Vocabulary` finds a term's matcher by the term's storage byte; that byte must be its place in `allCases`.
    func testTermPositionsFollowAllCases() {
        XCTAssertEqual(Term.allCases.map(\.position), Array(Term.allCases.indices))
        let vocabulary = Vocabulary(extra: [.weight: ["权数"]])
        XCTAssertTrue(vocabulary.matches(.weight, key: "权数"))
        XCTAssertFalse(vocabulary.matches(.score, key: "权数"))
    }

    func testUserSynonymsExtendTheBuiltInOnes() {
        let v = Vocabulary(extra: [.executed: ["实付数"], .target: ["*承诺值"]])
        XCTAssertTrue(v.names(.executed, "实付数（万元）"))
        XCTAssertTrue(v.names(.target, "年度承诺值"))
        XCTAssertTrue(v.names(.executed, "全年执行数"), "the built-in names stay")
        XCTAssertFalse(Vocabulary.standard.names(.executed, "实付数"))
    }

    // MARK: funding block under other templates' names

    func testFundingBlockUnderAnotherTemplatesHeaderWords() throws {
        let doc = document([
            ["项目名称", "业务工作经费"],
            ["项目资金（万元）", "", "年初预算数", "调整后预算数", "预算执行数", "权重", "预算执行率", "得分"],
            ["", "总额", "428.73", "334.9", "78.92", "10", "23.57%", "2.36"],
            ["", "其中：本年财政拨款", "175.98", "175.98", "78.92", "—", "—", "—"],
            ["", "上年结转", "0", "0", "0", "—", "—", "—"],
            ["", "其他来源", "252.78", "158.92", "0", "—", "—", "—"],
        ], title: "2024年度项目支出绩效自评表")
        let report = Recognizer().recognize(doc)
        let f = try XCTUnwrap(report.forms.first?.funding)
        XCTAssertEqual(f.initialBudget?.text, "428.73")
        XCTAssertEqual(f.budget?.text, "334.9")
        XCTAssertEqual(f.executed?.text, "78.92")
        XCTAssertEqual(f.weight?.text, "10")
        XCTAssertEqual(f.rate?.text, "23.57%")
        XCTAssertEqual(f.score?.text, "2.36")
        XCTAssertEqual(f.sources.map(\.label), ["本年财政拨款", "上年结转", "其他来源"])
        XCTAssertEqual(f.sources.map { $0.initialBudget?.text }, ["175.98", "0", "252.78"])
        XCTAssertNil(f.sourcesPartial, "all three sources are named")
    }

    /// A grid (every cell kept, as .docx, .xlsx and HTML give it) of the template that prints a
    /// target in three cells, a caption over the label column that is itself a column word, and
    /// four sources: the target is read whole ("≥85%"), a bare actual gets the printed unit, a
    /// 指标性质 of 定性 adds nothing, and the sources name no 上年结转 so they are partial.
    func testSplitTargetCellsCaptionColumnAndFourSources() throws {
        let doc = document([
            ["预算执行情况(10分)", "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数", "预算执行率", "权重", "得分", "原因"],
            ["", "总额", "300.00", "320.00", "304.00", "95.00%", "10", "9.5", ""],
            ["", "其中:财政资金", "280.00", "300.00", "285.00", "95.00%", "/", "/", ""],
            ["", "财政专户管理资金", "0.00", "0.00", "0.00", "0.00%", "/", "/", ""],
            ["", "单位资金", "20.00", "20.00", "19.00", "95.00%", "/", "/", ""],
            ["", "其他资金", "", "", "", "", "/", "/", ""],
            ["绩效指标(90分)", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位", "完成值", "权重", "得分", "未完成原因分析"],
            ["", "产出指标", "数量指标", "养护农村公路里程", "≥", "120", "公里", "125", "30", "30", ""],
            ["", "", "质量指标", "路面优良率", "≥", "85", "%", "80", "20", "16", "部分路段雨季损毁"],
            ["", "效益指标", "社会效益指标", "群众出行条件", "定性", "明显改善", "", "通行时间缩短15分钟", "20", "20", ""],
            ["", "满意度指标", "服务对象满意度指标", "沿线群众满意度", "＝", "100", "%", "/", "20", "20", ""],
            ["合计", "100", "95.5"],
        ], title: "部门预算项目支出绩效自评表(2024年度)")
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        let f = try XCTUnwrap(form.funding)
        XCTAssertEqual([f.initialBudget?.text, f.budget?.text, f.executed?.text, f.rate?.text, f.weight?.text, f.score?.text],
                       ["300.00", "320.00", "304.00", "95.00%", "10", "9.5"], "年度预算数(万元) captions the label column")
        XCTAssertEqual(f.sources.map(\.label), ["财政资金", "财政专户管理资金", "单位资金", "其他资金"])
        XCTAssertEqual(f.sources.map { $0.executed?.text }, ["285.00", "0.00", "19.00", ""])
        XCTAssertEqual(f.sourcesPartial, true)
        let rows = try XCTUnwrap(form.indicators?.rows)
        XCTAssertEqual(rows.map(\.name.text), ["养护农村公路里程", "路面优良率", "群众出行条件", "沿线群众满意度"])
        XCTAssertEqual(rows.map { $0.target?.text }, ["≥120公里", "≥85%", "明显改善", "=100%"])
        XCTAssertEqual(rows.map { $0.actual?.text }, ["125公里", "80%", "通行时间缩短15分钟", "/"])
        XCTAssertEqual(rows.map { $0.target?.location.column }, [6, 6, 6, 6], "the target keeps its value cell's place")
        XCTAssertEqual(rows.map { $0.weight?.text }, ["30", "20", "20", "20"])
        XCTAssertEqual(rows.map { $0.score?.text }, ["30", "16", "20", "20"])
        XCTAssertEqual(rows.map(\.level2), ["数量指标", "质量指标", "社会效益指标", "服务对象满意度指标"])
    }

    /// Headers that say how a column is worked out ("年初目标值(A)", "实际完成值(B)", "执行率(B/A)",
    /// "得分(20分*执行率)") name the same field; "…项目自评表" is a project form's title.
    func testFormulaBracketsAndTheProjectSelfEvaluationTitle() throws {
        XCTAssertEqual(HeaderKey.normalize("执行率(B/A)"), "执行率")
        XCTAssertEqual(HeaderKey.normalize("年初目标值（A）"), "年初目标值")
        XCTAssertEqual(HeaderKey.normalize("得分(20分*执行率)"), "得分")
        XCTAssertEqual(HeaderKey.normalize("服务外包在岸(万美元)"), "服务外包在岸(万美元)", "a unit the list does not know stays")
        let doc = document([
            ["一级指标", "二级指标", "三级指标", "年初目标值(A)", "实际完成值(B)", "得分"],
            ["产出指标（60分）", "数量指标", "培训人次", "300", "320", "30"],
        ], title: "2020年市级服务贸易发展资金项目自评表")
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .project)
        XCTAssertEqual(form.indicators?.rows.map { [$0.target?.text, $0.actual?.text, $0.score?.text] }, [["300", "320", "30"]])
    }

    func testOtherNamesOfTheTotalNeedAFundingHeader() {
        // A 绩效目标表 prints 项目资金总额 as a label-value pair, with no 年初/全年/执行 columns.
        let doc = document([
            ["项目资金总额", "4,100,000.00", "年度资金申请总额", "4,100,000.00"],
            ["其中：财政资金", "4,100,000.00", "其中：当年财政拨款", "4,100,000.00"],
            ["其他资金", "0.00", "上年结转资金", "0.00"],
        ], title: "财政项目支出绩效目标填报表")
        let report = Recognizer().recognize(doc)
        XCTAssertNil(report.forms.first?.funding, "项目资金总额 is not read by funding columns it does not have")
    }

    func testSourcesThatDoNotNameAllThreeArePartial() throws {
        let doc = document([
            ["年度资金总额：", "2,706.79"],
            ["其中：财政拨款", "2,616.79", "执行率"],
            ["其他资金", "0.00"],
        ], title: "信访综合保障经费绩效目标表")
        let f = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.funding)
        XCTAssertEqual(f.sources.count, 2)
        XCTAssertEqual(f.sourcesPartial, true)
    }

    func testLabelAndValueInOneCell() throws {
        let doc = document([
            ["年度资金总额：2,134.87"],
            ["其中：财政拨款:1,384.87", "执行率"],
            ["上年结转：750.00", "（10）"],
            ["其他资金：0.00"],
        ], title: "信息化运行维护绩效目标表")
        let f = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.funding)
        XCTAssertEqual(f.initialBudget?.text, "2,134.87")
        XCTAssertEqual(f.sources.map(\.label), ["财政拨款", "上年结转", "其他资金"])
        XCTAssertEqual(f.sources.map { $0.initialBudget?.text }, ["1,384.87", "750.00", "0.00"])
        XCTAssertNil(f.sourcesPartial)
        XCTAssertNil(LabelValueCells.pair("说明：2,134.87", vocabulary: .standard), "only funding labels are split")
    }

    // MARK: indicator tables under other templates' names

    func testIndicatorHeaderSynonymsAndTheLevel1WeightColumn() throws {
        let doc = document([
            ["一级指标", "分值", "二级指标", "三级指标", "指标值", "实际值", "权重", "得分", "未完成原因分析"],
            ["产出指标", "50", "数量指标", "培训人次", "≥300人次", "320人次", "30", "30", ""],
            ["", "", "质量指标", "合格率", "≥95%", "90%", "20", "18", "部分学员未参加考核"],
            ["总分", "100", "95"],
        ], title: "2024年度项目支出绩效自评表")
        let table = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.indicators)
        XCTAssertEqual(table.rows.map(\.name.text), ["培训人次", "合格率"])
        XCTAssertEqual(table.rows.map { $0.target?.text }, ["≥300人次", "≥95%"])
        XCTAssertEqual(table.rows.map { $0.actual?.text }, ["320人次", "90%"])
        XCTAssertEqual(table.rows.map { $0.weight?.text }, ["30", "20"], "权重 is the indicators' weight, not the 一级 column's 分值")
        XCTAssertEqual(table.rows.map { $0.note?.text }, ["", "部分学员未参加考核"])
        XCTAssertEqual(table.groups.first?.name, "产出指标")
        XCTAssertEqual(table.groups.first?.weight?.text, "50", "the 一级指标 weight in its own column")
    }

    // MARK: ledgers by their rows

    func testCodedLedgerInThreeNotations() throws {
        for (a, b, c) in [(["204"], ["204", "06"], ["204", "06", "01"]), (["204"], ["20406"], ["2040601"]),
                          (["[204]"], ["[20406]"], ["[2040601]"])] {
            let doc = document([
                a + ["公共安全支出", "300.00", "100.00"],
                b + ["司法", "300.00", "100.00"],
                c + ["行政运行", "200.00", "100.00"],
                (c.count == 3 ? ["204", "06", "02"] : [c[0].replacingOccurrences(of: "01", with: "02")]) + ["一般行政管理事务", "100.00", "0.00"],
                ["合计", "300.00", "100.00"],
            ], title: "2026年部门一般公共预算支出功能分类预算表", paragraphsBefore: ["单位：万元", "功能分类科目名称  合计  基本支出"])
            let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first, "\(a)")
            XCTAssertEqual(ledger.rows.map(\.code), ["204", "20406", "2040601", "2040602", nil])
            XCTAssertEqual(ledger.rows.map(\.parent), [nil, 0, 1, 1, nil])
            XCTAssertEqual(ledger.rows.last?.isTotal, true)
            XCTAssertEqual(ledger.columns, ["合计", "基本支出"])
            XCTAssertEqual(ledger.unit, "万元")
        }
    }

    func testCodeAndNameInOneCellAndATotalAboveTheItems() throws {
        let doc = document([
            ["合计", "9,312.90"],
            ["301 工资福利支出", "6,481.41"],
            ["30101 基本工资", "1,258.23"],
            ["30102 津贴补贴", "5,223.18"],
            ["302 商品和服务支出", "2,831.49"],
            ["30201 办公费", "2,831.49"],
        ], title: "财政拨款基本支出预算表（经济科目）", paragraphsBefore: ["单位：元"])
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .budget)
        let ledger = try XCTUnwrap(form.ledgers.first)
        XCTAssertEqual(ledger.rows.map(\.label), ["合计", "工资福利支出", "基本工资", "津贴补贴", "商品和服务支出", "办公费"])
        XCTAssertEqual(ledger.rows.first?.isTotal, true, "a 合计 printed above its items is the ledger's total")
        XCTAssertEqual(ledger.rows.map(\.parent), [nil, nil, 1, 1, nil, 4])
        XCTAssertEqual(ledger.unit, "元")
    }

    func testALedgerWithAnUnreadableRowIsKeptUnchecked() throws {
        let doc = document([
            ["204", "公共安全支出", "300.00"],
            ["204", "06", "司法", "300.00"],
            ["204", "06", "01", "行政运行", "200.00"],
            ["机关事业单位职业年金缴费 204 06 02", "100.00"],
            ["合计", "300.00"],
        ], title: "2026年部门支出预算总表")
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil && !$0.isTotal }, "a lost child must not make its parent look wrong")
    }

    func testRowsSplitAtSpacesThatLostABlankAreNotChecked() throws {
        // "302 商品和服务支出 1,837.55 [blank] 1,837.55": the blank 人员经费 cell is gone, and the
        // row has as many cells as the 合计 row only by chance.
        let doc = document([
            ["合计", "9,018.47", "7,180.92", "1,837.55"],
            ["301", "工资福利支出", "7,180.92", "7,180.92"],
            ["30101", "基本工资", "7,180.92", "7,180.92"],
            ["302", "商品和服务支出", "1,837.55", "1,837.55"],
            ["30201", "办公费", "1,837.55", "1,837.55"],
        ], title: "2026年一般公共预算基本支出情况表")
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil && !$0.isTotal })
    }

    func testAGridKeepsBlanksAndColumnNumbersAreNoLostRow() throws {
        let doc = document([
            ["经济科目编码", "经济科目名称", "总计", "人员类", "公用经费"],
            ["", "", "1", "2", "3"],
            ["", "合计", "30.00", "20.00", "10.00"],
            ["301", "工资福利支出", "20.00", "20.00", ""],
            ["30101", "基本工资", "20.00", "20.00", ""],
            ["302", "商品和服务支出", "10.00", "", "10.00"],
            ["30201", "办公费", "10.00", "", "10.00"],
        ], title: "2024年一般公共预算基本支出情况表")
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertEqual(ledger.columns, ["总计", "人员类", "公用经费"])
        XCTAssertEqual(ledger.rows.map(\.parent), [nil, nil, 1, nil, 3])
        XCTAssertEqual(ledger.rows.first?.isTotal, true)
    }

    func testALoneKuanOrXiangPartWithoutItsColumnIsNotGuessed() throws {
        let doc = document([
            ["208", "社会保障和就业支出", "30.00"],
            ["05", "行政事业单位养老支出", "30.00"],
            ["01", "行政单位离退休", "30.00"],
        ], title: "2026年部门支出预算总表")
        let ledger = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers.first)
        XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil }, "05 and 01 could be 款 or 项: no parent is guessed")
    }

    func testATableContinuedOnTheNextPageStaysOneLedger() throws {
        var blocks: [Block] = []
        func row(_ texts: [String], _ line: Int) -> Row {
            Row(cells: texts.enumerated().map { Cell(text: $1, location: SourceLocation(file: "p.pdf", table: 1, row: line % 100, cell: $0 + 1, page: line / 100)) },
                location: SourceLocation(file: "p.pdf", page: line / 100))
        }
        blocks.append(.paragraph(Paragraph(text: "2026年部门一般公共预算基本支出经济分类预算表", location: SourceLocation(file: "p.pdf", page: 1))))
        blocks.append(.table(Table(index: 1, rows: [row(["301", "工资福利支出", "30.00"], 101), row(["30101", "基本工资", "10.00"], 102)],
                                   location: SourceLocation(file: "p.pdf", page: 1))))
        blocks.append(.paragraph(Paragraph(text: "2026年部门一般公共预算基本支出经济分类预算表", location: SourceLocation(file: "p.pdf", page: 2))))
        blocks.append(.paragraph(Paragraph(text: "- 7 -", location: SourceLocation(file: "p.pdf", page: 2))))
        blocks.append(.table(Table(index: 2, rows: [row(["经济分类科目编码", "经济分类科目名称", "合计"], 201), row(["30102", "津贴补贴", "20.00"], 202),
                                                    row(["合计", "30.00"], 203)], location: SourceLocation(file: "p.pdf", page: 2))))
        let report = Recognizer().recognize(Document(path: "p.pdf", format: "pdf", blocks: blocks))
        XCTAssertEqual(report.forms.count, 1)
        let ledger = try XCTUnwrap(report.forms.first?.ledgers.first)
        XCTAssertEqual(ledger.rows.map(\.label), ["工资福利支出", "基本工资", "津贴补贴", "合计"])
        XCTAssertEqual(ledger.rows.map(\.parent), [nil, 0, 0, nil])
        XCTAssertEqual(ledger.rows.last?.isTotal, true)
    }

    func testARepeatedTotalOnTheNextPageAndATotalThatStartsTheNextTable() throws {
        let doc = document([
            ["合计", "30.00"],
            ["208", "社会保障和就业支出", "10.00"],
            ["20805", "行政事业单位离退休", "10.00"],
            ["合计", "30.00"],          // printed again at the top of the next page
            ["214", "交通运输支出", "20.00"],
            ["21401", "公路水路运输", "20.00"],
            ["合计", "7.00"],           // the next table, whose title was not read
            ["301", "工资福利支出", "7.00"],
            ["30101", "基本工资", "7.00"],
        ], title: "收入决算表")
        let ledgers = try XCTUnwrap(Recognizer().recognize(doc).forms.first?.ledgers)
        XCTAssertEqual(ledgers.count, 2)
        XCTAssertEqual(ledgers[0].rows.map(\.label), ["合计", "社会保障和就业支出", "行政事业单位离退休", "交通运输支出", "公路水路运输"])
        XCTAssertEqual(ledgers[0].rows.map(\.isTotal), [true, false, false, false, false])
        XCTAssertEqual(ledgers[1].rows.map(\.label), ["合计", "工资福利支出", "基本工资"])
        XCTAssertEqual(ledgers[1].rows.first?.isTotal, true)
    }

    func testATableOfNamesWithoutCodesIsKeptFlat() throws {
        let doc = document([
            ["功能分类科目名称", "合计", "基本支出"],
            ["合计", "100.00", "60.00"],
            ["科学技术支出", "28.00", ""],
            ["技术研究与开发", "28.00", ""],
            ["社会保障和就业支出", "72.00", "60.00"],
        ], title: "表5：2026年市级部门一般公共预算支出预算表")
        let form = try XCTUnwrap(Recognizer().recognize(doc).forms.first)
        XCTAssertEqual(form.kind, .budget, "a table number before the colon is part of the title")
        let ledger = try XCTUnwrap(form.ledgers.first)
        XCTAssertTrue(ledger.rows.allSatisfy { $0.parent == nil && !$0.isTotal }, "without codes or numbering nothing says which row is whose part")
    }

    // MARK: titles

    func testTitlesOfOtherTemplates() {
        let cases: [(String, FormKind)] = [
            ("2026年部门收支总表", .budget), ("收支预算总表", .budget), ("2024年度收入支出决算总表", .budget),
            ("财政拨款收支总表", .budget), ("一般公共预算支出功能分类预算表", .budget), ("“三公”经费支出预算表", .budget),
            ("2026年项目支出绩效目标表", .targets), ("部门整体支出绩效目标表", .targets), ("二级项目支出绩效目标申报表", .targets),
            ("财政项目支出绩效目标填报表", .targets), ("2024年度项目支出绩效自评表", .project), ("信访研究宣传立法专项项目绩效自评表", .project),
            ("2024年度部门整体支出绩效自评表", .overall), ("本年一般公共预算基本支出表(预算表6)", .budget),
            ("2024年度部门整体支出绩效评价基础数据表", .baseData), ("公开 06 表：财政拨款基本支出预算表", .budget),
            ("表11.2026年市级部门项目支出绩效表", .budget),
        ]
        for (title, kind) in cases {
            XCTAssertEqual(FormTitle.match(title)?.0, kind, title)
        }
        XCTAssertNil(FormTitle.match("附件：2026年部门收支总表说明如下，详见下表"))
    }
}

import Foundation
import XCTest
@testable import Core

/// The pdf-text reader on `pdftotext -layout` blocks (cells placed by their aligned columns) and
/// on plain `pdftotext` indicator tables printed one cell per line (seed 002).
final class PdfLayoutTextTests: XCTestCase {
    private func read(_ text: String) -> Document { PdfTextReader().read(text: text, path: "t.txt") }

    private func texts(_ row: Row) -> [String] { row.cells.map(\.text) }

    /// The first table's rows as texts.
    private func table(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> [[String]] {
        let t = try XCTUnwrap(read(text).tables.first, "no table", file: file, line: line)
        return t.rows.map(texts)
    }

    // MARK: - Fragments and display width

    func testCJKCharactersAreTwoColumnsWide() {
        let line = LayoutLine("一、收入  12.00   合计", number: 1)
        XCTAssertEqual(line.fragments.map(\.text), ["一、收入", "12.00", "合计"])
        // 一、收入 is four wide characters: 8 columns, then two spaces.
        XCTAssertEqual(line.fragments.map(\.start), [0, 10, 18])
        XCTAssertEqual(line.fragments[1].column, 7, "the location is the scalar column users see")
        XCTAssertEqual(line.wideGaps, 2)
    }

    func testAmountsOneSpaceApartAreCellsOfTheirOwn() {
        XCTAssertEqual(LayoutLine("其中：财政拨款 1,384.87 执行率", number: 1).fragments.map(\.text), ["其中：财政拨款", "1,384.87", "执行率"])
        XCTAssertEqual(LayoutLine("82,096,797.42 82,096,797.42", number: 1).fragments.map(\.text), ["82,096,797.42", "82,096,797.42"])
        XCTAssertEqual(LayoutLine("201   13   01 行政运行", number: 1).fragments.map(\.text), ["201", "13", "01", "行政运行"])
        // Words of one cell stay together, and so does a year before its word.
        XCTAssertEqual(LayoutLine("2026 年预算数    一般 公共 预算", number: 1).fragments.map(\.text), ["2026 年预算数", "一般 公共 预算"])
    }

    // MARK: - Aligned columns

    func testLabelAboveItsAmountsAndWrappedLabels() throws {
        let rows = try table("""
                                     单位：万元

                          项目                 预算数          决算数
            一、一般公共预算
            财政拨款收入                     1,000.00          990.00
            二、机关事业单位基本养老保险       200.00          190.00
            缴费支出
            三、其他收入                        20.00           20.00
            四、上级补助收入
                                               10.00            9.00
                         合计                1,230.00        1,209.00
            """)
        XCTAssertEqual(rows, [
            ["项目", "预算数", "决算数"],
            ["一、一般公共预算财政拨款收入", "1,000.00", "990.00"],
            ["二、机关事业单位基本养老保险缴费支出", "200.00", "190.00"],
            ["三、其他收入", "20.00", "20.00"],
            ["四、上级补助收入", "10.00", "9.00"],
            ["合计", "1,230.00", "1,209.00"],
        ])
    }

    func testTwoLineHeaderOverCodeColumnsAndPushedAmounts() throws {
        let text = """
                                 项目                               支出预算
            功能分类科目编码
                                    功能分类科目名称         合计             基本支出            项目支出
            类     款    项
            201             一般公共服务支出                82,096.42   15,686.42   66,410.00
            201   03        办公厅（室）及相关机构事务         82,096.42   15,686.42   66,410.00
            201   03   01   行政运行                    12,029.84   11,919.84      110.00
            201   03   02   一般行政管理事务                46,140.00                   46,140.00
            201   03   99   其他政府办公厅（室）及相关机构事务支出     24,056.58    3,767.58     20,289.00
            """
        let rows = try table(text)
        // The code header spans 类/款/项 and is repeated over each, as the PDF reader does.
        XCTAssertEqual(rows[0].count, 7)
        XCTAssertTrue(rows[0][0].contains("功能分类科目编码") && rows[0][0].hasSuffix("类"), rows[0][0])
        XCTAssertTrue(rows[0][2].contains("功能分类科目编码") && rows[0][2].hasSuffix("项"), rows[0][2])
        XCTAssertTrue(rows[0][4].hasSuffix("合计"), rows[0][4])
        XCTAssertTrue(rows[0][5].hasSuffix("基本支出") && rows[0][6].hasSuffix("项目支出"), "\(rows[0])")
        // An empty 基本支出 cell stays empty: the gap before 46,140.00 is as wide as the column.
        XCTAssertEqual(rows[4], ["201", "03", "02", "一般行政管理事务", "46,140.00", "", "46,140.00"])
        // A long name pushes its amounts right; they stay under their columns.
        XCTAssertEqual(rows[5], ["201", "03", "99", "其他政府办公厅（室）及相关机构事务支出", "24,056.58", "3,767.58", "20,289.00"])
    }

    func testLabelPrintedBelowItsAmountsFillsTheRow() throws {
        let rows = try table("""
                                    科目名称         合计           基本支出
            类     款    项
            208   05   01   行政单位离退休                  1,554.20    1,554.20
            208   05   05                   160.75       160.75
                            机关事业单位基本养老保险
                            缴费支出
            208   05   99   其他行政事业单位养老支出               14.82        14.82
            """)
        XCTAssertEqual(rows[2], ["208", "05", "05", "机关事业单位基本养老保险缴费支出", "160.75", "160.75"])
        XCTAssertEqual(rows.count, 4)
    }

    func testTitlesUnitLinesAndPageNumbersAreNotRows() {
        let doc = read("""
                               2025年部门支出预算总表
            编制部门：某某单位                                       单位：元
                      科目名称         合计           基本支出
            201   一般公共服务支出      82,096.42      15,686.42
                                   - 3 -
            """)
        XCTAssertEqual(doc.tables.count, 1)
        XCTAssertEqual(doc.tables[0].rows.map(texts), [["", "科目名称", "合计", "基本支出"], ["201", "一般公共服务支出", "82,096.42", "15,686.42"]])
        XCTAssertTrue(doc.paragraphs.contains { $0.text == "2025年部门支出预算总表" })
        XCTAssertTrue(doc.paragraphs.contains { $0.text == "- 3 -" })
    }

    /// Cells that fit no placement near their columns: the block is read line by line (no
    /// header row) rather than into columns that would report sums that are not there.
    func testLinesThatFitNoColumnsLeaveTheTableToLineReading() throws {
        let doc = read("""
                      科目名称         合计           基本支出        项目支出
            201   一般公共服务支出      82,096.42      15,686.42      66,410.00
            208   社会保障      4,213.28                                                                      4,213.28
            """)
        XCTAssertFalse(doc.tables.contains { $0.rows.contains { $0.cells.contains { $0.text == "科目名称" } } })
    }

    // MARK: - Seed 002: indicator tables one cell per line

    private func seed002() throws -> Report {
        let url = PdfCorpusSupport.root.appendingPathComponent("Examples/seeds/002_656a67db822e340c.txt")
        let doc = try ReaderRegistry().readText(Data(contentsOf: url), path: "002")
        return Recognizer().recognize(doc)
    }

    func testSeed002IndicatorTablesAreRecognised() throws {
        let forms = try seed002().forms.filter { $0.indicators != nil }
        XCTAssertEqual(forms.map { $0.indicators!.rows.count }, [21, 17, 11])
        XCTAssertEqual(forms.map { $0.indicators!.total?.score?.text }, ["99.64", "100", "92.36"])
        XCTAssertEqual(forms[0].indicators!.groups.map(\.name), ["产出指标", "效益指标", "满意度指标"])
        XCTAssertEqual(forms[0].indicators!.groups.map { $0.weight?.text }, ["50", "30", "10"])
        func row(_ form: Int, _ name: String) throws -> IndicatorRow {
            try XCTUnwrap(forms[form].indicators!.rows.first { $0.name.text == name }, name)
        }
        let exam = try row(0, "组织省内参加计算机软件资格考试人次")
        XCTAssertEqual(exam.level2, "数量指标")
        XCTAssertEqual(exam.target?.text, "≥2.5万人次")
        XCTAssertEqual(exam.actual?.text, "组织实施全国计算机技术与软件专业技术资格（水平）考试湖南考区考试 2次，年报考人数 26710人。")
        XCTAssertEqual([exam.weight?.text, exam.score?.text], ["5", "5"])
        XCTAssertEqual(exam.name.location.line, 482)
        // A name and a target of the same words, each wrapped differently.
        let network = try row(0, "维护中心网络安全建设、OA系统提质改造")
        XCTAssertEqual(network.target?.text, "维护中心网络安全建设、OA系统提质改造")
        // A target that is a sentence; the actual alone before the pair.
        let satisfaction = try row(0, "离退休及在职人员满意度")
        XCTAssertEqual(satisfaction.target?.text, "95%以上计满分，每降5%扣 1分，扣完为止。")
        XCTAssertEqual(satisfaction.actual?.text, "100%")
        // A target's unit printed apart; 成本指标 is a 二级 of 产出指标.
        let cost = try row(1, "全年运行维护经费不超额支出")
        XCTAssertEqual(cost.target?.text, "≤906.86 万元")
        XCTAssertEqual(cost.level2, "成本指标")
        XCTAssertEqual(cost.group, 0)
        XCTAssertEqual([cost.weight?.text, cost.score?.text], ["6", "6"])
        let report = try row(2, "发表相关行业有效调研报告")
        XCTAssertEqual(report.target?.text, "≥5篇")
        XCTAssertEqual(report.weight?.text, "8")
    }

    /// Σ row weights per 一级 = its heading weight in each of 002's three tables, and Σ weights +
    /// the funding 分值 = 100: only rows read whole and placed under the right heading add up.
    func testSeed002IndicatorWeightsAddUpToTheirHeadings() throws {
        for form in try seed002().forms {
            guard let ind = form.indicators else { continue }
            for (g, group) in ind.groups.enumerated() {
                let sum = ind.rows.filter { $0.group == g }.compactMap { $0.weight.flatMap { Int($0.text) } }.reduce(0, +)
                XCTAssertEqual(String(sum), group.weight?.text, "\(form.title) \(group.name)")
            }
            XCTAssertEqual(ind.rows.compactMap { $0.weight.flatMap { Int($0.text) } }.reduce(0, +) + 10, 100, form.title)
        }
    }
}

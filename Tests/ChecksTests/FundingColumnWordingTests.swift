import XCTest
import Core
@testable import Checks
import TestSupport

/// The funding sum message names the column the form really prints: a 绩效目标表 prints one
/// unnamed amount beside 年度资金总额 (no 年初预算数/全年预算数/全年执行数 header), which is not a 年初预算数.
final class FundingColumnWordingTests: XCTestCase {
    func testSingleUnnamedAmountIsNotCalledInitialBudget() throws {
        let text = """
        2026年项目支出绩效目标表

        | 项目名称 | 示例项目 |
        | 年度资金总额： | 2,706.79 |
        | 其中：财政拨款 | 2,616.79 |
        | 上年结转 | 80.00 |
        | 其他资金 | 0.00 |
        """
        let found = TestSupport.lint(text, path: "targets.md").filter { $0.ruleId == "sum-mismatch" }
        let message = try XCTUnwrap(found.first?.message, "\(found)")
        XCTAssertTrue(message.contains("金额列"), message)
        XCTAssertFalse(message.contains("年初预算数"), message)
    }

    func testNamedColumnsKeepTheirNames() throws {
        let text = """
        2024年度项目支出绩效自评表

        | 项目资金（万元） | | 年初预算数 | 全年预算数 | 全年执行数 | 分值 | 执行率 | 得分 |
        | | 年度资金总额 | 100 | 100 | 90 | 10 | 90% | 9 |
        | | 当年财政拨款 | 60 | 60 | 50 | — | — | — |
        | | 上年结转资金 | 30 | 30 | 40 | — | — | — |
        | | 其他资金 | 0 | 0 | 0 | — | — | — |
        """
        let messages = TestSupport.lint(text, path: "project.md").filter { $0.ruleId == "sum-mismatch" }.map(\.message)
        XCTAssertTrue(messages.contains { $0.contains("年初预算数列") }, "\(messages)")
    }
}

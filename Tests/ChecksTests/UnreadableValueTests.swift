import Foundation
import XCTest
@testable import Core
import Checks

/// Hostile 19: values a check needs but cannot read are said, not skipped in silence, and the
/// diagnostics of files that cannot be read name the right place and cause.
final class UnreadableValueTests: XCTestCase {
    /// Seed 000 with line `line` (the 执行率 cell is line 30, 全年执行数 line 28) replaced.
    private func lintMutated(line: Int, to cell: String) -> [Diagnostic] {
        var lines = TestSupport.seedText("000").components(separatedBy: "\n")
        lines[line - 1] = "\t" + cell
        return TestSupport.lint(lines.joined(separator: "\n"), path: "mutated-000.txt")
    }

    private func assertUnreadable(line: Int, cell: String, label: String, shown: String,
                                  file: StaticString = #filePath, lineNo: UInt = #line) {
        let d = lintMutated(line: line, to: cell)
        let unreadable = d.filter { $0.message.contains("不是可以读取的数值") }
        XCTAssertEqual(unreadable.map(\.ruleId), ["execution-rate"], "\(d.map(\.message))", file: file, line: lineNo)
        XCTAssertEqual(unreadable.first?.location.line, line, file: file, line: lineNo)
        XCTAssertEqual(unreadable.first?.severity, .warning, file: file, line: lineNo)
        XCTAssertTrue(unreadable.first?.message.contains("\(label)打印为 “\(shown)”") == true, unreadable.first?.message ?? "", file: file, line: lineNo)
        // The seed's own finding (the score against the printed rate) is still there.
        XCTAssertTrue(d.contains { $0.message.contains("资金得分 9.00") }, "\(d.map(\.message))", file: file, line: lineNo)
    }

    func testAnExecutionRateThatIsNotANumberIsSaid() {
        assertUnreadable(line: 30, cell: "1e5%", label: "执行率", shown: "1e5%")
        assertUnreadable(line: 30, cell: "见附表", label: "执行率", shown: "见附表")
    }

    func testAnAmountThatCannotBeReadIsSaidNotMisread() {
        let digits = String(repeating: "9", count: 400)
        assertUnreadable(line: 28, cell: digits, label: "全年执行数", shown: String(repeating: "9", count: 24) + "…（共 400 个字符）")
        // A zero-width joiner inside the amount: no longer read as 104.0 (which gave a false
        // 执行率 of 0.01% and a false sum), but said to be unreadable.
        let zwj = "104,0\u{200D}92.39"
        assertUnreadable(line: 28, cell: zwj, label: "全年执行数", shown: zwj)
        XCTAssertFalse(lintMutated(line: 28, to: zwj).contains { $0.ruleId == "sum-mismatch" || $0.message.contains("0.01%") })
    }

    func testADigitJoinedToAMarkIsNoDigit() {
        XCTAssertNil(PrintedNumber.parse("104,0\u{200D}92.39"))
        XCTAssertNil(PrintedNumber.parse("9\u{0301}5.91%"))
        XCTAssertEqual(PrintedNumber.parse("104,092.39")?.value, Decimal(string: "104092.39"))
    }

    func testPlaceholdersAndEmptyValuesAreNotUnreadable() {
        // Words without a digit are a header read into a misplaced column (a 目标表 whose
        // "执行率分值" label fell under 全年预算数), not a value that failed to read.
        for cell in ["", "/", "——", "无", "执行率分值"] {
            XCTAssertFalse(lintMutated(line: 30, to: cell).contains { $0.message.contains("不是可以读取的数值") }, cell)
        }
    }

    func testUTF16WithoutABOMIsNamed() {
        let text = TestSupport.seedText("000")
        let le = Data(text.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })
        let be = Data(text.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] })
        XCTAssertEqual(TextDecoder.utf16WithoutBOM(le), "LE")
        XCTAssertEqual(TextDecoder.utf16WithoutBOM(be), "BE")
        XCTAssertThrowsError(try ReaderRegistry().readText(le, path: "u.txt")) { error in
            XCTAssertTrue((error as? ReadError)?.reason.contains("没有字节顺序标记（BOM）的 UTF-16LE") == true, "\(error)")
        }
        // Binary data with NUL bytes is still "not a text file".
        var generator = SystemRandomNumberGenerator()
        let binary = Data((0..<4096).map { i in i % 3 == 0 ? 0 : UInt8.random(in: 0...255, using: &generator) })
        XCTAssertNil(TextDecoder.utf16WithoutBOM(binary))
    }

    func testJSONNestedPastTheParsersLimitSaysSo() {
        let deep = "{\"schema\":\"auditlint-model/1\",\"x\":" + String(repeating: "[", count: 600) + String(repeating: "]", count: 600)
            + ",\"document\":{\"path\":\"a\",\"format\":\"x\",\"blocks\":[]}}"
        XCTAssertThrowsError(try ModelFile.decode(Data(deep.utf8), path: "deep.json")) { error in
            XCTAssertTrue((error as? ReadError)?.reason.contains("JSON 嵌套 601 层") == true, "\(error)")
        }
        XCTAssertEqual(ModelFile.nestingDepth(Data(#"{"a":"[[[[","b":[1,[2]]}"#.utf8)), 3)
    }
}

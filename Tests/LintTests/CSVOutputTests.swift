import Foundation
import XCTest
@testable import Lint

/// `--format csv`: read back with an independent RFC 4180 reader, row for row against the JSON output.
final class CSVOutputTests: XCTestCase {
    /// A strict RFC 4180 reader: records end in CRLF, quoted fields may hold commas, quotes ("") and line breaks.
    static func parse(_ text: String) throws -> [[String]] {
        struct Malformed: Error { var at: Int }
        var records: [[String]] = []
        var record: [String] = []
        var field = ""
        let chars = Array(text.unicodeScalars)
        var i = 0
        var quotedField = false
        while i < chars.count {
            let c = chars[i]
            if quotedField {
                if c == "\"" {
                    if i + 1 < chars.count && chars[i + 1] == "\"" { field.unicodeScalars.append("\""); i += 2; continue }
                    quotedField = false; i += 1; continue
                }
                field.unicodeScalars.append(c); i += 1; continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else { throw Malformed(at: i) }
                quotedField = true
            case ",": record.append(field); field = ""
            case "\r":
                guard i + 1 < chars.count, chars[i + 1] == "\n" else { throw Malformed(at: i) }
                record.append(field); field = ""
                records.append(record); record = []
                i += 1
            case "\n": throw Malformed(at: i)  // a bare LF: line ends must be CRLF
            default: field.unicodeScalars.append(c)
            }
            i += 1
        }
        guard !quotedField, field.isEmpty, record.isEmpty else { throw Malformed(at: chars.count) }
        return records
    }

    func testExamplesCSVHasOneRowPerFinding() throws {
        let csv = try CLITests.runBinaryData(["--no-config", "--format", "csv", "Examples"])
        XCTAssertEqual(Array(csv.prefix(3)), [0xEF, 0xBB, 0xBF], "UTF-8 byte-order mark for Excel")
        let rows = try Self.parse(String(decoding: csv.dropFirst(3), as: UTF8.self))
        XCTAssertEqual(rows.first, ["文件", "表", "位置", "规则", "级别", "消息", "应为", "实际印数", "对象", "指纹"])
        XCTAssertTrue(rows.allSatisfy { $0.count == 10 })

        let json = try CLITests.runBinary(["--no-config", "--format", "json", "Examples"])
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        let files = object["files"] as! [[String: Any]]
        let findings = files.reduce(0) { $0 + ($1["diagnostics"] as! [Any]).count }
        XCTAssertGreaterThan(findings, 20)
        XCTAssertEqual(rows.count - 1, findings)

        let seed = CLITests.seedPath("000")
        let rate = try XCTUnwrap(rows.first { $0[0] == seed && $0[3] == "execution-rate" })
        XCTAssertEqual(rate[1], "2024年度部门整体支出绩效评价表", "the form holding the finding")
        XCTAssertTrue(rate[2].hasPrefix("31:"), rate[2])
        XCTAssertEqual(rate[4], "警告")
        XCTAssertTrue(rate[5].contains("执行率 95.91%"), rate[5])
        XCTAssertEqual(rate[6], "9.59")
        XCTAssertEqual(rate[7], "9.00")
        XCTAssertEqual(rate[9].count, 16, "fingerprint")
        // A finding in the narrative before every form names no form.
        let narrative = try XCTUnwrap(rows.first { $0[0] == CLITests.seedPath("002") && $0[3] == "narrative-mismatch" })
        XCTAssertEqual(narrative[1], "")
        XCTAssertEqual(narrative[4], "错误")
        // The office files are named by place, not by line.
        XCTAssertTrue(rows.contains { $0[0].hasSuffix(".xlsx") && $0[2].contains("!") })
        XCTAssertTrue(rows.contains { $0[0].hasSuffix(".docx") && $0[2].contains("表") && $0[2].contains("第") })
    }

    func testEnglishSeverityAndPythonReadsTheSameRows() throws {
        let csv = try CLITests.runBinaryData(["--no-config", "--lang", "en", "--format", "csv", CLITests.seedPath("000")])
        let rows = try Self.parse(String(decoding: csv.dropFirst(3), as: UTF8.self))
        XCTAssertEqual(rows.first?.first, "file")
        XCTAssertTrue(rows.dropFirst().contains { $0[4] == "warning" })
        // An independent reader agrees when python3 is there (it is not part of the product).
        guard let python = ["/usr/bin/python3", "/usr/local/bin/python3"].first(where: FileManager.default.isExecutableFile) else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", "import csv,sys; r=list(csv.reader(sys.stdin.buffer.read().decode('utf-8-sig').splitlines(keepends=True))); print(len(r)); print(r[1][3])"]
        let input = Pipe(), output = Pipe()
        p.standardInput = input
        p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(csv)
        try input.fileHandleForWriting.close()
        let answer = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).split(separator: "\n")
        p.waitUntilExit()
        XCTAssertEqual(answer.first.map(String.init), String(rows.count))
        XCTAssertEqual(answer.dropFirst().first.map(String.init), rows[1][3])
    }

    func testQuotingFormulasAndControlCharacters() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A seed whose form title holds a comma, a quote and a bidi control.
        var text = try String(contentsOfFile: CLITests.root.appendingPathComponent(CLITests.seedPath("000")).path, encoding: .utf8)
        text = text.replacingOccurrences(of: "2024年度部门整体支出绩效评价表", with: "2024年度\"甲,乙\"\u{202E}部门整体支出绩效评价表")
        try text.write(to: dir.appendingPathComponent("r.txt"), atomically: true, encoding: .utf8)
        let csv = try CLITests.runBinaryData(["--no-config", "--format", "csv", "r.txt"], cwd: dir)
        let body = String(decoding: csv.dropFirst(3), as: UTF8.self)
        XCTAssertFalse(body.unicodeScalars.contains("\u{202E}"), "bidi controls stay escaped")
        let rows = try Self.parse(body)
        let rate = try XCTUnwrap(rows.first { $0[3] == "execution-rate" })
        XCTAssertEqual(rate[1], "2024年度\"甲,乙\"\\u{202E}部门整体支出绩效评价表")
        XCTAssertTrue(body.contains(",\"2024年度\"\"甲,乙\"\"\\u{202E}部门整体支出绩效评价表\","), "quoted, quotes doubled")
    }

    func testFormulasAreDefusedAndNumbersKept() {
        XCTAssertEqual(CSVFormatter.defused("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")")
        XCTAssertEqual(CSVFormatter.defused("+1"), "'+1")
        XCTAssertEqual(CSVFormatter.defused("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(CSVFormatter.defused("-cmd"), "'-cmd")
        XCTAssertEqual(CSVFormatter.defused("-3.5"), "-3.5", "a negative amount stays a number")
        XCTAssertEqual(CSVFormatter.defused("-"), "-", "a placeholder dash")
        XCTAssertEqual(CSVFormatter.record(["a\nb", "c\r\nd", "e"]), "\"a\nb\",\"c\r\nd\",e\r\n")
    }
}

extension CLITests {
    /// Standard output of the binary as bytes (the CSV's byte-order mark must survive).
    static func runBinaryData(_ args: [String], cwd: URL = CLITests.root) throws -> Data {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return data
    }
}

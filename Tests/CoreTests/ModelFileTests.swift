import XCTest
@testable import Core

/// A JSON model that holds only a document (no "forms") is recognised afresh, as
/// ModelFile documents; Report's synthesized decoding alone would reject it.
final class ModelFileTests: XCTestCase {
    func testDocumentOnlyModelIsRecognised() throws {
        func cell(_ t: String, _ c: Int) -> String { #"{"text": "\#(t)", "location": {"file": "m.json", "table": 1, "row": 2, "cell": \#(c)}}"# }
        let header = ["年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"].enumerated().map { cell($1, $0 + 2) }
        let total = ["年度资金总额", "100.00", "100.00", "90.00", "10", "90.00%", "9.00"].enumerated().map { cell($1, $0 + 1) }
        let json = """
        {"schema": "auditlint-model/1", "document": {"path": "m.json", "format": "docx", "blocks": [
          {"table": {"index": 1, "location": {"file": "m.json", "table": 1}, "rows": [
            {"cells": [\(cell("", 1)), \(header.joined(separator: ","))], "location": {"file": "m.json", "table": 1, "row": 1}},
            {"cells": [\(total.joined(separator: ","))], "location": {"file": "m.json", "table": 1, "row": 2}}]}}]}}
        """
        let report = try ModelFile.decode(Data(json.utf8), path: "m.json")
        XCTAssertEqual(report.forms.count, 1)
        XCTAssertEqual(report.forms.first?.funding?.executed?.text, "90.00")
    }
}

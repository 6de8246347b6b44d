import Foundation
import XCTest
@testable import Core
import TestSupport

/// Inputs libFuzzer found crashing a reader (Fuzz/regressions/, see FUZZING.md), each now a
/// `ReadError` instead. File names start with the fuzz target that found them.
final class FuzzRegressionTests: XCTestCase {
    static let regressions = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/regressions")

    func regression(_ name: String) throws -> Data {
        try Data(contentsOf: Self.regressions.appendingPathComponent(name))
    }

    private func reason(_ body: () throws -> Document) -> String? {
        do { _ = try body(); XCTFail("expected a ReadError"); return nil } catch let e as ReadError { return e.reason } catch {
            XCTFail("\(error)"); return nil
        }
    }

    /// FoundationXML trapped (SIGILL in _NSXMLParserStartElementNs) on invalid UTF-8 in an attribute name.
    func testInvalidUTF8InAnXMLNameIsAReadErrorNotATrap() throws {
        var docx = TestZipWriter()
        docx.addStored("word/document.xml", [UInt8](try regression("docx-xml-invalid-utf8-attribute-name.xml")))
        XCTAssertEqual(reason { try DocxReader().read(docx.data(), path: "f.docx") },
                       "word/document.xml XML 错误：含有无效的 UTF-8 字节（文件可能损坏）")

        var xlsx = TestZipWriter()
        xlsx.addStored("xl/workbook.xml", """
            <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="urn:r"><sheets><sheet name="S" r:id="rId1"/></sheets></workbook>
            """)
        xlsx.addStored("xl/_rels/workbook.xml.rels", """
            <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
            """)
        xlsx.addStored("xl/worksheets/sheet1.xml", [UInt8](try regression("xlsx-xml-invalid-utf8-attribute-name.xml")))
        XCTAssertEqual(reason { try XlsxReader().read(xlsx.data(), path: "f.xlsx") },
                       "xl/worksheets/sheet1.xml XML 错误：含有无效的 UTF-8 字节（文件可能损坏）")

        // The smallest form, with and without a UTF-8 BOM.
        for bytes: [UInt8] in [Array("<a x".utf8) + [0xC7] + Array("=\"1\"/>".utf8),
                               [0xEF, 0xBB, 0xBF] + Array("<a x".utf8) + [0xC7] + Array("=\"1\"/>".utf8)] {
            var zip = TestZipWriter()
            zip.addStored("word/document.xml", bytes)
            XCTAssertEqual(reason { try DocxReader().read(zip.data(), path: "m.docx") },
                           "word/document.xml XML 错误：含有无效的 UTF-8 字节（文件可能损坏）")
        }
    }

    /// FoundationXML segfaulted (strlen of NULL in _NSXMLParserProcessingInstruction) on "<?x?>".
    func testProcessingInstructionWithoutDataIsAReadErrorNotACrash() throws {
        let expected = "word/document.xml XML 错误：含有无效的处理指令（文件可能损坏）"
        for bytes in [[UInt8](try regression("docx-xml-processing-instruction-without-data.xml")),
                      Array("<?x?><a/>".utf8), Array("<?xml version=\"1.0\"?><a><?pi?></a>".utf8)] {
            var zip = TestZipWriter()
            zip.addStored("word/document.xml", bytes)
            XCTAssertEqual(reason { try DocxReader().read(zip.data(), path: "p.docx") }, expected)
        }
        // Declarations and instructions with data are fine.
        XCTAssertFalse(OfficePackage.hasEmptyProcessingInstruction(Data("<?xml version=\"1.0\"?><?mso-application progid=\"Word.Document\"?><a>x?</a>".utf8)))
    }
}

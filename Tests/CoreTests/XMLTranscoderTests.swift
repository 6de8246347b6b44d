import Foundation
import XCTest
@testable import Core
import TestSupport

/// Office XML parts are brought to UTF-8 before any guard: the guards see what the parser reads.
final class XMLTranscoderTests: XCTestCase {
    func reason(_ part: [UInt8]) -> String? {
        var zip = TestZipWriter()
        zip.addStored("word/document.xml", part)
        do { _ = try DocxReader().read(zip.data(), path: "t.docx"); return nil } catch let e as ReadError { return e.reason } catch {
            XCTFail("\(error)"); return nil
        }
    }

    func regression(_ name: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: FuzzRegressionTests.regressions.appendingPathComponent(name)))
    }

    func testHostileEncodingsFromTheRegressionsAreRefusedByName() throws {
        XCTAssertEqual(reason(try regression("docx-xml-utf16-processing-instruction-without-data.xml")),
                       "word/document.xml XML 错误：含有无效的处理指令（文件可能损坏）")
        XCTAssertTrue(reason(try regression("docx-xml-utf7-doctype.xml"))?.contains("声明的编码为 UTF-7") == true)
        XCTAssertTrue(reason(try regression("docx-xml-ucs4-doctype.xml"))?.contains("DOCTYPE/ENTITY") == true)
        // Session 5's xlsx-xml campaign: a UTF-8 BOM, then "<?x?>" in UTF-16LE. Valid UTF-8 (NULs
        // included), so it passed as UTF-8, and libxml2 re-sniffed UTF-16 and crashed on the PI.
        let bomThenUTF16 = try regression("xlsx-xml-utf8-bom-then-utf16-processing-instruction.xml")
        XCTAssertEqual(reason(bomThenUTF16), "word/document.xml XML 错误：含有 NUL 字节，XML 不允许（文件可能损坏或被恶意构造）")
        for bytes: [UInt8] in [[0xEF, 0xBB, 0xBF] + Array("<\0?\0x\0?\0>\0".utf8), Array(" <\0?\0x\0?\0>\0".utf8), Array("<a>\0</a>".utf8)] {
            XCTAssertThrowsError(try XMLTranscoder.utf8(Data(bytes)), "\(bytes)")
        }
    }

    func testEncodingsAreSniffedFromTheFirstBytes() throws {
        let doc = "<a>汉字</a>"
        // UTF-8 with and without a BOM stays byte for byte (no copy, no rewrite).
        XCTAssertEqual(try XMLTranscoder.utf8(Data(doc.utf8)), Data(doc.utf8))
        XCTAssertEqual(try XMLTranscoder.utf8(Data([0xEF, 0xBB, 0xBF] + Array(doc.utf8))), Data(doc.utf8))
        // UTF-16 LE/BE with or without BOM, UTF-32 BE: the declaration goes, the text stays.
        let declared = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + doc
        let le = declared.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] }
        let be = declared.utf16.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xff)] }
        for bytes in [[0xFF, 0xFE] + le, [0xFE, 0xFF] + be, le, be] {
            XCTAssertEqual(try XMLTranscoder.utf8(Data(bytes)), Data(doc.utf8))
        }
        let utf32 = declared.unicodeScalars.flatMap { u in (0..<4).reversed().map { UInt8((u.value >> (8 * $0)) & 0xff) } }
        XCTAssertEqual(try XMLTranscoder.utf8(Data(utf32)), Data(doc.utf8))
        // Refused: odd UCS-4 orders, EBCDIC, a declared legacy encoding, a truncated UTF-16 unit.
        for bytes: [UInt8] in [[0x00, 0x00, 0x3C, 0x00], [0x00, 0x3C, 0x00, 0x00], [0x00, 0x00, 0xFF, 0xFE], [0x4C, 0x6F, 0xA7, 0x94],
                               Array("<?xml version='1.0' encoding='GBK'?><a/>".utf8), [0xFF, 0xFE, 0x3C, 0x00, 0x61]] {
            XCTAssertThrowsError(try XMLTranscoder.utf8(Data(bytes)), "\(bytes)")
        }
    }
}

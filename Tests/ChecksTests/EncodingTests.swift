import Checks
import Core
import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Reports arrive as GB18030 or UTF-16 as often as UTF-8 (Windows tools save
/// them so). Whatever the encoding, the findings must be those of the UTF-8 seed,
/// and bytes no encoding explains must say which encodings were tried.
final class EncodingTests: XCTestCase {
    private static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    /// Seed 003 has nine findings on distinct lines; seed 000 has one.
    private static let seeds = ["000_3870ed54750f2314.txt", "003_6aed364f55934feb.txt"]

    private func seedBytes(_ name: String) throws -> Data {
        try Data(contentsOf: Self.root.appendingPathComponent("Examples/seeds/\(name)"))
    }

    private func lint(_ data: Data, path: String) -> FileResult {
        LintEngine(registry: CheckRegistry(BuiltinChecks.all), settings: LintSettings()).lint(data: data, path: path)
    }

    /// What a finding says and where, independent of the bytes it came from.
    private func summary(_ r: FileResult) -> [String] {
        r.diagnostics.map { "\($0.ruleId)|\($0.location.line ?? 0)|\($0.location.column ?? 0)|\($0.message)" }
    }

    /// The same text in another encoding, converted with glibc's iconv.
    private func encode(_ text: String, to encoding: String) throws -> Data {
        #if canImport(Glibc)
        let cd = iconv_open(encoding, "UTF-8")
        guard cd != iconv_t(bitPattern: -1) else { throw XCTSkip("iconv has no \(encoding)") }
        defer { iconv_close(cd) }
        var input = Array(text.utf8)
        var output = [UInt8](repeating: 0, count: input.count * 2 + 16)
        let capacity = output.count
        var left = -1
        input.withUnsafeMutableBufferPointer { inBuf in
            output.withUnsafeMutableBufferPointer { outBuf in
                var inPtr = UnsafeMutableRawPointer(inBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var inLeft = inBuf.count
                var outPtr = UnsafeMutableRawPointer(outBuf.baseAddress)?.assumingMemoryBound(to: CChar.self)
                var outLeft = outBuf.count
                if iconv(cd, &inPtr, &inLeft, &outPtr, &outLeft) != -1 && inLeft == 0 { left = outLeft }
            }
        }
        guard left >= 0 else { throw XCTSkip("iconv could not convert to \(encoding)") }
        return Data(output[..<(capacity - left)])
        #else
        throw XCTSkip("no iconv on this platform")
        #endif
    }

    /// Each copy of a seed, with the encoding name `Document.encoding` must carry.
    private func copies(of utf8: Data) throws -> [(name: String, data: Data)] {
        let text = try XCTUnwrap(String(data: utf8, encoding: .utf8))
        let le = try XCTUnwrap(text.data(using: .utf16LittleEndian))
        let be = try XCTUnwrap(text.data(using: .utf16BigEndian))
        return [
            ("UTF-8", utf8),
            ("UTF-8 (BOM)", Data([0xEF, 0xBB, 0xBF]) + utf8),
            ("UTF-16LE", Data([0xFF, 0xFE]) + le),
            ("UTF-16BE", Data([0xFE, 0xFF]) + be),
            ("GB18030", try encode(text, to: "GB18030")),
        ]
    }

    func testCopiesHaveTheFindingsOfTheUTF8Seed() throws {
        for seed in Self.seeds {
            let utf8 = try seedBytes(seed)
            let expected = summary(lint(utf8, path: seed))
            XCTAssertFalse(expected.isEmpty, seed)
            for copy in try copies(of: utf8) {
                XCTAssertEqual(summary(lint(copy.data, path: seed)), expected, "\(seed) as \(copy.name)")
            }
        }
    }

    func testSeed000FindingIsUnchangedInGB18030() throws {
        let utf8 = try seedBytes(Self.seeds[0])
        let gb = try encode(String(decoding: utf8, as: UTF8.self), to: "GB18030")
        XCTAssertNil(String(data: gb, encoding: .utf8), "GB18030 Chinese text is not valid UTF-8")
        let r = lint(gb, path: "000-gb18030.txt")
        XCTAssertEqual(r.diagnostics.map(\.ruleId), ["execution-rate"])
        XCTAssertEqual(r.diagnostics.first?.location.line, 31)
    }

    func testDocumentNamesTheEncoding() throws {
        let utf8 = try seedBytes(Self.seeds[0])
        for copy in try copies(of: utf8) {
            let doc = try ReaderRegistry().readText(copy.data, path: "seed.txt")
            XCTAssertEqual(doc.encoding, copy.name)
            XCTAssertEqual(doc.format, "tab-cells", copy.name)
        }
    }

    func testUTF8BOMIsNotPartOfTheFirstLine() throws {
        let doc = try ReaderRegistry().readText(Data([0xEF, 0xBB, 0xBF]) + (try seedBytes(Self.seeds[0])), path: "bom.txt")
        XCTAssertEqual(doc.paragraphs.first?.text, "附表2")
        XCTAssertEqual(doc.paragraphs.first?.location.line, 1)
    }

    // MARK: - Bytes no encoding explains

    private func readError(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) -> ReadError? {
        do {
            _ = try ReaderRegistry().readText(Data(bytes), path: "bad.txt")
            XCTFail("decoded bytes that are neither UTF-8 nor GB18030", file: file, line: line)
            return nil
        } catch let e as ReadError {
            return e
        } catch {
            XCTFail("unexpected error \(error)", file: file, line: line)
            return nil
        }
    }

    private func assertNamesTriedEncodings(_ e: ReadError?, file: StaticString = #filePath, line: UInt = #line) {
        let reason = e?.reason ?? ""
        for name in ["UTF-8", "UTF-16", "GB18030"] {
            XCTAssertTrue(reason.contains(name), "reason should name \(name): \(reason)", file: file, line: line)
        }
    }

    func testInvalidBytesInASCIITextNameTheEncodingsTried() {
        // 0xFF is neither a UTF-8 byte nor a GB18030 lead byte.
        let bytes = Array("first line\nsecond ".utf8) + [0xFF, 0xFE, 0xFD] + Array(" line\nthird\n".utf8)
        let e = readError(bytes)
        assertNamesTriedEncodings(e)
        XCTAssertEqual(e?.location.file, "bad.txt")
        XCTAssertEqual(e?.location.line, 2, "the first line that is not UTF-8")
    }

    func testInvalidGB18030NamesTheEncodingsTried() throws {
        // Valid GB18030 Chinese, then a lead byte 0x81 followed by a newline,
        // which no GB18030 sequence allows.
        let good = try encode("年度资金总额\t73,360.55\n", to: "GB18030")
        let e = readError(Array(good) + [0x81, 0x0A] + Array(good))
        assertNamesTriedEncodings(e)
        XCTAssertEqual(e?.location.line, 2, "the line where GB18030 breaks (every line is already not UTF-8)")
        XCTAssertTrue(e?.reason.contains("第2行") ?? false, e?.reason ?? "")
    }

    /// Hostile 19: a GBK file with one bad byte in the middle is reported where GB18030
    /// breaks, not at line 1 (where it already is not UTF-8).
    func testUndecodableGB18030NamesTheLineWhereItBreaks() throws {
        let gb = [UInt8](try encode(TestSupport.seedText("000"), to: "GB18030"))
        let cut = gb.indices.filter { gb[$0] == 0x0A }[199] + 1
        let e = readError(Array(gb[..<cut]) + [0x81, 0x20] + Array(gb[cut...]))
        assertNamesTriedEncodings(e)
        XCTAssertEqual(e?.location.line, 201)
        XCTAssertTrue(e?.reason.contains("第201行") == true, e?.reason ?? "")
    }

    func testTruncatedGB18030IsAnError() throws {
        // A two-byte character cut after its lead byte at the end of the file.
        let good = try encode("全年执行数\n得分", to: "GB18030")
        assertNamesTriedEncodings(readError(Array(good.dropLast())))
    }

    func testTruncatedUTF8IsNotReadAsGB18030Mojibake() {
        // Cut two bytes into "年": every byte pair before it is also valid GB18030,
        // and glibc's iconv reads the file as "骞村害璧勯噾鎬婚 73,360.55".
        let line = Array("年度资金总额 73,360.55\n".utf8)
        let e = readError(line + line + line + Array(line.prefix(2)))
        assertNamesTriedEncodings(e)
        XCTAssertEqual(e?.location.line, 4, "the line where the UTF-8 breaks")
        XCTAssertTrue(e?.reason.contains("损坏或被截断") ?? false, e?.reason ?? "")
    }

    func testStrayByteInUTF8SeedNamesItsLine() throws {
        // A Latin-1 "·" (0xB7) left in line 25 of seed 000.
        var bytes = [UInt8](try seedBytes(Self.seeds[0]))
        let lineStart = bytes.indices.filter { bytes[$0] == 0x0A }[23] + 1
        bytes.insert(0xB7, at: lineStart + 1)
        let e = readError(bytes)
        assertNamesTriedEncodings(e)
        XCTAssertEqual(e?.location.line, 25)
    }

    func testUndecodableFileIsOneParseError() {
        let bytes = Array("年度资金总额 ".utf8) + [0xFF, 0xFE, 0xFD] + Array("\n".utf8)
        let r = lint(Data(bytes), path: "bad.txt")
        XCTAssertEqual(r.diagnostics.map(\.ruleId), ["parse-error"])
        XCTAssertEqual(r.diagnostics.first?.severity, .error)
        XCTAssertTrue(r.diagnostics.first?.message.contains("GB18030") ?? false)
        XCTAssertNil(r.format)
    }

    func testBOMWithInvalidUTF8IsAnError() {
        let e = readError([0xEF, 0xBB, 0xBF] + Array("abc".utf8) + [0xFF] + Array("\n".utf8))
        XCTAssertTrue(e?.reason.contains("UTF-8") ?? false, e?.reason ?? "")
    }
}

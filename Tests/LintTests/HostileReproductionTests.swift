import Foundation
import XCTest
import TestSupport

/// The reproductions of `../shared/hostile/` as regression tests, each beside the clean copy of
/// seed 000: the hostile file gets a parse-error naming the cause, the clean file keeps its
/// finding, the exit code is right, and no file is left behind.
extension HostileInputTests {
    /// The files in the temporary directory, to assert that a run left nothing behind.
    func listing() throws -> [String] { try fm.contentsOfDirectory(atPath: dir.path).sorted() }

    // 12: counts that overflow when added up.
    func testBaselineWithOverflowingCountsIsRefusedNotATrap() throws {
        let big = 4_611_686_018_427_387_904
        let baseline = """
        {"schema": "auditlint-baseline/1", "tool": "auditlint 0.1.0", "entries": [
         {"file": "gone1.txt", "ruleId": "sum-mismatch", "fingerprint": "a", "count": \(big), "message": "m"},
         {"file": "gone2.txt", "ruleId": "sum-mismatch", "fingerprint": "b", "count": \(big), "message": "m"}]}
        """
        try write(Array(baseline.utf8), "base.json")
        let before = try listing()
        let r = try runBinary(["--no-config", "--baseline", "base.json", "--output", "report.txt", "clean.txt"])
        XCTAssertEqual(r.status, 2, r.stderr)
        XCTAssertTrue(r.stderr.contains("entries[0].count"), r.stderr)
        XCTAssertEqual(try listing(), before, "no report and no temporary file")
        // A count of zero or below is as impossible.
        try write(Array(baseline.replacingOccurrences(of: "\(big)", with: "-1").utf8), "base.json")
        XCTAssertEqual(try runBinary(["--no-config", "--baseline", "base.json", "clean.txt"]).status, 2)
    }

    /// The model `auditlint dump` prints for the clean seed, as a JSON object.
    func cleanModel() throws -> [String: Any] {
        let dump = try runBinary(["dump", "clean.txt"])
        XCTAssertEqual(dump.status, 0)
        return try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as! [String: Any]
    }

    func appendParagraph(_ model: inout [String: Any], location: [String: Any]) {
        var document = model["document"] as! [String: Any]
        var blocks = document["blocks"] as! [Any]
        blocks.append(["paragraph": ["location": location, "text": "本单位自评综合得分为 99.98 分。"]])
        document["blocks"] = blocks
        model["document"] = document
    }

    // 13: a model location whose column overflows when a check adds an offset.
    func testModelWithAnOverflowingColumnIsAParseErrorNotATrap() throws {
        var model = try cleanModel()
        appendParagraph(&model, location: ["column": Int.max, "file": "m.txt", "line": 5, "paragraph": 999])
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("model.json"))
        let r = try lint()
        assertParseError(r, "model.json", contains: ["JSON 模型结构错误", "column", "\(Int.max)"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    func testAModelCannotPlaceFindingsInAnotherFile() throws {
        var model = try cleanModel()
        appendParagraph(&model, location: ["file": "elsewhere.txt", "line": 9000, "paragraph": 999])
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("model.json"))
        let r = try lint()
        // The seed's narrative states 99.98 where its form prints another total: that finding now
        // names the model, and every location of its result does.
        let findings = r.diagnostics("model.json")
        XCTAssertFalse(findings.isEmpty)
        for d in findings {
            let files = [d["location"]] + ((d["related"] as? [[String: Any]]) ?? []).map { $0["location"] }
            for case let loc as [String: Any] in files {
                XCTAssertTrue((loc["file"] as? String)?.hasSuffix("model.json") == true, "\(loc)")
            }
        }
        XCTAssertFalse(r.stdout.contains("elsewhere.txt"))
        assertCleanSeedLinted(r)
    }
}

/// `--output` and `--write-baseline` (hostile 07, 08, and the output-path mistakes).
extension HostileInputTests {
    func isSymlink(_ path: String) -> Bool {
        (try? fm.attributesOfItem(atPath: path)[.type] as? FileAttributeType) == .typeSymbolicLink
    }

    // 07: a device or the /dev/stdout link is written to, never replaced by a regular file.
    func testOutputToADeviceOrStdoutLinkWritesThroughIt() throws {
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("devnull").path, withDestinationPath: "/dev/null")
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("stdout").path, withDestinationPath: "/proc/self/fd/1")
        let before = try listing()
        let null = try runBinary(["--no-config", "--output", "devnull", "clean.txt"])
        XCTAssertEqual(null.status, 0, null.stderr)
        XCTAssertTrue(isSymlink(dir.appendingPathComponent("devnull").path))
        XCTAssertEqual(try fm.attributesOfItem(atPath: "/dev/null")[.type] as? FileAttributeType, .typeCharacterSpecial)
        let out = try runBinary(["--no-config", "--output", "stdout", "clean.txt"])
        XCTAssertEqual(out.status, 0, out.stderr)
        XCTAssertTrue(out.stdout.contains("[execution-rate]"), "the report went through the link to standard output")
        XCTAssertTrue(isSymlink(dir.appendingPathComponent("stdout").path))
        XCTAssertEqual(try listing(), before, "no temporary file and no regular file in place of a link")
    }

    // 07 in a script: standard output sent to a file, and the report written to /dev/stdout by
    // name. The file is written where the stream stands, never replaced: what the script wrote
    // before the report, and writes after it, stay in the same file.
    func testOutputToStdoutLinkWhileStdoutIsAFileAppendsToThatFile() throws {
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("stdout").path, withDestinationPath: "/proc/self/fd/1")
        let log = dir.appendingPathComponent("log.txt")
        try Data("before\n".utf8).write(to: log)
        let inode = { (try self.fm.attributesOfItem(atPath: log.path)[.systemFileNumber] as? NSNumber)?.intValue }
        let original = try inode()
        let handle = try FileHandle(forWritingTo: log)
        handle.seekToEndOfFile()
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["--no-config", "--output", "stdout", "clean.txt"]
        p.currentDirectoryURL = dir
        p.standardOutput = handle
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        XCTAssertEqual(p.terminationStatus, 0)
        handle.write(Data("after\n".utf8))
        try handle.close()
        XCTAssertEqual(try inode(), original, "the same file, not one renamed over it")
        let text = try String(contentsOf: log, encoding: .utf8)
        XCTAssertTrue(text.hasPrefix("before\n"), text)
        XCTAssertTrue(text.contains("[execution-rate]"), text)
        XCTAssertTrue(text.hasSuffix("after\n"), text)
        XCTAssertTrue(isSymlink(dir.appendingPathComponent("stdout").path))
    }

    // 08: the temporary file is unpredictable and exclusive, has the target's permissions, and
    // a link to a regular file keeps being a link to the (replaced) file.
    func testOutputReplacesARegularFileKeepingItsModeAndLinks() throws {
        try write(Array("old report".utf8), "report.txt")
        XCTAssertEqual(chmod(dir.appendingPathComponent("report.txt").path, 0o640), 0)
        try fm.createSymbolicLink(atPath: dir.appendingPathComponent("latest.txt").path, withDestinationPath: "report.txt")
        let before = try listing()
        for target in ["report.txt", "latest.txt"] {
            let r = try runBinary(["--no-config", "--output", target, "clean.txt"])
            XCTAssertEqual(r.status, 0, r.stderr)
            XCTAssertEqual(try listing(), before, "no temporary file left")
            let attributes = try fm.attributesOfItem(atPath: dir.appendingPathComponent("report.txt").path)
            XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o640)
            XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("report.txt"), encoding: .utf8).contains("[execution-rate]"))
            XCTAssertTrue(isSymlink(dir.appendingPathComponent("latest.txt").path))
        }
        let b = try runBinary(["--no-config", "--write-baseline", "latest.txt", "clean.txt"])
        XCTAssertEqual(b.status, 0, b.stderr)
        XCTAssertTrue(isSymlink(dir.appendingPathComponent("latest.txt").path))
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("report.txt"), encoding: .utf8).contains("auditlint-baseline/1"))
        XCTAssertEqual(try listing(), before)
    }

    func testOutputOverAnInputOrIntoAMissingFolderIsRefused() throws {
        try write(try seedBytes("000"), "second.txt")
        let original = try Data(contentsOf: dir.appendingPathComponent("second.txt"))
        let before = try listing()
        let over = try runBinary(["--no-config", "--output", "second.txt", "clean.txt", "second.txt"])
        XCTAssertEqual(over.status, 2)
        XCTAssertTrue(over.stderr.contains("second.txt 是要检查的文件之一"), over.stderr)
        XCTAssertEqual(try Data(contentsOf: dir.appendingPathComponent("second.txt")), original)
        // Reached through a directory, the output file is the run's own (skipped, as a previous run's
        // output would be), and the output replaces it as asked.
        let viaDirectory = try runBinary(["--no-config", "--output", "./second.txt", "."])
        XCTAssertNotEqual(viaDirectory.status, 2, viaDirectory.stderr)
        XCTAssertTrue(try String(contentsOf: dir.appendingPathComponent("second.txt"), encoding: .utf8).contains("clean.txt"))
        try Data(original).write(to: dir.appendingPathComponent("second.txt"))
        let missing = try runBinary(["--no-config", "--output", "no/such/folder/out.txt", "clean.txt"])
        XCTAssertEqual(missing.status, 2)
        XCTAssertTrue(missing.stderr.contains("文件夹") && missing.stderr.contains("不存在"), missing.stderr)
        XCTAssertEqual(try listing(), before)
    }
}

/// Office XML in other encodings (hostile 01, 02): transcoded to UTF-8 before any guard, or refused.
extension HostileInputTests {
    static let w = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

    func document(_ text: String) -> String {
        "<w:document \(Self.w)><w:body><w:p><w:r><w:t>\(text)</w:t></w:r></w:p></w:body></w:document>"
    }

    func writeDocx(_ name: String, _ part: [UInt8], stored: Bool = false) throws {
        var zip = TestZipWriter()
        zip.addDeflated("[Content_Types].xml", Array("<Types/>".utf8))
        if stored { zip.addStored("word/document.xml", part) } else { zip.addDeflated("word/document.xml", part) }
        try zip.data().write(to: dir.appendingPathComponent(name))
    }

    func utf16LE(_ s: String) -> [UInt8] { [0xFF, 0xFE] + s.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] } }
    func utf32BE(_ s: String, bom: Bool) -> [UInt8] {
        (bom ? [0, 0, 0xFE, 0xFF] : []) + s.unicodeScalars.flatMap { u in (0..<4).reversed().map { UInt8((u.value >> (8 * $0)) & 0xff) } }
    }

    // 01: "<?x?>" in UTF-16 was invisible to the byte guard and crashed the parser.
    func testEmptyProcessingInstructionInUTF16IsRefused() throws {
        try writeDocx("pi16.docx", utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?><?x?>" + document("t")))
        try writeDocx("pi32.docx", utf32BE("<?xml version=\"1.0\" encoding=\"UTF-32\"?><?x?>" + document("t"), bom: false))
        let r = try lint()
        for name in ["pi16.docx", "pi32.docx"] { assertParseError(r, name, contains: ["word/document.xml", "无效的处理指令"]) }
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    // 02: a DTD declared in UTF-7, UCS-4 or EBCDIC was parsed by libxml2 past the guard.
    func testDTDInAnotherEncodingIsRefused() throws {
        let dtd = "<!DOCTYPE w:document [<!ENTITY x \"EXPANDED\">]>"
        let utf7 = "<?xml version=\"1.0\" encoding=\"UTF-7\"?>" + dtd.replacingOccurrences(of: "<!", with: "+ADwAIQ-")
            + document("A+ACY-x;B")
        try writeDocx("utf7.docx", Array(utf7.utf8))
        try writeDocx("ucs4.docx", utf32BE("<?xml version=\"1.0\" encoding=\"UCS-4\"?>" + dtd + document("A&x;B"), bom: true))
        // UCS-4 in the 2143 order, and EBCDIC ("<?xm" is 4C 6F A7 94).
        try writeDocx("ucs4odd.docx", [0x00, 0x00, 0x3C, 0x00] + Array(repeating: 0x20, count: 8))
        try writeDocx("ebcdic.docx", [0x4C, 0x6F, 0xA7, 0x94, 0x93, 0x40])
        let r = try lint()
        assertParseError(r, "utf7.docx", contains: ["word/document.xml", "UTF-7", "不受支持"])
        assertParseError(r, "ucs4.docx", contains: ["word/document.xml", "DOCTYPE/ENTITY", "拒绝解析"])
        assertParseError(r, "ucs4odd.docx", contains: ["UCS-4", "不受支持"])
        assertParseError(r, "ebcdic.docx", contains: ["EBCDIC", "不受支持"])
        XCTAssertFalse(r.stdout.contains("EXPANDED"))
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    /// A well-formed part in UTF-16 or UTF-32 is still read, its text intact.
    func testUTF16AndUTF32PartsAreReadAsUTF8() throws {
        try writeDocx("u16.docx", utf16LE("<?xml version=\"1.0\" encoding=\"UTF-16\"?>" + document("绩效自评")))
        try writeDocx("u32.docx", utf32BE("<?xml version=\"1.0\" encoding=\"UTF-32\"?>" + document("绩效自评"), bom: true))
        for name in ["u16.docx", "u32.docx"] {
            let dump = try runBinary(["dump", name])
            XCTAssertEqual(dump.status, 0, dump.stderr)
            XCTAssertTrue(dump.stdout.contains("绩效自评"), "\(name): \(dump.stdout.prefix(400))")
        }
    }
}

/// Tables built in linear time (hostile 05).
extension HostileInputTests {
    // 05: every row event copied the table built so far; 100,000 one-cell rows took minutes.
    func testDocxTableOfAHundredThousandRowsIsBuiltInOnePass() throws {
        var xml = "<w:document \(Self.w)><w:body><w:tbl>"
        for i in 0..<100_000 { xml += "<w:tr><w:tc><w:p><w:r><w:t>\(i * 7919 % 100_003)</w:t></w:r></w:p></w:tc></w:tr>" }
        xml += "</w:tbl></w:body></w:document>"
        try writeDocx("rows.docx", Array(xml.utf8))
        let r = try lint()
        // The table holds no performance form: the file is read to the end and says so.
        let d = r.diagnostics("rows.docx")
        XCTAssertEqual(d.map { $0["ruleId"] as? String }, ["unrecognized-document"], "\(d)")
        XCTAssertTrue((d.first?["message"] as? String)?.contains("docx") == true, "\(d)")
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1, "a file with no recognised form fails the run")
        let dump = try runBinary(["dump", "rows.docx"])
        XCTAssertEqual(dump.status, 0)
        XCTAssertTrue(dump.stdout.contains("\"row\":100000") || dump.stdout.contains("\"row\" : 100000"), "the last row is read")
    }
}

/// One read budget per file (hostile 03, 04, 20): padding, merges and references cannot
/// multiply a small file into gigabytes or minutes.
extension HostileInputTests {
    static let s = "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""

    /// A workbook whose `sheets` sheets all point at one worksheet part.
    func writeXlsx(_ name: String, sheet: String, sheets: Int = 1, shared: String? = nil, styles: String? = nil) throws {
        let r = "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""
        let list = (1...sheets).map { "<sheet name=\"S\($0)\" sheetId=\"\($0)\" r:id=\"rId1\"/>" }.joined()
        var rels = "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        if shared != nil { rels += "<Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings\" Target=\"sharedStrings.xml\"/>" }
        if styles != nil { rels += "<Relationship Id=\"rId3\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>" }
        var zip = TestZipWriter()
        zip.addDeflated("xl/workbook.xml", Array("<workbook \(Self.s) \(r)><sheets>\(list)</sheets></workbook>".utf8))
        zip.addDeflated("xl/_rels/workbook.xml.rels", Array("<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(rels)</Relationships>".utf8))
        zip.addDeflated("xl/worksheets/sheet1.xml", Array("<worksheet \(Self.s)><sheetData>\(sheet)</sheetData></worksheet>".utf8))
        // Stored, as the reproduction does: a deflated run of one character is refused as a ZIP bomb first.
        if let shared { zip.addStored("xl/sharedStrings.xml", shared) }
        if let styles { zip.addDeflated("xl/styles.xml", Array(styles.utf8)) }
        try zip.data().write(to: dir.appendingPathComponent(name))
    }

    // 03: two cells (A1 and ALL2000) were padded to a 2,000,000-cell grid, in 40 sheets sharing
    // one part. Sheets are laid out from the cells present: every sheet is read, both its cells.
    func testSparseSheetsAreReadFromTheirCells() throws {
        let sheet = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>x</t></is></c></row><row r=\"2000\"><c r=\"ALL2000\"><v>1</v></c></row>"
        try writeXlsx("sparse.xlsx", sheet: sheet, sheets: 40)
        let r = try lint()
        // Nothing in it is a form: read to the end, and said so.
        XCTAssertEqual(r.diagnostics("sparse.xlsx").map { $0["ruleId"] as? String }, ["unrecognized-document"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
        let dump = try runBinary(["dump", "sparse.xlsx"])
        XCTAssertEqual(dump.status, 0, dump.stderr)
        let model = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8)) as! [String: Any]
        let blocks = (model["document"] as! [String: Any])["blocks"] as! [[String: Any]]
        let refs = blocks.map { block -> [String] in
            let rows = (block["table"] as! [String: Any])["rows"] as! [[String: Any]]
            return rows.flatMap { ($0["cells"] as! [[String: Any]]).map { ($0["location"] as! [String: Any])["cellRef"] as! String } }
        }
        XCTAssertEqual(refs, Array(repeating: ["A1", "ALL2000"], count: 40))
    }

    // 04: one long shared string referenced by many cells, and a long merged Word cell continued
    // down many rows, are charged once per cell showing them, against one character budget.
    func testReferencedLongTextIsChargedPerReference() throws {
        let long = String(repeating: "资", count: 1_000_000)
        let rows = (1...200).map { r in "<row r=\"\(r)\">" + "ABCDEFGHIJ".map { "<c r=\"\($0)\(r)\" t=\"s\"><v>0</v></c>" }.joined() + "</row>" }.joined()
        try writeXlsx("shared.xlsx", sheet: rows, shared: "<sst \(Self.s)><si><t>\(long)</t></si></sst>")
        let tc = { (t: String) in "<w:tc><w:p><w:r><w:t>\(t)</w:t></w:r></w:p></w:tc>" }
        let merged = "<w:tbl><w:tr><w:tc><w:tcPr><w:vMerge w:val=\"restart\"/></w:tcPr><w:p><w:r><w:t>\(String(repeating: "资", count: 300_000))</w:t></w:r></w:p></w:tc>\(tc("项目"))</w:tr>"
            + String(repeating: "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>\(tc("1"))</w:tr>", count: 3000) + "</w:tbl>"
        try writeDocx("vmerge.docx", Array("<w:document \(Self.w)><w:body>\(merged)</w:body></w:document>".utf8), stored: true)
        let r = try lint()
        for name in ["shared.xlsx", "vmerge.docx"] {
            assertParseError(r, name, contains: ["超出单个文件的读取预算", "limits.characters"])
        }
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    // 20: a 1,000,000-character number format literal printed into every cell of its style.
    func testNumberFormatLongerThanExcelAllowsIsRefused() throws {
        let styles = "<styleSheet \(Self.s)><numFmts><numFmt numFmtId=\"200\" formatCode=\"&quot;\(String(repeating: "x", count: 1_000_000))&quot;0\"/></numFmts><cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"200\"/></cellXfs></styleSheet>"
        let rows = (1...600).map { r in "<row r=\"\(r)\">" + "ABCDEFGHIJ".map { "<c r=\"\($0)\(r)\" s=\"1\"><v>\(r)</v></c>" }.joined() + "</row>" }.joined()
        try writeXlsx("literal.xlsx", sheet: rows, styles: styles)
        let r = try lint()
        assertParseError(r, "literal.xlsx", contains: ["xl/styles.xml", "数字格式 200", "255"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }

    /// The budget is set in `.lintrc`; a real report over a small budget names the key to raise.
    func testLimitsInLintrcApplyToEveryReader() throws {
        try fm.copyItem(at: CLITests.root.appendingPathComponent("Examples/office/hunan-gxt-2024-overall.docx"),
                        to: dir.appendingPathComponent("report.docx"))
        try Data(#"{"limits": {"cells": 50}}"#.utf8).write(to: dir.appendingPathComponent("small.lintrc"))
        let small = try lint(config: ["--config", dir.appendingPathComponent("small.lintrc").path])
        assertParseError(small, "report.docx", contains: ["超出单个文件的读取预算", "50", "limits.cells"])
        assertCleanSeedLinted(small)
        let normal = try lint()
        XCTAssertFalse(normal.diagnostics("report.docx").contains { ($0["message"] as? String)?.contains("读取预算") == true })
    }
}

/// Plugins cannot outlive their deadline (hostile 11).
extension HostileInputTests {
    func writePlugin(_ script: String, timeout: Int) throws {
        let plugin = dir.appendingPathComponent("plugin.sh")
        try Data(("#!/bin/sh\n" + script).utf8).write(to: plugin)
        XCTAssertEqual(chmod(plugin.path, 0o755), 0)
        try Data(#"{"plugins": [{"id": "p", "command": ["./plugin.sh"], "timeout": \#(timeout), "paths": ["clean.txt"]}]}"#.utf8)
            .write(to: dir.appendingPathComponent(".lintrc"))
    }

    // 11: a plugin that answers, closes its output and keeps running was waited for without a deadline.
    func testPluginThatClosesItsOutputIsKilledAtTheDeadline() throws {
        try writePlugin("""
            cat > /dev/null
            echo '{"protocol":"auditlint-plugin/1","diagnostics":[]}'
            exec >&- 2>&-
            sleep 300
            """, timeout: 2)
        let r = try lint(config: ["--allow-plugins"])
        assertCleanSeedLinted(r)
        XCTAssertTrue(r.stderr.contains("插件 p") && r.stderr.contains("超过 2 秒"), r.stderr)
        XCTAssertEqual(r.status, 2, "a plugin that fails fails the run unless it is optional")
    }

    /// A child that leaves the plugin's session (setsid) is found and killed all the same.
    func testPluginChildThatCallsSetsidDoesNotOutliveTheRun() throws {
        try writePlugin("""
            cat > /dev/null
            setsid sh -c 'echo $$ > escaped.pid; exec sleep 300' < /dev/null > /dev/null 2>&1 &
            while [ ! -s escaped.pid ]; do sleep 0.05; done
            echo '{"protocol":"auditlint-plugin/1","diagnostics":[]}'
            """, timeout: 60)
        let r = try lint(config: ["--allow-plugins"])
        assertCleanSeedLinted(r)
        let text = try String(contentsOf: dir.appendingPathComponent("escaped.pid"), encoding: .utf8)
        let escaped = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))!
        XCTAssertEqual(kill(escaped, 0), -1, "the setsid child \(escaped) is gone")
        if kill(escaped, 0) == 0 { kill(escaped, SIGKILL) }
    }
}

/// Overlapping ZIP entries are refused from the central directory, before inflating.
extension HostileInputTests {
    func testOverlappingZipEntriesAreRefusedBeforeInflating() throws {
        // Fifield's construction: several central records share one deflate stream, so each
        // inflates to the whole (here 64 MiB of zeros, three times over).
        var zip = TestZipWriter()
        zip.addDeflated("[Content_Types].xml", Array("<Types/>".utf8))
        zip.addZeroBomb("word/media/kernel.bin", megabytes: 64)
        zip.addAlias("word/document.xml", of: "word/media/kernel.bin")
        zip.addAlias("word/styles.xml", of: "word/media/kernel.bin")
        try zip.data().write(to: dir.appendingPathComponent("overlap.docx"))
        let r = try lint()
        assertParseError(r, "overlap.docx", contains: ["docx 拒绝读取", "相互重叠", "ZIP 炸弹"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }
}

/// Memory stays flat over many empty files (hostile 14).
extension HostileInputTests {
    func testManyEmptyFilesAreEachAParseErrorAndNotOpened() throws {
        let empty = dir.appendingPathComponent("empty")
        try fm.createDirectory(at: empty, withIntermediateDirectories: true)
        for i in 0..<2000 { XCTAssertTrue(fm.createFile(atPath: empty.appendingPathComponent("e\(i).txt").path, contents: nil)) }
        let r = try lint()
        XCTAssertEqual(r.files.count, 2001)
        assertParseError(r, "empty/e1999.txt", contains: ["文件为空"])
        assertCleanSeedLinted(r)
        XCTAssertEqual(r.status, 1)
    }
}

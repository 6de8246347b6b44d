import Foundation
import XCTest

/// Output that cannot be forged: a file name or a report's text cannot start a fake finding
/// line, drive the terminal or reorder what is shown (hostile/17_text_output_forging.sh).
final class OutputForgingTests: XCTestCase {
    var dir: URL!
    let fm = FileManager.default
    var seed: URL { CLITests.root.appendingPathComponent(CLITests.seedPath("000")) }

    override func setUpWithError() throws {
        dir = fm.temporaryDirectory.appendingPathComponent("auditlint-forge-\(UUID().uuidString)")
        try fm.createDirectory(at: dir.appendingPathComponent("a"), withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { if let dir { try? fm.removeItem(at: dir) } }

    func testNewlineAndEscapeInFileNamesCannotForgeLines() throws {
        try fm.copyItem(at: seed, to: dir.appendingPathComponent("a/x\nfake.txt:1:1: 错误: forged [sum-mismatch]\ny.txt"))
        try fm.copyItem(at: seed, to: dir.appendingPathComponent("a/esc\u{1B}[31mRED.txt"))
        let r = try CLITests.runBinary(["--no-config", "a"], cwd: dir)
        XCTAssertEqual(r.status, 0)
        let lines = r.stdout.components(separatedBy: "\n")
        XCTAssertFalse(lines.contains { $0.hasPrefix("fake.txt") }, r.stdout)
        XCTAssertTrue(r.stdout.contains("a/x\\u{A}fake.txt:1:1: 错误: forged [sum-mismatch]\\u{A}y.txt:31:2: 警告: "), r.stdout)
        XCTAssertTrue(r.stdout.contains("a/esc\\u{1B}[31mRED.txt:31:2"), r.stdout)
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value == 0x1B }, "no raw ESC reaches the terminal")
        // Every non-empty line before the summary is one finding of a real file.
        let findings = lines.filter { $0.hasPrefix("a/") }
        XCTAssertEqual(findings.count, 2)
        for format in ["json", "sarif", "github"] {
            let out = try CLITests.runBinary(["--no-config", "--format", format, "a"], cwd: dir).stdout
            XCTAssertFalse(out.unicodeScalars.contains { $0.value == 0x1B }, format)
            XCTAssertTrue(out.contains("\\u{1B}") || out.contains("\\\\u{1B}") || out.contains("%5Cu%7B1B%7D"), "\(format): \(out.prefix(600))")
        }
    }

    func testBidiAndZeroWidthInMessagesAreShownEscaped() throws {
        var lines = try String(contentsOf: seed, encoding: .utf8).components(separatedBy: "\n")
        lines[30] = "\t9.\u{202E}00"
        try lines.joined(separator: "\n").write(to: dir.appendingPathComponent("a/bidi.txt"), atomically: true, encoding: .utf8)
        try fm.copyItem(at: seed, to: dir.appendingPathComponent("a/zero\u{200B}width.txt"))
        let r = try CLITests.runBinary(["--no-config", "a"], cwd: dir)
        let finding = r.stdout.components(separatedBy: "\n").first { $0.contains("[score-exceeds-weight]") }
        XCTAssertNotNil(finding, r.stdout)
        XCTAssertTrue(finding?.contains("9.\\u{202E}00") == true, finding ?? "")
        XCTAssertTrue(r.stdout.contains("a/zero\\u{200B}width.txt:31:2"), r.stdout)
        XCTAssertFalse(r.stdout.unicodeScalars.contains { $0.value == 0x202E || $0.value == 0x200B })
        // JSON stays valid JSON and carries the same escape as text.
        let j = try CLITests.runBinary(["--no-config", "--format", "json", "a/bidi.txt"], cwd: dir)
        let doc = try JSONSerialization.jsonObject(with: Data(j.stdout.utf8)) as! [String: Any]
        let messages = ((doc["files"] as! [[String: Any]])[0]["diagnostics"] as! [[String: Any]]).map { $0["message"] as! String }
        XCTAssertTrue(messages.contains { $0.contains("9.\\u{202E}00") }, "\(messages)")
    }

    func testAModelCannotPlaceFindingsOnAnotherFile() throws {
        let dump = try CLITests.runBinary(["dump", seed.path], cwd: dir)
        var model = try JSONSerialization.jsonObject(with: Data(dump.stdout.utf8))
        func walk(_ o: Any) -> Any {
            if var d = o as? [String: Any] {
                if d["file"] != nil { d["file"] = "other/secret.txt\nfake2.txt:9:9: 错误: forged" }
                return d.mapValues(walk)
            }
            if let a = o as? [Any] { return a.map(walk) }
            return o
        }
        model = walk(model)
        try JSONSerialization.data(withJSONObject: model).write(to: dir.appendingPathComponent("a/model.json"))
        let r = try CLITests.runBinary(["--no-config", "a/model.json"], cwd: dir)
        XCTAssertFalse(r.stdout.contains("secret") || r.stdout.contains("fake2"), r.stdout)
        XCTAssertTrue(r.stdout.contains("a/model.json:31:2: 警告: "), r.stdout)
    }

    /// `--format github`: one workflow command per finding, escaped per GitHub's rules.
    func testGitHubAnnotationsAreEscaped() throws {
        try fm.copyItem(at: seed, to: dir.appendingPathComponent("a/r,1:x%\n::error::forged.txt"))
        try fm.copyItem(at: CLITests.root.appendingPathComponent(CLITests.seedPath("002")), to: dir.appendingPathComponent("a/002.txt"))
        let r = try CLITests.runBinary(["--no-config", "--format", "github", "a"], cwd: dir)
        XCTAssertEqual(r.status, 1)
        let lines = r.stdout.split(separator: "\n").map(String.init)
        XCTAssertTrue(lines.allSatisfy { $0.hasPrefix("::error ") || $0.hasPrefix("::warning ") || $0.hasPrefix("::notice ") }, r.stdout)
        XCTAssertFalse(lines.contains { $0.hasPrefix("::error::forged") })
        XCTAssertTrue(lines.contains { $0.hasPrefix("::warning file=a/r%2C1%3Ax%25\\u{A}%3A%3Aerror%3A%3Aforged.txt,line=31,col=2,title=execution-rate::") }, r.stdout)
        let sum = lines.first { $0.contains("title=sum-mismatch") }
        XCTAssertTrue(sum?.hasPrefix("::error file=a/002.txt,line=1078,col=") == true, sum ?? r.stdout)
    }
}

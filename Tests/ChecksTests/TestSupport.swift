import Foundation
import XCTest
import Core
import Checks

/// Shared helpers: the repository's example files and a linter with the built-in checks.
enum TestSupport {
    /// The repository root, found from this file's path.
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func seedURL(_ prefix: String) -> URL {
        let dir = root.appendingPathComponent("Examples/seeds")
        let name = try! FileManager.default.contentsOfDirectory(atPath: dir.path).first { $0.hasPrefix(prefix) && $0.hasSuffix(".txt") }!
        return dir.appendingPathComponent(name)
    }

    static func seedText(_ prefix: String) -> String {
        try! String(contentsOf: seedURL(prefix), encoding: .utf8)
    }

    static func engine(_ settings: LintSettings = LintSettings()) -> LintEngine {
        LintEngine(registry: BuiltinChecks.registry, settings: settings)
    }

    static func lint(_ text: String, path: String, settings: LintSettings = LintSettings()) -> [Diagnostic] {
        engine(settings).lint(data: Data(text.utf8), path: path).diagnostics
    }

    /// A copy of `text` with one line changed; fails the test if the line does not hold `old`,
    /// so a mutation can never silently miss its target.
    static func mutate(_ text: String, line: Int, replacing old: String, with new: String, file: StaticString = #filePath, lineNo: UInt = #line) -> String {
        var lines = text.components(separatedBy: "\n")
        XCTAssertTrue(lines[line - 1].contains(old), "line \(line) is «\(lines[line - 1])», expected it to contain «\(old)»", file: file, line: lineNo)
        lines[line - 1] = lines[line - 1].replacingOccurrences(of: old, with: new)
        return lines.joined(separator: "\n")
    }
}

import Foundation
import XCTest

/// C library imports stay in small platform files, each with a Darwin branch, so a port to
/// macOS touches those files only. Foundation brings the POSIX calls both platforms share.
final class PortabilityTests: XCTestCase {
    func sources() throws -> [(path: String, text: String)] {
        let root = CLITests.root.appendingPathComponent("Sources")
        let e = FileManager.default.enumerator(atPath: root.path)!
        var out: [(String, String)] = []
        while let rel = e.nextObject() as? String {
            guard rel.hasSuffix(".swift") else { continue }
            out.append(("Sources/" + rel, try String(contentsOf: root.appendingPathComponent(rel), encoding: .utf8)))
        }
        return out
    }

    func testOnlyPlatformFilesImportGlibc() throws {
        let all = try sources()
        XCTAssertGreaterThan(all.count, 50)
        let importing = all.filter { $0.text.range(of: #"(?m)^\s*import\s+Glibc\b"#, options: .regularExpression) != nil }
        XCTAssertFalse(importing.isEmpty, "the platform files themselves import Glibc")
        for f in importing {
            XCTAssertTrue(f.path.hasPrefix("Sources/Core/Platform/") || f.path.hasPrefix("Sources/Lint/Platform/"),
                          "\(f.path) imports Glibc outside a Platform/ directory")
            XCTAssertTrue(f.text.contains("#elseif canImport(Darwin)"), "\(f.path) has no Darwin branch")
            XCTAssertLessThan(f.text.components(separatedBy: "\n").count, 250, "\(f.path): platform files stay small")
        }
        // Nothing outside the platform files names a glibc-only symbol either.
        for f in all where !f.path.contains("/Platform/") {
            for symbol in ["Glibc.", "__sigaction_handler", "import Darwin"] {
                XCTAssertFalse(f.text.contains(symbol), "\(f.path) uses \(symbol)")
            }
        }
    }
}

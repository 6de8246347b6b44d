import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import Lint

/// SignalCleanup removes the temporary file when a signal ends the process mid-write.
/// The signal is raised in a child: this test bundle run again on `testChildRaisesMidWrite` only.
final class SignalCleanupTests: XCTestCase {
    static let childPath = "AUDITLINT_SIGNAL_CHILD_PATH"
    static let childSignal = "AUDITLINT_SIGNAL_CHILD_SIGNAL"

    /// Does nothing unless started by `testTemporaryFileIsRemovedWhenASignalArrives`.
    func testChildRaisesMidWrite() throws {
        let env = ProcessInfo.processInfo.environment
        guard let path = env[Self.childPath], let sig = env[Self.childSignal].flatMap({ Int32($0) }) else { return }
        try Data("partial".utf8).write(to: URL(fileURLWithPath: path))
        SignalCleanup.removing(path) {
            raise(sig)
            sleep(10)
        }
        XCTFail("the signal should have ended the process")
    }

    func testTemporaryFileIsRemovedWhenASignalArrives() throws {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0])
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            let path = FileManager.default.temporaryDirectory.appendingPathComponent(".out.sarif.tmp-\(UUID().uuidString)").path
            defer { unlink(path) }
            let p = Process()
            p.executableURL = bundle
            p.arguments = ["LintTests.SignalCleanupTests/testChildRaisesMidWrite"]
            var env = ProcessInfo.processInfo.environment
            env[Self.childPath] = path
            env[Self.childSignal] = String(sig)
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            XCTAssertEqual(p.terminationReason, .uncaughtSignal, "signal \(sig) still ends the process")
            XCTAssertEqual(p.terminationStatus, sig)
            XCTAssertFalse(FileManager.default.fileExists(atPath: path), "signal \(sig): temporary file removed")
        }
    }

    func testWithoutASignalTheFileIsLeftToTheCaller() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("keep-\(UUID().uuidString)").path
        defer { unlink(path) }
        let value = try SignalCleanup.removing(path) { () throws -> Int in
            try Data("whole".utf8).write(to: URL(fileURLWithPath: path))
            return 42
        }
        XCTAssertEqual(value, 42)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "whole")
    }
}

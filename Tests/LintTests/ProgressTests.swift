import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif
@testable import Lint
import Core
import Checks

/// The progress line: what it renders, when it is shown, and that it never changes the results.
final class ProgressTests: XCTestCase {
    final class Buffer: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [String] = []
        func append(_ s: String) { lock.lock(); items.append(s); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return items }
    }

    func testRendersDoneTotalAndFindingsThenClears() {
        let out = Buffer()
        let p = Progress(total: 3, interval: 0, write: out.append)
        p.fileFinished(findings: 2)
        p.fileFinished(findings: 0)
        p.fileFinished(findings: 5)
        p.finish()
        p.finish()
        p.fileFinished(findings: 1)
        let erase = "\r\u{1B}[K"
        XCTAssertEqual(out.all, [
            erase + "auditlint: 已检查 1/3 个文件，发现 2 处问题",
            erase + "auditlint: 已检查 2/3 个文件，发现 2 处问题",
            erase + "auditlint: 已检查 3/3 个文件，发现 7 处问题",
            erase,
        ])
    }

    func testRedrawsAreThrottledButTheLastFileIsAlwaysShown() {
        let out = Buffer()
        let p = Progress(total: 100, interval: 3600, write: out.append)
        for _ in 0..<100 { p.fileFinished(findings: 1) }
        p.finish()
        XCTAssertEqual(out.all.count, 3, "first file, last file, clear: \(out.all)")
        XCTAssertTrue(out.all[1].hasSuffix("已检查 100/100 个文件，发现 100 处问题"))
    }

    func testNothingDrawnNothingCleared() {
        let out = Buffer()
        Progress(total: 5, write: out.append).finish()
        XCTAssertEqual(out.all, [])
    }

    func testSmallBatchesGetNoProgress() {
        XCTAssertNil(Progress.forStandardError(total: Progress.minimumFiles - 1))
        if isatty(STDERR_FILENO) == 0 { XCTAssertNil(Progress.forStandardError(total: 10_000), "stderr is not a terminal") }
    }

    /// Counting from every worker gives the true totals, and results stay in input order.
    func testParallelLinterReportsEveryFileAndKeepsOrder() throws {
        let seeds = try FileManager.default.contentsOfDirectory(atPath: CLITests.root.appendingPathComponent("Examples/seeds").path)
            .filter { $0.hasPrefix("000") || $0.hasPrefix("002") }.sorted()
            .map { CLITests.root.appendingPathComponent("Examples/seeds/\($0)").path }
        let files = (0..<8).flatMap { _ in seeds + [CLITests.root.appendingPathComponent("Examples/webtext/000-webtext.txt").path] }
        let engine = LintEngine(registry: BuiltinChecks.registry, settings: LintSettings())
        let out = Buffer()
        var linter = ParallelLinter(engine: engine, jobs: 2)
        linter.progress = { total in Progress(total: total, interval: 0, write: out.append) }
        var parallel: [FileResult] = []
        linter.lint(files.map(ParallelLinter.Item.file)) { parallel.append($0) }
        var serial = ParallelLinter(engine: engine, jobs: 1)
        serial.progress = { _ in nil }
        var one: [FileResult] = []
        serial.lint(files.map(ParallelLinter.Item.file)) { one.append($0) }
        XCTAssertEqual(parallel.map(\.path), files)
        XCTAssertEqual(parallel.map { $0.diagnostics.map(\.message) }, one.map { $0.diagnostics.map(\.message) })
        let findings = parallel.reduce(0) { $0 + $1.diagnostics.count }
        XCTAssertEqual(out.all.count, files.count + 1)
        XCTAssertEqual(out.all[files.count - 1], "\r\u{1B}[Kauditlint: 已检查 \(files.count)/\(files.count) 个文件，发现 \(findings) 处问题")
        XCTAssertEqual(out.all.last, "\r\u{1B}[K")
    }

    /// Results are handed on while the batch is still running, and workers never get more than
    /// the window ahead of the oldest result not yet handed on: memory is bounded by the window,
    /// not by the number of files.
    func testParallelLinterStreamsWithABoundedWindow() throws {
        let seed = CLITests.root.appendingPathComponent("Examples/seeds/000_3870ed54750f2314.txt").path
        let big = CLITests.root.appendingPathComponent("Examples/seeds/001_8322ac4f40ca5a9f.txt").path
        // A slow file first, then many quick ones: the quick ones must wait for it, within the window.
        let files = [big] + Array(repeating: seed, count: 120)
        let out = Buffer()
        var linter = ParallelLinter(engine: LintEngine(registry: BuiltinChecks.registry, settings: LintSettings()), jobs: 2)
        linter.progress = { total in Progress(total: total, interval: 0, write: out.append) }
        let window = ParallelLinter.window(workers: 2)
        var doneAtEmit: [Int] = []
        linter.lint(files.map(ParallelLinter.Item.file)) { _ in
            // The last progress line says how many files had finished when this result was handed on.
            let last = out.all.last ?? ""
            let done = last.split(separator: " ").first { $0.contains("/") }.flatMap { $0.split(separator: "/").first }.flatMap { Int($0) } ?? 0
            doneAtEmit.append(done)
        }
        XCTAssertEqual(doneAtEmit.count, files.count)
        for (k, done) in doneAtEmit.enumerated() {
            XCTAssertLessThanOrEqual(done, k + 1 + window, "result \(k) was handed on when \(done) files had finished")
        }
        XCTAssertLessThan(doneAtEmit[0], files.count, "the first result is handed on before the batch ends")
    }

    /// A result known without linting (an unreadable directory) takes its place in the order.
    func testKnownResultsKeepTheirPlace() {
        let seed = CLITests.root.appendingPathComponent("Examples/seeds/000_3870ed54750f2314.txt").path
        let known = FileResult(path: "/nowhere/dir", format: nil, diagnostics: [])
        var linter = ParallelLinter(engine: LintEngine(registry: BuiltinChecks.registry, settings: LintSettings()), jobs: 2)
        linter.progress = { _ in nil }
        var paths: [String] = []
        linter.lint([.file(seed), .known(known), .file(seed)]) { paths.append($0.path) }
        XCTAssertEqual(paths, [seed, "/nowhere/dir", seed])
    }

    // MARK: - Through the binary

    func makeBatch(_ count: Int) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("auditlint-progress-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let seed = try Data(contentsOf: CLITests.root.appendingPathComponent("Examples/webtext/000-webtext.txt"))
        for i in 0..<count { try seed.write(to: dir.appendingPathComponent("r\(i).txt")) }
        return dir
    }

    /// Runs the binary with stdout and stderr on pipes.
    func run(_ args: [String], cwd: URL) throws -> (stdout: String, stderr: String) {
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = args
        p.currentDirectoryURL = cwd
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        final class Box: @unchecked Sendable { var data = Data() }
        let e = Box()
        let drained = DispatchSemaphore(value: 0)
        DispatchQueue.global().async { e.data = err.fileHandleForReading.readDataToEndOfFile(); drained.signal() }
        let o = out.fileHandleForReading.readDataToEndOfFile()
        drained.wait()
        p.waitUntilExit()
        return (String(decoding: o, as: UTF8.self), String(decoding: e.data, as: UTF8.self))
    }

    /// A pipe is not a terminal: stderr stays empty however large the batch.
    func testNoProgressWhenStderrIsNotATerminal() throws {
        let dir = try makeBatch(60)
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try run(["--no-config", "--jobs", "2", dir.path], cwd: dir)
        XCTAssertEqual(r.stderr, "")
        XCTAssertTrue(r.stdout.contains("r59.txt"))
    }

    /// On a pseudo-terminal the line appears, ends cleared, and stdout is unchanged.
    func testProgressOnATerminal() throws {
        let dir = try makeBatch(60)
        defer { try? FileManager.default.removeItem(at: dir) }
        // The pty calls are not in the Glibc module map; look them up in libc.
        typealias IntCall = @convention(c) (Int32) -> Int32
        typealias NameCall = @convention(c) (Int32) -> UnsafeMutablePointer<CChar>?
        let libc = dlopen(nil, RTLD_NOW)
        guard let o = dlsym(libc, "posix_openpt"), let g = dlsym(libc, "grantpt"), let u = dlsym(libc, "unlockpt"),
              let n = dlsym(libc, "ptsname") else { throw XCTSkip("no pty functions in libc") }
        let master = unsafeBitCast(o, to: IntCall.self)(O_RDWR | O_NOCTTY)
        guard master >= 0, unsafeBitCast(g, to: IntCall.self)(master) == 0, unsafeBitCast(u, to: IntCall.self)(master) == 0,
              let name = unsafeBitCast(n, to: NameCall.self)(master) else {
            throw XCTSkip("no pseudo-terminal available")
        }
        let slave = open(String(cString: name), O_RDWR | O_NOCTTY)
        XCTAssertGreaterThanOrEqual(slave, 0)
        let p = Process()
        p.executableURL = CLITests.binary
        p.arguments = ["--no-config", "--jobs", "2", dir.path]
        p.currentDirectoryURL = dir
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle(fileDescriptor: slave, closeOnDealloc: false)
        final class Bytes: @unchecked Sendable { var data = Data() }
        let tty = Bytes()
        let done = DispatchSemaphore(value: 0)
        // Drains the terminal while the run goes on; once every slave descriptor is closed,
        // read() on the master fails (EIO) and the loop ends.
        Thread {
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = read(master, &buf, buf.count)
                if n <= 0 { break }
                tty.data.append(contentsOf: buf[0..<n])
            }
            done.signal()
        }.start()
        try p.run()
        close(slave)
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        XCTAssertEqual(done.wait(timeout: .now() + 30), .success, "terminal drained")
        close(master)
        let text = String(decoding: tty.data, as: UTF8.self)
        XCTAssertTrue(text.contains("已检查 60/60 个文件"), text)
        XCTAssertTrue(text.hasSuffix("\r\u{1B}[K"), "the line is cleared at the end: \(text.debugDescription.suffix(80))")
        let plain = try run(["--no-config", "--jobs", "1", dir.path], cwd: dir)
        XCTAssertEqual(String(decoding: stdout, as: UTF8.self), plain.stdout, "stdout is the same with or without a terminal")
    }
}

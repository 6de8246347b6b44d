import Foundation
import Dispatch

/// "files done / total, findings so far" on one overwritten terminal line.
///
/// Only shown on an interactive stderr and for large batches (`forStandardError`), so
/// pipes, CI logs and redirected runs stay quiet. Safe to call from every worker thread;
/// redraws are throttled, and `finish()` clears the line so the report starts clean.
final class Progress: @unchecked Sendable {
    /// Batches smaller than this finish too fast for a progress line to help.
    static let minimumFiles = 50

    let total: Int
    private let write: (String) -> Void
    private let interval: UInt64
    private let lock = NSLock()
    private var done = 0
    private var findings = 0
    private var lastDraw: UInt64 = 0
    private var drawn = false
    private var finished = false

    /// `write` receives each escape-sequence update; `interval` is the least time between redraws.
    init(total: Int, interval: Double = 0.1, write: @escaping (String) -> Void) {
        self.total = total
        self.interval = UInt64(max(0, interval) * 1e9)
        self.write = write
    }

    /// A progress line on stderr when it is a terminal and the batch is large; nil otherwise.
    static func forStandardError(total: Int) -> Progress? {
        guard total >= minimumFiles, isatty(STDERR_FILENO) != 0 else { return nil }
        return Progress(total: total) { s in FileHandle.standardError.write(Data(s.utf8)) }
    }

    /// The text of the line (without the escape sequences).
    static func line(done: Int, total: Int, findings: Int) -> String {
        "auditlint: 已检查 \(done)/\(total) 个文件，发现 \(findings) 处问题"
    }

    /// Called once per linted file with its number of findings.
    func fileFinished(findings n: Int) {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        done += 1
        findings += n
        let now = DispatchTime.now().uptimeNanoseconds
        guard done == total || !drawn || now &- lastDraw >= interval else { return }
        lastDraw = now
        drawn = true
        // \r returns to the start of the line, ESC[K erases what a longer earlier line left.
        write("\r\u{1B}[K" + Self.line(done: done, total: total, findings: findings))
    }

    /// Clears the line; later calls do nothing.
    func finish() {
        lock.lock()
        defer { lock.unlock() }
        guard !finished else { return }
        finished = true
        if drawn { write("\r\u{1B}[K") }
    }
}

import Foundation
import Core

/// How to start a worker: this executable, the hidden `__worker` subcommand and the options
/// that decide the configuration (the worker loads the same config from the same directory).
struct WorkerLauncher: Sendable {
    var executable: String
    var configArguments: [String]
    var limits: ResourceLimits
    /// Seconds the plugins may take on one file; the wall-clock watchdog adds them.
    var pluginSeconds: Double
    /// The engine a worker forked from the linter runs (the linter's own, built from the same
    /// configuration); nil spawns every worker from the executable.
    var engine: LintEngine? = nil

    static let subcommand = "__worker"

    /// The wall-clock time one file may take before the watchdog kills its worker: four times
    /// the CPU budget and at least a minute more than it (a worker waits for the disk and, on a
    /// busy machine, for a core; the CPU limit is the budget, this only catches a blocked worker),
    /// plus the plugins' time.
    var wallSeconds: Double {
        let cpu = Double(limits.cpuSeconds)
        return max(cpu * 4, cpu + 60) + pluginSeconds
    }

    /// The worker's environment: the caller's, without the Swift crash reporter (a hostile
    /// file that crashes a worker is reported as a parse-error, not as pages of backtrace).
    var environment: [String] {
        var env = ProcessInfo.processInfo.environment
        if env["SWIFT_BACKTRACE"] == nil { env["SWIFT_BACKTRACE"] = "enable=no" }
        return env.map { "\($0.key)=\($0.value)" }
    }
}

/// One worker process, seen from the linter: up to `depth` paths are sent ahead (so the
/// worker never waits for the linter to wake up between files), and the results come back in
/// order under a watchdog (wall-clock time, resident memory). When the worker dies or is
/// killed, the file it was on (the oldest unanswered) gets a `parse-error` saying what
/// happened, a fresh worker is started and the files sent after it are sent again.
final class WorkerProcess {
    /// The most files sent ahead of their results.
    static let maxDepth = 8
    /// How many files are sent ahead now: few on a small run, where files sent ahead to one
    /// worker would leave another idle.
    var depth = 1

    private let launcher: WorkerLauncher
    private var pid: pid_t = 0
    private var socket: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)
    private var frames = FrameReader()
    /// Sent and not yet answered, oldest first.
    private var pending: [(index: Int, path: String)] = []
    /// Files that could not be handed to a worker (none could be started): linted in process.
    private var local: [(index: Int, path: String)] = []

    init(launcher: WorkerLauncher) { self.launcher = launcher }

    /// Starts the process now, before it has a file.
    func prestart() { _ = start() }

    deinit { stop() }

    /// True while fewer than `depth` files are waiting for their results.
    var hasRoom: Bool { pending.count + local.count < depth }
    var isIdle: Bool { pending.isEmpty && local.isEmpty }

    /// Sends `path` (the `index`-th item) to the worker.
    func submit(_ index: Int, _ path: String) {
        if local.isEmpty, start(), WorkerPlatform.sendAll(socket, WorkerProtocol.frame(Array(path.utf8))) {
            pending.append((index, path))
        } else if local.isEmpty, pid > 0 {
            // The worker died between files; its failure shows when the results are read.
            pending.append((index, path))
        } else {
            local.append((index, path))
        }
    }

    /// The result of the oldest file submitted; `fallback` lints a file in process when no
    /// worker can be started.
    func next(fallback: (String) -> FileResult) -> (index: Int, result: FileResult)? {
        if pending.isEmpty, !local.isEmpty {
            let file = local.removeFirst()
            return (file.index, fallback(file.path))
        }
        guard !pending.isEmpty else { return nil }
        let head = pending[0]
        if let result = waitForResult(head.path) {
            pending.removeFirst()
            return (head.index, result)
        }
        // The worker is gone, on the head file: report it, and resend the others to a new one.
        let failed = pending.removeFirst()
        let rest = pending
        pending = []
        for file in rest { submit(file.index, file.path) }
        return (failed.index, failure(failed.path, reason: lastFailure))
    }

    private var lastFailure = ""

    /// The next reply from the worker, nil when it died or was killed (`lastFailure` says why).
    private func waitForResult(_ path: String) -> FileResult? {
        guard pid > 0 else { lastFailure = "读取时工作进程无法启动，此文件未能检查"; return nil }
        let started = DispatchTime.now().uptimeNanoseconds
        let memoryLimit = launcher.limits.memoryMegabytes << 20
        var killed: Kill?
        while killed == nil {
            do {
                if let reply = try frames.next() {
                    if let result = try? WorkerProtocol.decode(reply) { return result }
                    break
                }
            } catch { break }
            if WorkerPlatform.waitReadable(socket, milliseconds: 100) {
                let n = WorkerPlatform.receive(socket, &buffer)
                if n <= 0 { break }
                frames.append(buffer[0..<n])
                continue
            }
            if Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9 > launcher.wallSeconds {
                killed = .wallTime
            } else if let rss = WorkerPlatform.residentBytes(pid), rss > memoryLimit {
                killed = .memory
            }
        }
        if killed != nil { WorkerPlatform.kill(pid) }
        let ending = finish()
        lastFailure = reason(killed: killed, ending: ending)
        return nil
    }

    /// Why a worker was killed by the watchdog.
    private enum Kill { case wallTime, memory }
    /// The parse-error message for a file whose worker did not answer.
    private func reason(killed: Kill?, ending: WorkerPlatform.Termination) -> String {
        let limits = launcher.limits
        switch (killed, ending) {
        case (.memory?, _):
            return "超出内存预算 \(limits.memoryMegabytes) MB，已停止读取此文件（可在 .lintrc 的 limits.memoryMegabytes 调整）；其余文件照常检查"
        case (.wallTime?, _):
            return "超出时间预算 \(Int(launcher.wallSeconds)) 秒（等待时间），已停止读取此文件；其余文件照常检查"
        case (nil, .signalled(let s)) where s == WorkerPlatform.cpuLimitSignal:
            return "超出时间预算 \(limits.cpuSeconds) 秒（CPU 时间），已停止读取此文件（可在 .lintrc 的 limits.cpuSeconds 调整）；其余文件照常检查"
        case (nil, .signalled(let s)):
            return "读取时崩溃（信号 \(s)），此文件未能检查（文件可能损坏或含有恶意构造）；其余文件照常检查"
        case (nil, .exited(let code)):
            return "读取时工作进程意外退出（退出码 \(code)），此文件未能检查；其余文件照常检查"
        }
    }

    private func failure(_ path: String, reason: String) -> FileResult {
        FileResult(path: path, format: nil, diagnostics: [
            Diagnostic(ruleId: LintEngine.parseErrorRule, severity: .error, message: reason, location: SourceLocation(file: path), subject: reason),
        ])
    }

    private func start() -> Bool {
        if pid > 0 { return true }
        guard let pair = WorkerPlatform.socketPair() else { return false }
        // Forked while the linter is still single-threaded (the workers started before linting
        // begins); otherwise, or when forking is not possible, the executable is started again.
        let forked = launcher.engine.flatMap { engine in
            WorkerPlatform.forkWorker(socket: pair.child, peer: pair.parent) { WorkerMain.serve(engine: engine, socket: pair.child) }
        }
        let args = [WorkerLauncher.subcommand] + launcher.configArguments
        guard let child = forked ?? WorkerPlatform.spawnWorker(launcher.executable, args, socket: pair.child, environment: launcher.environment) else {
            close(pair.parent); close(pair.child)
            return false
        }
        close(pair.child)
        pid = child
        socket = pair.parent
        WorkerPlatform.parentSockets.insert(socket)
        frames = FrameReader()
        return true
    }

    /// Closes the socket (the worker sees the end of its input and exits) and reaps it.
    @discardableResult
    private func finish() -> WorkerPlatform.Termination {
        guard pid > 0 else { return .exited(0) }
        WorkerPlatform.parentSockets.remove(socket)
        close(socket)
        socket = -1
        let ending = WorkerPlatform.reap(pid)
        pid = 0
        return ending
    }

    /// Ends the worker after its last file.
    func stop() { finish() }
}

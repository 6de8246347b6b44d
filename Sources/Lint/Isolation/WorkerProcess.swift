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

    static let subcommand = "__worker"

    /// The wall-clock time one file may take before the watchdog kills its worker: four times
    /// the CPU budget (a worker waits for the disk and shares the cores), plus the plugins' time.
    var wallSeconds: Double { Double(limits.cpuSeconds) * 4 + pluginSeconds }

    /// The worker's environment: the caller's, without the Swift crash reporter (a hostile
    /// file that crashes a worker is reported as a parse-error, not as pages of backtrace).
    var environment: [String] {
        var env = ProcessInfo.processInfo.environment
        if env["SWIFT_BACKTRACE"] == nil { env["SWIFT_BACKTRACE"] = "enable=no" }
        return env.map { "\($0.key)=\($0.value)" }
    }
}

/// One worker process, seen from the linter: sends it a path, waits for the result under a
/// watchdog (wall-clock time, resident memory) and, when the worker dies or is killed, turns
/// what happened into a `parse-error` for that file and starts a fresh worker for the next.
final class WorkerProcess {
    private let launcher: WorkerLauncher
    private var pid: pid_t = 0
    private var socket: Int32 = -1
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    init(launcher: WorkerLauncher) { self.launcher = launcher }

    deinit { stop() }

    /// Why a worker was killed by the watchdog.
    private enum Kill { case wallTime, memory }

    /// Lints `path` in the worker; nil when no worker can be started (the caller lints in process).
    func lint(_ path: String) -> FileResult? {
        guard start() else { return nil }
        guard WorkerPlatform.sendAll(socket, WorkerProtocol.frame(Array(path.utf8))) else {
            // The worker was gone before it got the file (it died between files): try a fresh one once.
            stop()
            guard start(), WorkerPlatform.sendAll(socket, WorkerProtocol.frame(Array(path.utf8))) else { return nil }
            return waitForResult(path)
        }
        return waitForResult(path)
    }

    private func waitForResult(_ path: String) -> FileResult {
        var frames = FrameReader()
        let started = DispatchTime.now().uptimeNanoseconds
        let memoryLimit = launcher.limits.memoryMegabytes << 20
        var killed: Kill?
        while killed == nil {
            if WorkerPlatform.waitReadable(socket, milliseconds: 100) {
                let n = WorkerPlatform.receive(socket, &buffer)
                if n <= 0 { break }
                frames.append(buffer[0..<n])
                do {
                    if let reply = try frames.next() { return try WorkerProtocol.decode(reply) }
                } catch { break }
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
        return failure(path, reason: reason(killed: killed, ending: ending))
    }

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
        let args = [WorkerLauncher.subcommand] + launcher.configArguments
        guard let child = WorkerPlatform.spawnWorker(launcher.executable, args, socket: pair.child, environment: launcher.environment) else {
            close(pair.parent); close(pair.child)
            return false
        }
        close(pair.child)
        pid = child
        socket = pair.parent
        return true
    }

    /// Closes the socket (the worker sees the end of its input and exits) and reaps it.
    @discardableResult
    private func finish() -> WorkerPlatform.Termination {
        guard pid > 0 else { return .exited(0) }
        close(socket)
        socket = -1
        let ending = WorkerPlatform.reap(pid)
        pid = 0
        return ending
    }

    /// Ends the worker after its last file.
    func stop() { finish() }
}

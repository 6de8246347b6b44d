import Foundation
import Core

/// The hidden `auditlint __worker OPTIONS` subcommand: lints the paths it receives on
/// descriptor 3, one at a time, and answers each with the file's result. It loads the same
/// configuration as the linter that started it, and limits its own CPU time per file and its
/// address space, so a hostile file ends this process only.
enum WorkerMain {
    /// Test switch: a worker raises SIGSEGV on a file whose path contains this text, so a test
    /// can prove that a crash loses that file only. Honoured only here, never in process.
    static let crashSwitch = "AUDITLINT_TEST_CRASH_ON"
    /// Test switch: a worker spins on such a file until its CPU budget ends it.
    static let spinSwitch = "AUDITLINT_TEST_SPIN_ON"

    static func run(_ args: [String]) -> Int32 {
        guard let options = try? Options.parse(args),
              let setup = try? CommandLineTool.setup(config: options.config, noConfig: options.noConfig,
                                                     ruleFlags: options.ruleFlags, allowPlugins: options.allowPlugins) else {
            return 2
        }
        let engine = LintEngine(registry: setup.registry, settings: setup.settings, pluginsAllowed: setup.pluginsAllowed)
        return serve(engine: engine, socket: WorkerPlatform.workerSocketFD)
    }

    /// The worker's loop: limits this process, then lints each path received on `socket` and
    /// answers with its result, until the linter closes the socket. Also the body of a worker
    /// forked from the linter, which already holds the engine.
    static func serve(engine: LintEngine, socket: Int32) -> Int32 {
        let limits = engine.settings.limits
        // The address-space cap backs up the parent's resident-memory watchdog, with room for the runtime.
        WorkerPlatform.limitMemory(bytes: (limits.memoryMegabytes << 20) * 2 + (2 << 30))
        // Every child of a worker is a plugin, so its orphans (a setsid() child) are ours to kill.
        ProcessTree.adoptOrphans()
        let crashOn = ProcessInfo.processInfo.environment[crashSwitch].flatMap { $0.isEmpty ? nil : $0 }
        let spinOn = ProcessInfo.processInfo.environment[spinSwitch].flatMap { $0.isEmpty ? nil : $0 }
        var frames = FrameReader()
        var buffer = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let next: [UInt8]?
            do { next = try frames.next() } catch { return 2 }
            guard let request = next else {
                let n = WorkerPlatform.receive(socket, &buffer)
                if n <= 0 { return 0 }
                frames.append(buffer[0..<n])
                continue
            }
            let path = String(decoding: request, as: UTF8.self)
            WorkerPlatform.limitCPU(secondsFromNow: limits.cpuSeconds)
            if let crashOn, path.contains(crashOn) { WorkerPlatform.crashWithSegmentationFault() }
            if let spinOn, path.contains(spinOn) { spin() }
            let result = engine.lint(path: path)
            guard let reply = try? WorkerProtocol.encode(result),
                  WorkerPlatform.sendAll(socket, WorkerProtocol.frame(reply)) else { return 0 }
        }
    }

    /// Burns CPU until the budget's SIGXCPU ends the process (test switch only).
    private static func spin() -> Never {
        var x: UInt64 = 1
        while true { x = x &* 6364136223846793005 &+ 1442695040888963407; if x == 0 { print(x) } }
    }
}

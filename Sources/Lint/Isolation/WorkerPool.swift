import Foundation

/// The worker processes of one run, started as soon as the configuration is known, so that
/// their start-up overlaps collecting the files; each linting thread checks one out.
final class WorkerPool: @unchecked Sendable {
    let launcher: WorkerLauncher
    private let lock = NSLock()
    private var idle: [WorkerProcess]

    init(launcher: WorkerLauncher, prestart count: Int) {
        self.launcher = launcher
        idle = (0..<max(0, count)).map { _ in
            let w = WorkerProcess(launcher: launcher)
            w.prestart()
            return w
        }
    }

    /// A started worker if one is waiting, else a new one (started on its first file).
    func checkOut() -> WorkerProcess {
        lock.lock()
        defer { lock.unlock() }
        return idle.popLast() ?? WorkerProcess(launcher: launcher)
    }

    /// Ends the workers no thread took (fewer files than workers).
    func stopIdle() {
        lock.lock()
        let rest = idle
        idle = []
        lock.unlock()
        for w in rest { w.stop() }
    }
}

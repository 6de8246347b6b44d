import Foundation
import Dispatch
import Core

/// Lints files on all cores and hands each result on in input order, as soon as every
/// earlier one has been handed on, whatever the scheduling.
///
/// Workers never run more than `window` files ahead of the oldest file not yet handed on,
/// so a slow file holds back a bounded number of finished results: memory stays flat in
/// the number of files.
struct ParallelLinter {
    /// One entry of a run, in output order: a file to lint, or a result known without linting
    /// (a directory that could not be read).
    enum Item {
        case file(String)
        case known(FileResult)

        var path: String {
            switch self {
            case .file(let p): return p
            case .known(let r): return r.path
            }
        }
    }

    var engine: LintEngine
    var jobs: Int?
    /// When set, each file is linted in a worker process started this way, so a crash or a
    /// runaway loses that file only; nil lints in this process (library users and tests).
    var isolation: WorkerPool? = nil
    /// Receives each finished file; by default a line on an interactive stderr for large batches.
    var progress: (_ total: Int) -> Progress? = Progress.forStandardError

    /// How many files workers may run ahead of the oldest result not yet handed on.
    static func window(workers: Int) -> Int { 8 * workers + 8 }

    /// Lints `items` and calls `emit` with each result, in the order of `items`, one call at a
    /// time (never concurrently). Returns when every result has been emitted.
    func lint(_ items: [Item], emit: (FileResult) -> Void) {
        guard !items.isEmpty else { return }
        let workers = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, items.count))
        let window = Self.window(workers: workers)
        let meter = progress(items.count)
        defer { meter?.finish() }
        let order = OrderedHandOff(count: items.count, window: window)
        withoutActuallyEscaping(emit) { emit in
            DispatchQueue.concurrentPerform(iterations: workers) { _ in
                if let isolation {
                    // Files sent ahead hide the wake-up of the worker between files; on a small
                    // run they would pile up on one worker, so only long runs send many.
                    let depth = max(1, min(WorkerProcess.maxDepth, items.count / (workers * 16)))
                    lintInWorker(items, isolation, depth, order, meter, emit)
                    return
                }
                while let i = order.take() {
                    let result: FileResult
                    switch items[i] {
                    case .file(let path): result = engine.lint(path: path)
                    case .known(let known): result = known
                    }
                    meter?.fileFinished(findings: result.diagnostics.count)
                    order.finished(i, result, emit: emit)
                }
            }
        }
    }

    /// One thread's share of the items, linted by its own worker process (started on its first
    /// file) with a few files sent ahead. While files are out, the thread never waits for the
    /// window: their results may be the ones the window waits for.
    private func lintInWorker(_ items: [Item], _ pool: WorkerPool, _ depth: Int, _ order: OrderedHandOff, _ meter: Progress?,
                              _ emit: (FileResult) -> Void) {
        let worker = pool.checkOut()
        worker.depth = depth
        defer { worker.stop() }
        while true {
            while worker.hasRoom, let i = worker.isIdle ? order.take() : order.takeIfOpen() {
                switch items[i] {
                case .file(let path): worker.submit(i, path)
                case .known(let known):
                    meter?.fileFinished(findings: known.diagnostics.count)
                    order.finished(i, known, emit: emit)
                }
            }
            guard let (i, result) = worker.next(fallback: engine.lint(path:)) else { return }
            meter?.fileFinished(findings: result.diagnostics.count)
            order.finished(i, result, emit: emit)
        }
    }
}

/// The bookkeeping of `ParallelLinter`: which index a worker takes next, the finished results
/// waiting for an earlier one, and who is emitting.
private final class OrderedHandOff: @unchecked Sendable {
    private let condition = NSCondition()
    private let count: Int
    private let window: Int
    private var cursor = 0
    private var nextToEmit = 0
    private var waiting: [Int: FileResult] = [:]
    private var emitting = false

    init(count: Int, window: Int) {
        self.count = count
        self.window = window
    }

    /// The next index to lint, waiting while the window is full; nil when all are taken.
    func take() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while cursor < count && cursor >= nextToEmit + window { condition.wait() }
        guard cursor < count else { return nil }
        cursor += 1
        return cursor - 1
    }

    /// The next index to lint if the window has room now; nil when it is full or all are taken.
    func takeIfOpen() -> Int? {
        condition.lock()
        defer { condition.unlock() }
        guard cursor < count && cursor < nextToEmit + window else { return nil }
        cursor += 1
        return cursor - 1
    }

    /// Records a result; the worker that finds the oldest results ready emits them, outside the lock.
    func finished(_ index: Int, _ result: FileResult, emit: (FileResult) -> Void) {
        condition.lock()
        waiting[index] = result
        guard !emitting else { condition.unlock(); return }
        emitting = true
        while let ready = waiting.removeValue(forKey: nextToEmit) {
            condition.unlock()
            emit(ready)
            condition.lock()
            nextToEmit += 1
            condition.broadcast()
        }
        emitting = false
        condition.unlock()
    }
}

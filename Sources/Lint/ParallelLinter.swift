import Foundation
import Dispatch
import Core

/// Lints files on all cores; results come back in input order whatever the scheduling.
struct ParallelLinter {
    var engine: LintEngine
    var jobs: Int?
    /// Receives each finished file; by default a line on an interactive stderr for large batches.
    var progress: (_ total: Int) -> Progress? = Progress.forStandardError

    func lint(_ files: [String]) -> [FileResult] {
        guard !files.isEmpty else { return [] }
        let slots = UnsafeMutableBufferPointer<FileResult?>.allocate(capacity: files.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let workers = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
        let meter = progress(files.count)
        defer { meter?.finish() }
        let next = NSLock()
        var cursor = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                next.lock()
                let i = cursor
                cursor += 1
                next.unlock()
                guard i < files.count else { return }
                // Each slot has one writer; the order of `slots` is the input order.
                let result = engine.lint(path: files[i])
                slots[i] = result
                meter?.fileFinished(findings: result.diagnostics.count)
            }
        }
        return slots.map { $0! }
    }
}

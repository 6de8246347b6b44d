import Foundation
import Dispatch
import Core

/// Lints files on all cores; results come back in input order whatever the scheduling.
struct ParallelLinter {
    var engine: LintEngine
    var jobs: Int?

    func lint(_ files: [String]) -> [FileResult] {
        guard !files.isEmpty else { return [] }
        let slots = UnsafeMutableBufferPointer<FileResult?>.allocate(capacity: files.count)
        slots.initialize(repeating: nil)
        defer { slots.deallocate() }
        let workers = max(1, min(jobs ?? ProcessInfo.processInfo.activeProcessorCount, files.count))
        let next = NSLock()
        var cursor = 0
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while true {
                next.lock()
                let i = cursor
                cursor += 1
                next.unlock()
                guard i < files.count else { return }
                slots[i] = engine.lint(path: files[i])
            }
        }
        return slots.map { $0! }
    }
}

import Foundation
import Core

/// Everything one lint run produced, in a deterministic order.
struct RunResult {
    var files: [FileResult]
    /// Problems of the tool itself (config warnings, plugin failures), not of a report.
    var notifications: [ToolNotification]
    /// True when a baseline was applied, so every finding carries a baseline state.
    var baselineApplied = false

    /// Every finding, suppressed ones included.
    var diagnostics: [Diagnostic] { files.flatMap(\.diagnostics) }
    /// The findings that count: not suppressed by the baseline.
    var active: [Diagnostic] { diagnostics.filter { !$0.isSuppressed } }
    var suppressedCount: Int { diagnostics.count - active.count }

    /// Active findings of one severity: what the exit code and the summary count.
    func count(_ s: Severity) -> Int { active.filter { $0.severity == s }.count }

    /// Active findings per rule id, sorted by id.
    var byRule: [(String, Int)] {
        Dictionary(grouping: active, by: \.ruleId).map { ($0.key, $0.value.count) }.sorted { $0.0 < $1.0 }
    }
}

/// Renders a run in one output format.
protocol Formatter {
    func render(_ result: RunResult, rules: [CheckDescriptor]) -> String
}

extension String {
    /// The path relative to the working directory, as SARIF and text output show it.
    var relativeToWorkingDirectory: String {
        guard hasPrefix("/") else { return self }
        return Glob.relative(self, to: FileManager.default.currentDirectoryPath)
    }
}

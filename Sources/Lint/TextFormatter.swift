import Core

/// `path:line:col: error: message [rule-id]`, then counts per severity and per rule.
struct TextFormatter: Formatter {
    var quiet = false
    /// List findings the baseline suppresses (marked as such) instead of leaving them out.
    var showSuppressed = false

    func render(_ result: RunResult, rules: [CheckDescriptor]) -> String {
        var out = ""
        for n in result.notifications { out += "auditlint: \(n.level.rawValue): \(n.message)\n" }
        for d in result.diagnostics where (!quiet || d.severity == .error) && (showSuppressed || !d.isSuppressed) {
            let mark = d.isSuppressed ? "（基线已抑制）" : ""
            out += "\(d.location.display): \(d.severity.label): \(mark)\(d.message) [\(d.ruleId)]\n"
        }
        let e = result.count(.error), w = result.count(.warning), n = result.count(.note)
        out += "\n\(result.files.count) 个文件：\(e) 个错误，\(w) 个警告，\(n) 个提示"
        out += result.baselineApplied ? "（另有 \(result.suppressedCount) 个已由基线抑制）\n" : "\n"
        for (rule, count) in result.byRule { out += "  \(rule): \(count)\n" }
        return out
    }
}

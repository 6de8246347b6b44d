import Core

/// `path:line:col: error: message [rule-id]`, then counts per severity and per rule.
struct TextFormatter: Formatter {
    var quiet = false

    func render(_ result: RunResult, rules: [CheckDescriptor]) -> String {
        var out = ""
        for n in result.notifications { out += "auditlint: \(n)\n" }
        for d in result.diagnostics where !quiet || d.severity == .error {
            out += "\(d.location.display): \(d.severity.label): \(d.message) [\(d.ruleId)]\n"
        }
        let e = result.count(.error), w = result.count(.warning), n = result.count(.note)
        out += "\n\(result.files.count) 个文件：\(e) 个错误，\(w) 个警告，\(n) 个提示\n"
        for (rule, count) in result.byRule { out += "  \(rule): \(count)\n" }
        return out
    }
}

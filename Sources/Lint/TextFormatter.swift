import Core

/// `path:line:col: error: message [rule-id]`, then counts per severity and per rule.
///
/// Notifications known before linting (config warnings) come first; those that arise while
/// linting (plugin failures, baseline notes) come after the findings, before the totals.
struct TextFormatter: Formatter {
    var quiet = false
    /// List findings the baseline suppresses (marked as such) instead of leaving them out.
    var showSuppressed = false
    /// Printed by `begin`, and not again by `finish`.
    var earlyNotifications: [ToolNotification] = []
    /// One line of counts per file instead of its findings (`--summary`).
    var summary = false
    /// Repeated findings of one rule in one file shown as one line with a count (`--no-group`: each).
    var group = false

    mutating func begin(_ out: OutputSink) {
        for n in earlyNotifications { out.write(Self.line(n)) }
    }

    mutating func file(_ result: FileResult, _ out: OutputSink) {
        if summary { out.write(Self.summaryLine(result)); return }
        let shown = result.diagnostics.filter { (!quiet || $0.severity == .error) && (showSuppressed || !$0.isSuppressed) }
        let groups = group ? FindingGroups.group(shown) : shown.map { FindingGroups.Group(first: $0, count: 1) }
        for g in groups {
            let d = g.first
            let mark = d.isSuppressed ? L10n.text("（基线已抑制）", "(suppressed by the baseline) ") : ""
            let count = g.count > 1 ? L10n.text(" … 等 \(g.count) 处", " … \(g.count) alike") : ""
            out.write("\(d.location.display): \(L10n.severity(d.severity)): \(mark)\(d.message)\(count) [\(d.ruleId)]\n")
        }
    }

    /// `path: 2 个错误，3 个警告，0 个提示，识别出 5 张表`; a file that could not be read says so.
    static func summaryLine(_ result: FileResult) -> String {
        var counts: [Severity: Int] = [:]
        for d in result.diagnostics where !d.isSuppressed { counts[d.severity, default: 0] += 1 }
        let e = counts[.error] ?? 0, w = counts[.warning] ?? 0, n = counts[.note] ?? 0
        let forms = result.recognized.map { r in
            L10n.text("识别出 \(r.formCount) 张表", "\(r.formCount) form(s) checked")
        } ?? L10n.text("未能读取", "could not be read")
        return L10n.text("\(result.path): \(e) 个错误，\(w) 个警告，\(n) 个提示，\(forms)\n",
                         "\(result.path): \(e) error(s), \(w) warning(s), \(n) note(s), \(forms)\n")
    }

    mutating func finish(_ tally: RunTally, _ out: OutputSink) {
        for n in tally.notifications.dropFirst(earlyNotifications.count) { out.write(Self.line(n)) }
        let e = tally.count(.error), w = tally.count(.warning), n = tally.count(.note)
        var summary = L10n.text("\n\(tally.files) 个文件：\(e) 个错误，\(w) 个警告，\(n) 个提示",
                                "\n\(tally.files) file(s): \(e) error(s), \(w) warning(s), \(n) note(s)")
        if tally.baselineApplied {
            summary += L10n.text("（另有 \(tally.suppressedCount) 个已由基线抑制）", " (and \(tally.suppressedCount) suppressed by the baseline)")
        }
        // How much was checked: a folder that was not really read shows 0 forms here.
        summary += L10n.text("；", "; ") + tally.checkedSummary
        summary += tally.skippedSummary.map { L10n.text("；\($0)\n", "; \($0)\n") } ?? "\n"
        for (rule, count) in tally.byRule { summary += "  \(rule): \(count)\n" }
        out.write(summary)
    }

    static func line(_ n: ToolNotification) -> String { "auditlint: \(L10n.severity(n.level)): \(DisplayText.escaped(n.message))\n" }
}

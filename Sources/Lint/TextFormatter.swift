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

    mutating func begin(_ out: OutputSink) {
        for n in earlyNotifications { out.write(Self.line(n)) }
    }

    mutating func file(_ result: FileResult, _ out: OutputSink) {
        for d in result.diagnostics where (!quiet || d.severity == .error) && (showSuppressed || !d.isSuppressed) {
            let mark = d.isSuppressed ? L10n.text("（基线已抑制）", "(suppressed by the baseline) ") : ""
            out.write("\(d.location.display): \(L10n.severity(d.severity)): \(mark)\(d.message) [\(d.ruleId)]\n")
        }
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

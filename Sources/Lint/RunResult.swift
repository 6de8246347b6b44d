import Foundation
import Core

/// The running totals of a lint run, added to file by file as results stream out, so the
/// summary, the exit code and the plugin rule descriptors never need every result at once.
struct RunTally {
    /// Problems of the tool itself (config warnings, plugin failures, baseline notes), not of a report.
    var notifications: [ToolNotification] = []
    /// True when a baseline was applied, so every finding carries a baseline state.
    var baselineApplied = false
    /// Files the walk found and deliberately did not lint (README, other JSON…), by reason.
    var skipped: [String: Int] = [:]

    /// "跳过 3 个非报告文件（README 文件 1 个、…）", or nil when nothing was skipped.
    var skippedSummary: String? {
        guard !skipped.isEmpty else { return nil }
        let total = skipped.values.reduce(0, +)
        let parts = skipped.sorted { $0.key < $1.key }.map { L10n.text("\($0.key) \($0.value) 个", "\($0.key): \($0.value)") }
        return L10n.text("跳过 \(total) 个非报告文件（\(parts.joined(separator: "、"))）", "skipped \(total) non-report file(s) (\(parts.joined(separator: ", ")))")
    }
    private(set) var files = 0
    /// Active findings (not suppressed by the baseline) per severity and per rule.
    private(set) var counts: [Severity: Int] = [:]
    private(set) var perRule: [String: Int] = [:]
    private(set) var suppressedCount = 0
    /// What was recognised in the files that could be read.
    private(set) var recognized = RecognitionStats()
    /// Files that could be read (the others got a parse-error).
    private(set) var readFiles = 0
    /// Failed plugins by id, each reported once for the run however many files it failed on.
    private(set) var pluginFailures: [String: (optional: Bool, files: Int, first: PluginFailure, file: String)] = [:]

    mutating func add(_ file: FileResult) {
        files += 1
        notifications += file.notifications
        if let r = file.recognized {
            readFiles += 1
            recognized.add(r)
        }
        for f in file.pluginFailures {
            if let seen = pluginFailures[f.plugin] { pluginFailures[f.plugin]!.files = seen.files + 1 }
            else { pluginFailures[f.plugin] = (f.optional, 1, f, file.path) }
        }
        for d in file.diagnostics {
            if d.isSuppressed { suppressedCount += 1; continue }
            counts[d.severity, default: 0] += 1
            perRule[d.ruleId, default: 0] += 1
        }
    }

    /// One notification per failed plugin: an error unless the plugin is optional.
    var pluginFailureNotifications: [ToolNotification] {
        pluginFailures.sorted { $0.key < $1.key }.map { id, f in
            let effect = f.optional ? L10n.text("（插件为 optional，不影响退出码）", "(the plugin is optional; the exit code is unaffected)")
                                    : L10n.text("，本次运行失败（退出码 2）", "; the run fails (exit 2)")
            return ToolNotification(L10n.text("插件 \(id) 在 \(f.files) 个文件上失败\(effect)；首次：\(f.first.message)",
                                              "plugin \(id) failed on \(f.files) file(s)\(effect); first: \(f.first.message)"),
                                    level: f.optional ? .warning : .error, file: f.file)
        }
    }

    /// False when a plugin failed: the run did not do all it was configured to do.
    var executionSuccessful: Bool { pluginFailures.isEmpty }

    /// A plugin that is not optional failed: the run exits 2.
    var requiredPluginFailed: Bool { pluginFailures.values.contains { !$0.optional } }

    /// Active findings of one severity: what the exit code and the summary count.
    func count(_ s: Severity) -> Int { counts[s] ?? 0 }

    /// How much was checked, in words: "识别出 23 张表（整体支出表 1、项目支出表 22），指标 180 行，台账 0 行".
    var checkedSummary: String {
        let kinds = RecognitionStats.kindOrder.compactMap { k in recognized.forms[k].map { "\(k.displayName) \($0)" } }
        let byKind = kinds.isEmpty ? "" : "（\(kinds.joined(separator: "、"))）"
        return L10n.text("读取 \(readFiles) 个，识别出 \(recognized.formCount) 张表\(byKind)，指标 \(recognized.indicatorRows) 行，台账 \(recognized.ledgerRows) 行",
                         "read \(readFiles), recognised \(recognized.formCount) form(s)\(byKind), \(recognized.indicatorRows) indicator row(s), \(recognized.ledgerRows) ledger row(s)")
    }

    /// The counts of `checkedSummary` by key, for JSON `stats` and SARIF run properties:
    /// `{readFiles, forms: {kind: n}, indicatorRows, ledgerRows}`.
    var checkedCounts: (readFiles: Int, forms: [String: Int], indicatorRows: Int, ledgerRows: Int) {
        (readFiles, Dictionary(uniqueKeysWithValues: recognized.forms.map { ($0.key.rawValue, $0.value) }),
         recognized.indicatorRows, recognized.ledgerRows)
    }

    /// Active findings per rule id, sorted by id.
    var byRule: [(String, Int)] { perRule.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } }
}

/// The rules a run's output describes: the configured checks, then one synthesized descriptor
/// for each plugin rule id in the order its first finding appears, so every SARIF result names a
/// known rule by index even though plugin rule ids are only known once their findings arrive.
struct RuleTable {
    private(set) var descriptors: [CheckDescriptor]
    private var index: [String: Int]

    init(_ descriptors: [CheckDescriptor]) {
        self.descriptors = descriptors
        index = Dictionary(descriptors.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The index of the finding's rule, adding a descriptor for a rule id seen for the first time.
    mutating func index(of d: Diagnostic) -> Int {
        if let i = index[d.ruleId] { return i }
        let i = descriptors.count
        descriptors.append(CheckDescriptor(id: d.ruleId, title: "外部插件规则 \(d.ruleId)",
                                           rationale: "由外部插件 \(d.ruleId.split(separator: "/").first ?? "") 报告（见 .lintrc 的 plugins）。",
                                           defaultSeverity: d.severity, examples: []))
        index[d.ruleId] = i
        return i
    }
}

/// Writes a run in one output format, file by file as results arrive in their final order:
/// `begin` once, `file` for each file, `finish` once with the totals.
protocol Formatter {
    mutating func begin(_ out: OutputSink)
    mutating func file(_ result: FileResult, _ out: OutputSink)
    mutating func finish(_ tally: RunTally, _ out: OutputSink)
}

extension String {
    /// The path relative to the working directory, as SARIF and text output show it.
    var relativeToWorkingDirectory: String {
        guard hasPrefix("/") else { return self }
        return Glob.relative(self, to: FileManager.default.currentDirectoryPath)
    }
}

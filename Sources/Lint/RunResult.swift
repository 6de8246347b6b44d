import Foundation
import Core

/// The running totals of a lint run, added to file by file as results stream out, so the
/// summary, the exit code and the plugin rule descriptors never need every result at once.
struct RunTally {
    /// Problems of the tool itself (config warnings, plugin failures, baseline notes), not of a report.
    var notifications: [ToolNotification] = []
    /// True when a baseline was applied, so every finding carries a baseline state.
    var baselineApplied = false
    private(set) var files = 0
    /// Active findings (not suppressed by the baseline) per severity and per rule.
    private(set) var counts: [Severity: Int] = [:]
    private(set) var perRule: [String: Int] = [:]
    private(set) var suppressedCount = 0
    /// What was recognised in the files that could be read.
    private(set) var recognized = RecognitionStats()
    /// Files that could be read (the others got a parse-error).
    private(set) var readFiles = 0

    mutating func add(_ file: FileResult) {
        files += 1
        notifications += file.notifications
        if let r = file.recognized {
            readFiles += 1
            recognized.add(r)
        }
        for d in file.diagnostics {
            if d.isSuppressed { suppressedCount += 1; continue }
            counts[d.severity, default: 0] += 1
            perRule[d.ruleId, default: 0] += 1
        }
    }

    /// Active findings of one severity: what the exit code and the summary count.
    func count(_ s: Severity) -> Int { counts[s] ?? 0 }

    /// How much was checked, in words: "识别出 23 张表（整体支出表 1、项目支出表 22），指标 180 行，台账 0 行".
    var checkedSummary: String {
        let kinds = RecognitionStats.kindOrder.compactMap { k in recognized.forms[k].map { "\(k.displayName) \($0)" } }
        let byKind = kinds.isEmpty ? "" : "（\(kinds.joined(separator: "、"))）"
        return "读取 \(readFiles) 个，识别出 \(recognized.formCount) 张表\(byKind)，指标 \(recognized.indicatorRows) 行，台账 \(recognized.ledgerRows) 行"
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

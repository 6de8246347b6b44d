import Foundation
import Core

/// `--format html --output DIR`: a static site for people who do not read SARIF, openable from the
/// file system (one style sheet, a little plain JavaScript to sort and filter, no network fetch).
///
/// - `index.html`: every report with its counts by severity and rule, files that could not be read
///   first, then by errors; the totals per rule.
/// - `report-0001.html`…: one page per report (`HTMLReportPage`), written as soon as its result
///   arrives, so only the index's counts stay in memory.
///
/// A class: the command line asks it after the run whether a page could not be written.
final class HTMLReportWriter: Formatter {
    let directory: URL
    /// The first page or asset that could not be written.
    private(set) var failure: String?
    private var entries: [Entry] = []

    /// What the index says of one report.
    private struct Entry {
        var path: String
        var page: String
        var format: String?
        var counts: [Severity: Int]
        var byRule: [String: Int]
        var forms: Int?
        /// parse-error or unrecognized-document: listed first.
        var unreadable: Bool
    }

    /// Rules whose finding means the file was not read as a report.
    static let unreadableRules: Set<String> = [LintEngine.parseErrorRule, "unrecognized-document"]

    init(directory: String) {
        self.directory = URL(fileURLWithPath: directory, isDirectory: true)
    }

    func begin(_ out: OutputSink) {
        write(HTMLReportAssets.css, to: HTMLReportAssets.styleFile)
        write(HTMLReportAssets.js, to: HTMLReportAssets.scriptFile)
    }

    func file(_ result: FileResult, _ out: OutputSink) {
        let page = String(format: "report-%04d.html", entries.count + 1)
        write(HTMLReportPage(result: result).html(indexPage: "index.html"), to: page)
        var counts: [Severity: Int] = [:], byRule: [String: Int] = [:]
        for d in result.diagnostics where !d.isSuppressed {
            counts[d.severity, default: 0] += 1
            byRule[d.ruleId, default: 0] += 1
        }
        entries.append(Entry(path: result.path, page: page, format: result.format, counts: counts, byRule: byRule,
                             forms: result.recognized?.formCount,
                             unreadable: result.recognized == nil || result.diagnostics.contains { Self.unreadableRules.contains($0.ruleId) }))
    }

    func finish(_ tally: RunTally, _ out: OutputSink) {
        write(index(tally), to: "index.html")
    }

    /// The order of the index: unreadable files, then by errors, warnings and notes (most first), then path.
    private static func ranked(_ a: Entry, _ b: Entry) -> Bool {
        if a.unreadable != b.unreadable { return a.unreadable }
        for s in [Severity.error, .warning, .note] where a.counts[s, default: 0] != b.counts[s, default: 0] {
            return a.counts[s, default: 0] > b.counts[s, default: 0]
        }
        return a.path < b.path
    }

    private func index(_ tally: RunTally) -> String {
        var out = HTML.head(title: L10n.text("检查结果", "Lint results"), depthToAssets: "")
        let e = tally.count(.error), w = tally.count(.warning), n = tally.count(.note)
        out += "<header class=\"top\"><h1>auditlint：\(L10n.text("\(tally.files) 个文件", "\(tally.files) file(s)"))</h1>"
        out += "<p class=\"counts\"><span class=\"sev-error\">\(L10n.text("错误", "errors")) \(e)</span><span class=\"sev-warning\">\(L10n.text("警告", "warnings")) \(w)</span>"
        out += "<span class=\"sev-note\">\(L10n.text("提示", "notes")) \(n)</span></p><p>\(HTML.escaped(tally.checkedSummary))</p></header>\n<main>\n"
        out += "<h2>\(L10n.text("报告", "Reports"))</h2>\n"
        out += "<input class=\"filter\" type=\"search\" data-table=\"reports\" placeholder=\"\(L10n.text("筛选文件或规则", "filter by file or rule"))\">\n"
        out += "<table class=\"index sortable\" id=\"reports\"><thead><tr><th>\(L10n.text("文件", "file"))</th><th>\(L10n.text("错误", "errors"))</th>"
        out += "<th>\(L10n.text("警告", "warnings"))</th><th>\(L10n.text("提示", "notes"))</th><th>\(L10n.text("识别的表", "forms"))</th><th>\(L10n.text("规则", "rules"))</th></tr></thead><tbody>\n"
        for entry in entries.sorted(by: Self.ranked) {
            let rules = entry.byRule.sorted { $0.key < $1.key }.map { "\(HTML.escaped($0.key)) ×\($0.value)" }.joined(separator: "，")
            let forms = entry.forms.map(String.init) ?? L10n.text("未能读取", "not read")
            out += "<tr\(entry.unreadable ? " class=\"unreadable\"" : "")><td><a href=\"\(entry.page)\">\(HTML.escaped(entry.path))</a></td>"
            out += "<td class=\"num\">\(entry.counts[.error, default: 0])</td><td class=\"num\">\(entry.counts[.warning, default: 0])</td>"
            out += "<td class=\"num\">\(entry.counts[.note, default: 0])</td><td class=\"num\">\(HTML.escaped(forms))</td><td>\(rules)</td></tr>\n"
        }
        out += "</tbody></table>\n<h2>\(L10n.text("各规则合计", "Totals per rule"))</h2>\n"
        out += "<table class=\"index sortable\" id=\"rules\"><thead><tr><th>\(L10n.text("规则", "rule"))</th><th>\(L10n.text("发现", "findings"))</th></tr></thead><tbody>\n"
        for (rule, count) in tally.byRule {
            out += "<tr><td>\(HTML.escaped(rule))</td><td class=\"num\">\(count)</td></tr>\n"
        }
        out += "</tbody></table>\n"
        if !tally.notifications.isEmpty {
            out += "<h2>\(L10n.text("工具通知", "Notifications"))</h2><ul>\n"
            for note in tally.notifications { out += "<li>\(HTML.escaped(L10n.severity(note.level)))：\(HTML.escaped(note.message))</li>\n" }
            out += "</ul>\n"
        }
        out += "</main>\n" + HTML.foot
        return out
    }

    private func write(_ text: String, to name: String) {
        guard failure == nil else { return }
        do { try AtomicFile.write(text, to: directory.appendingPathComponent(name).path) } catch {
            failure = "\(directory.appendingPathComponent(name).path)：\(error.localizedDescription)"
        }
    }

    /// Makes `path` a directory for the site; a message when it exists and is not one, or cannot be made.
    static func prepare(_ path: String) -> String? {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            return isDirectory.boolValue ? nil : L10n.text("--output \(path) 已存在且不是目录（html 格式输出到目录）",
                                                            "--output \(path) exists and is not a directory (html writes a directory)")
        }
        do { try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true) } catch {
            return L10n.text("无法创建目录 \(path)：\(error.localizedDescription)", "cannot create the directory \(path): \(error.localizedDescription)")
        }
        return nil
    }
}

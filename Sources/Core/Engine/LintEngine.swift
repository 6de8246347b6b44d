import Foundation

/// The result of linting one file.
public struct FileResult: Sendable {
    public var path: String
    /// The format the file was read as ("tab-cells", "docx", …); nil when it could not be read.
    public var format: String?
    public var diagnostics: [Diagnostic]
    /// Problems of the tool while linting this file (a plugin that failed).
    public var notifications: [ToolNotification]

    public init(path: String, format: String?, diagnostics: [Diagnostic], notifications: [ToolNotification] = []) {
        self.path = path
        self.format = format
        self.diagnostics = diagnostics
        self.notifications = notifications
    }
}

/// Runs the enabled checks over one report, applying the configured severities,
/// then the external plugins when the user allowed them.
public struct LintEngine: Sendable {
    public static let parseErrorRule = "parse-error"

    public var registry: CheckRegistry
    public var settings: LintSettings
    public var readers: ReaderRegistry
    /// Whether `settings.plugins` may run; a repository's config alone never starts a program.
    public var pluginsAllowed: Bool

    public init(registry: CheckRegistry, settings: LintSettings, readers: ReaderRegistry = ReaderRegistry(), pluginsAllowed: Bool = false) {
        self.registry = registry
        self.settings = settings
        self.readers = readers
        self.pluginsAllowed = pluginsAllowed
    }

    /// Reads and lints one file. A file that cannot be read gets one `parse-error`.
    public func lint(path: String) -> FileResult {
        // A FIFO or device named like a report would block or stream forever, and Foundation's
        // refusal reads as a permission problem; say what it is instead.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            let kind = type == .typeDirectory ? "目录" : type == .typeCharacterSpecial || type == .typeBlockSpecial ? "设备文件" : type == .typeSocket ? "套接字" : "命名管道（FIFO）或其他特殊文件"
            return FileResult(path: path, format: nil, diagnostics: [parseError("无法读取文件：不是普通文件，而是\(kind)，已跳过", SourceLocation(file: path))])
        }
        // An empty file is not opened: mapping a 0-byte file leaked a few KB each (50,000 empty
        // files grew memory by 200 MB).
        if (attributes?[.size] as? NSNumber)?.intValue == 0 { return lint(data: Data(), path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path), options: [.mappedIfSafe])
        } catch {
            return FileResult(path: path, format: nil, diagnostics: [parseError("无法读取文件：\(error.localizedDescription)", SourceLocation(file: path))])
        }
        return lint(data: data, path: path)
    }

    /// Lints bytes that came from `path`.
    public func lint(data: Data, path: String) -> FileResult {
        let report: Report
        var readers = self.readers
        readers.limits = settings.limits
        do {
            report = try readers.report(from: data, path: path)
        } catch let e as ReadError {
            return FileResult(path: path, format: nil, diagnostics: [parseError(e.reason, e.location)])
        } catch {
            return FileResult(path: path, format: nil, diagnostics: [parseError("读取失败：\(error)", SourceLocation(file: path))])
        }
        let fileSettings = settings.effective(for: path)
        var diags = run(report, settings: fileSettings)
        if report.forms.isEmpty {
            diags.append(parseError("未识别出任何绩效表格（资金表、指标表或台账表）；文件格式识别为 \(report.document.format)", SourceLocation(file: path, line: 1, column: 1), severity: .warning))
        }
        var notifications: [ToolNotification] = []
        if pluginsAllowed {
            for plugin in fileSettings.plugins where plugin.applies(to: path) {
                let rs = fileSettings.rule(plugin.id)
                guard rs.enabled else { continue }
                let r = PluginRunner(spec: plugin).run(on: report, severity: rs.severity)
                diags += r.diagnostics
                notifications += r.notifications
            }
        }
        diags.sort(by: Diagnostic.sortKey)
        return FileResult(path: path, format: report.document.format, diagnostics: diags, notifications: notifications)
    }

    /// Runs every enabled check on a recognised report.
    public func run(_ report: Report) -> [Diagnostic] { run(report, settings: settings.effective(for: report.path)) }

    private func run(_ report: Report, settings: LintSettings) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let derived = DerivedFacts()
        for check in registry.checks {
            let d = check.descriptor
            let rs = settings.rule(d.id)
            guard rs.enabled else { continue }
            let ctx = CheckContext(report: report, settings: settings, options: rs.options, derived: derived)
            for f in check.run(ctx) {
                // A severity set in the config applies to every finding of the rule;
                // otherwise a check may mark a sub-case milder than its default.
                let sev = rs.severity ?? f.severity ?? d.defaultSeverity
                out.append(Diagnostic(ruleId: d.id, severity: sev, message: f.message, location: f.location, related: f.related,
                                      expected: f.expected, actual: f.actual, subject: f.subject))
            }
        }
        return out.sorted(by: Diagnostic.sortKey)
    }

    private func parseError(_ reason: String, _ location: SourceLocation, severity: Severity = .error) -> Diagnostic {
        Diagnostic(ruleId: LintEngine.parseErrorRule, severity: severity, message: reason, location: location, subject: reason)
    }
}

import Foundation

/// The result of linting one file.
public struct FileResult: Sendable {
    public var path: String
    /// The format the file was read as ("tab-cells", "docx", …); nil when it could not be read.
    public var format: String?
    public var diagnostics: [Diagnostic]
    /// Problems of the tool while linting this file, other than plugin failures.
    public var notifications: [ToolNotification]
    /// How much was recognised in the file; nil when it could not be read.
    public var recognized: RecognitionStats?
    /// The plugins that failed on this file; the run reports each plugin once.
    public var pluginFailures: [PluginFailure]
    /// The recognised report, kept only when `LintEngine.keepsReports` is set (the CSV and HTML
    /// outputs show forms and cells; the other formats need not hold every document in memory).
    public var report: Report?

    public init(path: String, format: String?, diagnostics: [Diagnostic], notifications: [ToolNotification] = [],
                recognized: RecognitionStats? = nil, pluginFailures: [PluginFailure] = []) {
        self.path = path
        self.format = format
        self.diagnostics = diagnostics
        self.notifications = notifications
        self.recognized = recognized
        self.pluginFailures = pluginFailures
    }
}

/// A plugin that crashed, timed out or answered badly on one file.
public struct PluginFailure: Sendable, Hashable {
    public var plugin: String
    /// `plugins[].optional`: its failure does not fail the run.
    public var optional: Bool
    public var message: String

    public init(plugin: String, optional: Bool, message: String) {
        self.plugin = plugin; self.optional = optional; self.message = message
    }
}

/// Runs the enabled checks over one report, applying the configured severities,
/// then the external plugins when the user allowed them.
public struct LintEngine: Sendable {
    public static let parseErrorRule = "parse-error"

    public var registry: CheckRegistry
    public var settings: LintSettings
    public var readers: ReaderRegistry
    /// The vocabulary the recognizer reads headers with: the built-in one and the config's names.
    public let vocabulary: Vocabulary
    /// Whether `settings.plugins` may run; a repository's config alone never starts a program.
    public var pluginsAllowed: Bool
    /// Whether each `FileResult` carries its `Report` (for outputs that redraw the document).
    public var keepsReports = false

    public init(registry: CheckRegistry, settings: LintSettings, readers: ReaderRegistry = ReaderRegistry(), pluginsAllowed: Bool = false) {
        self.registry = registry
        self.settings = settings
        self.readers = readers
        self.pluginsAllowed = pluginsAllowed
        self.vocabulary = settings.vocabularyExtra.isEmpty ? .standard : Vocabulary(extra: settings.vocabularyExtra)
    }

    /// Reads and lints one file. A file that cannot be read gets one `parse-error`.
    public func lint(path: String) -> FileResult {
        // A FIFO or device named like a report would block or stream forever, and Foundation's
        // refusal reads as a permission problem; say what it is instead.
        // Symlinks are followed: a link to a report is that report.
        let target = URL(fileURLWithPath: path).resolvingSymlinksInPath().path
        let attributes = try? FileManager.default.attributesOfItem(atPath: target)
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
            report = try ReportLoader.report(from: data, path: path, readers: readers, recognizer: Recognizer(vocabulary: vocabulary))
        } catch let e as ReadError {
            return FileResult(path: path, format: nil, diagnostics: [parseError(e.reason, e.location)])
        } catch {
            return FileResult(path: path, format: nil, diagnostics: [parseError("读取失败：\(error)", SourceLocation(file: path))])
        }
        let fileSettings = settings.effective(for: path)
        var diags = run(report, settings: fileSettings)
        var failures: [PluginFailure] = []
        if pluginsAllowed {
            for plugin in fileSettings.plugins where plugin.applies(to: path) {
                let rs = fileSettings.rule(plugin.id)
                guard rs.enabled else { continue }
                let r = PluginRunner(spec: plugin).run(on: report, severity: rs.severity)
                diags += r.diagnostics
                failures += r.notifications.map { PluginFailure(plugin: plugin.id, optional: plugin.optional, message: $0.message) }
            }
        }
        diags.sort(by: Diagnostic.sortKey)
        var result = FileResult(path: path, format: report.document.format, diagnostics: Diagnostic.numberingRepeats(diags),
                                recognized: RecognitionStats(report), pluginFailures: failures)
        if keepsReports { result.report = report }
        return result
    }

    /// Runs every enabled check on a recognised report.
    public func run(_ report: Report) -> [Diagnostic] { run(report, settings: settings.effective(for: report.path)) }

    private func run(_ report: Report, settings: LintSettings) -> [Diagnostic] {
        var out: [Diagnostic] = []
        for check in registry.checks {
            let d = check.descriptor
            let rs = settings.rule(d.id)
            guard rs.enabled else { continue }
            let ctx = CheckContext(report: report, settings: settings, options: rs.options)
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
        Diagnostic(ruleId: LintEngine.parseErrorRule, severity: severity, message: reason, location: location, subject: Self.parseErrorSubject(reason))
    }

    /// A parse error's reason without its numbers ("第12行" → "第#行"): they are positions and
    /// sizes, and the fingerprint must not move when lines are inserted above the problem.
    public static func parseErrorSubject(_ reason: String) -> String {
        var out = String.UnicodeScalarView()
        var inNumber = false
        for u in reason.unicodeScalars {
            let digit = u.value >= 0x30 && u.value <= 0x39
            if digit && !inNumber { out.append("#") }
            if !digit { out.append(u) }
            inNumber = digit
        }
        return String(out)
    }
}

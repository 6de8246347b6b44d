import Foundation
import Core
import Checks

/// The `auditlint` command line: `lint` (default), `rules`, `explain`, `dump`.
struct CommandLineTool {
    var arguments: [String]

    /// The rule for files that cannot be read; it is not a check, but SARIF needs its descriptor.
    static let parseErrorDescriptor = CheckDescriptor(
        id: LintEngine.parseErrorRule, title: "文件无法读取或识别",
        rationale: "文件无法解码、格式损坏、是不支持的格式（.doc/.xls/.pdf 需先转换），或其中没有可识别的绩效表格。其余文件照常检查。",
        defaultSeverity: .error, examples: [])

    /// What a run is configured to do: settings after every layer, and the checks including custom rules.
    struct Setup {
        var settings: LintSettings
        var registry: CheckRegistry
        var notifications: [ToolNotification]
        var pluginsAllowed: Bool

        var descriptors: [CheckDescriptor] { registry.checks.map(\.descriptor) + [CommandLineTool.parseErrorDescriptor] }
    }

    struct SetupError: Error { var message: String }

    /// Loads the config (unless disabled), adds the custom rules and applies the command line's rule flags last.
    static func setup(config: String?, noConfig: Bool, ruleFlags: [(id: String, patch: RulePatch)], allowPlugins: Bool) throws -> Setup {
        var loader = ConfigLoader(knownRules: Set(BuiltinChecks.registry.ids))
        var settings = LintSettings()
        var notifications: [ToolNotification] = []
        if !noConfig, let path = config ?? ConfigLoader.discover(from: FileManager.default.currentDirectoryPath) {
            do { settings = try loader.load(path: path) } catch let e as ConfigError {
                throw SetupError(message: L10n.text("配置无效：", "invalid config: ") + e.description)
            }
            notifications += loader.warnings.map { ToolNotification($0) }
        }
        var registry = BuiltinChecks.registry
        do { for c in try CustomRules.checks(settings.customRules) { registry.register(c) } } catch {
            throw SetupError(message: "配置无效：customRules：\(error)")
        }
        // An option a check does not declare is a typo or a leftover: say so rather than ignore it silently.
        let declared = Dictionary(uniqueKeysWithValues: registry.checks.map { ($0.descriptor.id, Set($0.descriptor.options.map(\.key))) })
        let patches = settings.rules.map { ($0.key, $0.value.options.keys) } + settings.overrides.flatMap { $0.rules.map { ($0.key, $0.value.options.keys) } }
        for (id, keys) in patches {
            guard let allowed = declared[id] else { continue }
            for key in keys.sorted() where !allowed.contains(key) {
                notifications.append(ToolNotification("rules.\(id).options.\(key)：规则 \(id) 没有这个选项，已忽略（`auditlint explain \(id)` 列出其选项）"))
            }
        }
        // A value the option cannot take would silently fall back to the default: refuse it instead.
        let options = Dictionary(uniqueKeysWithValues: registry.checks.map { ($0.descriptor.id, $0.descriptor.options) })
        let configured = settings.rules.sorted { $0.key < $1.key }.map { ("rules.\($0.key)", $0.key, $0.value.options) }
            + settings.overrides.enumerated().flatMap { i, o in o.rules.sorted { $0.key < $1.key }.map { ("overrides[\(i)].rules.\($0.key)", $0.key, $0.value.options) } }
        for (path, id, values) in configured {
            for option in options[id] ?? [] {
                guard let value = values[option.key], let problem = option.problem(with: value) else { continue }
                throw SetupError(message: "配置无效：\(path).options.\(option.key)：\(problem)")
            }
        }
        let known = Set(registry.ids + settings.plugins.map(\.id))
        var flags: [String: RulePatch] = [:]
        for (id, patch) in ruleFlags {
            guard known.contains(id) else { throw SetupError(message: "没有规则 \(id)；`auditlint rules` 列出全部规则") }
            var merged = flags[id] ?? RulePatch()
            if let e = patch.enabled { merged.enabled = e }
            if let s = patch.severity { merged.severity = s }
            flags[id] = merged
        }
        if !flags.isEmpty { settings.overrides.append(ConfigOverride(files: ["**"], baseDirectory: nil, rules: flags)) }
        let allowed = allowPlugins || ProcessInfo.processInfo.environment["AUDITLINT_ALLOW_PLUGINS"] == "1"
        if !settings.plugins.isEmpty && !allowed {
            notifications.append(ToolNotification("配置了 \(settings.plugins.count) 个外部插件（\(settings.plugins.map(\.id).joined(separator: "、"))），本次未运行：插件会执行程序，需用 --allow-plugins 或 AUDITLINT_ALLOW_PLUGINS=1 明确允许", level: .note))
        }
        return Setup(settings: settings, registry: registry, notifications: notifications, pluginsAllowed: allowed)
    }

    static let commands = ["lint", "rules", "explain", "dump", "vocabulary"]

    func run() -> Int32 {
        // A worker process started by this binary (Isolation/): never a user's command line.
        if arguments.first == WorkerLauncher.subcommand { return WorkerMain.run(Array(arguments.dropFirst())) }
        // Options before "--" only: after it, "-h" could be a file name.
        let options = arguments.prefix { $0 != "--" }
        for (i, a) in options.enumerated() {
            if a == "--lang=en" || (a == "--lang" && i + 1 < options.count && options[options.startIndex + i + 1] == "en") { L10n.english = true }
        }
        // --lang is taken here for every command, so the commands never see it.
        var args: [String] = []
        var k = 0
        while k < arguments.count {
            let a = arguments[k]
            if k < options.count && a == "--lang" && k + 1 < arguments.count {
                guard ["zh", "en"].contains(arguments[k + 1]) else { return fail("--lang 只能是 zh 或 en / --lang takes zh or en") }
                k += 2; continue
            }
            if k < options.count && a.hasPrefix("--lang=") { k += 1; continue }
            args.append(a); k += 1
        }
        // `auditlint help [COMMAND]` is `auditlint [COMMAND] --help`.
        if args.first == "help" { args = Array(args.dropFirst()) + ["--help"] }
        let command = args.first.flatMap { Self.commands.contains($0) ? $0 : nil }
        // -h, --help and --version work anywhere on the line, as in most command-line tools.
        if options.contains("--version") { print("auditlint \(Version.current)"); return 0 }
        if args.prefix(while: { $0 != "--" }).contains(where: { $0 == "-h" || $0 == "--help" }) {
            print(Options.help(for: command), terminator: "")
            return 0
        }
        switch command {
        case "dump": return dump(Array(args.dropFirst()))
        case "rules": return rules(Array(args.dropFirst()))
        case "explain": return explain(Array(args.dropFirst()))
        case "vocabulary": return vocabulary(Array(args.dropFirst()))
        case "lint": return lint(Array(args.dropFirst()))
        default: return lint(args)
        }
    }

    // MARK: lint

    func lint(_ args: [String]) -> Int32 {
        var options: Options
        do { options = try Options.parse(args) } catch let e as Options.UsageError {
            return fail(L10n.text("\(e.message)\n（auditlint --help 显示用法）", "\(e.message)\n(auditlint --help shows the usage)"))
        } catch { return fail("\(error)") }
        // Like most linters, no path means the current directory.
        if options.paths.isEmpty { options.paths = ["."] }
        // "-" is a report on standard input, named by --stdin-filename.
        let readsStdin = options.paths.contains("-")
        if options.stdinFilename != nil && !readsStdin {
            return fail(L10n.text("--stdin-filename 只能与路径 - （从标准输入读取）一起使用", "--stdin-filename needs the path - (read from standard input)"))
        }
        options.paths.removeAll { $0 == "-" }
        if options.format == .html && options.output == nil {
            return fail(L10n.text("--format html 需要 --output 目录", "--format html needs --output DIR"))
        }

        let setup: Setup
        do { setup = try Self.setup(config: options.config, noConfig: options.noConfig, ruleFlags: options.ruleFlags, allowPlugins: options.allowPlugins) }
        catch let e as SetupError { return fail(e.message) } catch { return fail("\(error)") }
        var settings = setup.settings
        if let mw = options.maxWarnings { settings.maxWarnings = mw }
        var baseline: Baseline?
        if let path = options.baseline {
            do { baseline = try Baseline.load(path) } catch let e as Baseline.LoadError { return fail(e.reason) } catch { return fail("\(error)") }
        }

        // Workers start now, while the files are collected: forked from this process, which
        // has read the configuration and has no other thread yet.
        let pool = Self.isolation(options, settings, engine: LintEngine(registry: setup.registry, settings: setup.settings,
                                                                        pluginsAllowed: setup.pluginsAllowed))
        defer { pool?.stopIdle() }
        // A report named on the command line is never overwritten by the output: that would lose it.
        // (Reached through a directory, the output file is the run's own and is skipped.)
        if let out = options.output, let target = OutputTarget.identity(out),
           options.paths.contains(where: { OutputTarget.identity($0).map { $0 == target } ?? false }) {
            return fail(L10n.text("--output \(out) 是要检查的文件之一，不能覆盖", "--output \(out) is one of the files to lint; it would be overwritten"))
        }
        var collector = FileCollector(include: settings.include, exclude: settings.exclude, base: settings.selectionBase)
        collector.ignoredRealPaths = Set([options.output, options.baseline, options.writeBaseline].compactMap { $0 }.map(FileCollector.realPathOfOwnFile))
        if options.format == .html, let dir = options.output { collector.ignoredRealDirectories = [FileCollector.realPathOfOwnFile(dir)] }
        collector.warnUnmatched = settings.include != LintSettings.defaultInclude || !settings.exclude.isEmpty
        let collected = options.paths.isEmpty ? FileCollector.Collected() : collector.collect(options.paths)
        defer { if let d = collected.aliasDirectory { try? FileManager.default.removeItem(atPath: d) } }
        let files = collected.files, problems = collected.problems
        // Fail closed, as ESLint does: a gate that checked nothing must not pass.
        let missing = options.paths.filter { !FileCollector.exists($0) }
        if !missing.isEmpty {
            return fail(L10n.text("没有找到文件或目录：\(missing.joined(separator: "、"))", "no such file or directory: \(missing.joined(separator: ", "))"))
        }
        if files.isEmpty && problems.isEmpty && !readsStdin {
            var skippedOnly = RunTally()
            skippedOnly.skipped = collected.skipped
            let skipped = skippedOnly.skippedSummary.map { L10n.text("；\($0)", "; \($0)") } ?? ""
            return fail(L10n.text("没有找到要检查的文件：\(options.paths.joined(separator: "、")) 中没有与 include（\(settings.include.joined(separator: " "))）匹配且未被 exclude 排除的文件\(skipped)",
                                  "no files to lint: nothing in \(options.paths.joined(separator: ", ")) matches include (\(settings.include.joined(separator: " "))) without being excluded\(skipped)"))
        }
        var notifications = setup.notifications
        for pattern in collected.unmatchedPatterns {
            let key = settings.include.contains(pattern) ? "include" : "exclude"
            notifications.append(ToolNotification(L10n.text("\(key) 模式 \(pattern) 没有匹配任何文件（模式相对于配置文件所在目录）",
                                                            "\(key) pattern \(pattern) matched no file (patterns are relative to the config's directory)")))
        }
        // What the output names each file: the path, or the escaped form of a non-UTF-8 name.
        let display = Dictionary(files.map { ($0.path, $0.display) }, uniquingKeysWith: { a, _ in a })
        // The output order is the path order; sorting the inputs first lets results stream out.
        // Ties keep files before the problems found for the same path.
        let items = (files.map { ParallelLinter.Item.file($0.path) } + problems.map { p in
            ParallelLinter.Item.known(FileResult(path: p.path, format: nil, diagnostics: [
                Diagnostic(ruleId: LintEngine.parseErrorRule, severity: .error, message: p.reason, location: SourceLocation(file: p.path), subject: p.reason),
            ]))
        }).enumerated().sorted {
            let a = display[$0.element.path] ?? $0.element.path, b = display[$1.element.path] ?? $1.element.path
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        var engine = LintEngine(registry: setup.registry, settings: settings, pluginsAllowed: setup.pluginsAllowed)
        // CSV names each finding's form and HTML redraws the document: their results carry their report.
        engine.keepsReports = options.format == .csv || options.format == .html
        var allItems = items
        if readsStdin {
            let data = FileHandle.standardInput.readDataToEndOfFile()
            allItems.insert(.known(engine.lint(data: data, path: options.stdinFilename ?? "<stdin>")), at: 0)
        }

        var formatter: Formatter
        switch options.format {
        case .text: formatter = TextFormatter(quiet: options.quiet, showSuppressed: options.showSuppressed, earlyNotifications: notifications,
                                              summary: options.summary, group: options.group)
        case .json: formatter = JSONFormatter()
        case .sarif:
            formatter = SARIFFormatter(rules: setup.descriptors, root: options.sarifRoot ?? SARIFFormatter.defaultRoot(),
                                       includeSuppressed: options.sarifIncludeSuppressed, maxResultsPerRun: options.sarifMaxResults)
        case .github: formatter = GitHubFormatter()
        case .csv: formatter = CSVFormatter()
        case .html: formatter = HTMLReportWriter(directory: options.output!)
        }
        let sink: OutputSink
        if options.format == .html {
            if let problem = HTMLReportWriter.prepare(options.output!) { return fail(problem) }
            sink = OutputSink()
        } else if let out = options.output {
            // Writing the report over one of the reports would lose it.
            if let target = OutputTarget.identity(out), files.contains(where: { OutputTarget.identity($0.path).map { $0 == target } ?? false }) {
                return fail("--output \(out) 是要检查的文件之一，不能覆盖")
            }
            do { sink = try OutputSink(file: out) } catch { return fail("无法写入 \(out)：\(error.localizedDescription)") }
        } else {
            sink = OutputSink()
        }
        var tally = RunTally(notifications: notifications, baselineApplied: baseline != nil)
        tally.skipped = collected.skipped
        var matcher = baseline.map { Baseline.Matcher($0, path: options.baseline!) }
        var recorder = options.writeBaseline.map(Baseline.Recorder.init(writtenTo:))

        // A signal while the output file is being written removes its temporary file (SignalCleanup.swift).
        let written: Result<Void, Error> = SignalCleanup.removing(sink.temporaryPath) {
            formatter.begin(sink)
            ParallelLinter(engine: engine, jobs: options.jobs, isolation: pool).lint(allItems) { result in
                // The result as shown: its own file everywhere, control and bidi characters escaped.
                var result = DisplayText.safe(result, display: display[result.path] ?? result.path)
                recorder?.add(result)
                matcher?.apply(to: &result)
                tally.add(result)
                formatter.file(result, sink)
            }
            tally.notifications += tally.pluginFailureNotifications
            if options.writeBaseline != nil && tally.requiredPluginFailed {
                sink.discard()
                return .failure(CommandFailure(message: L10n.text("有插件失败，未写入基线（基线会缺少该插件的发现）", "a plugin failed; the baseline was not written (it would lack the plugin's findings)")))
            }
            if let path = options.writeBaseline, let b = recorder?.baseline {
                do { try b.write(to: path) } catch {
                    sink.discard()
                    return .failure(CommandFailure(message: "无法写入基线 \(path)：\(error.localizedDescription)"))
                }
                tally.notifications.append(ToolNotification("已把 \(Baseline.total(b.entries)) 条发现写入基线 \(path)", level: .note))
            }
            if var m = matcher, let path = options.baseline {
                let stale = m.stale()
                if !stale.isEmpty {
                    let shown = stale.prefix(10).map { "\($0.file) [\($0.ruleId)] ×\($0.count)：\($0.message)" }.joined(separator: "；")
                    tally.notifications.append(ToolNotification("基线 \(path) 中有 \(Baseline.total(stale)) 条记录已不再出现，可用 --write-baseline 重写以清理：\(shown)\(stale.count > 10 ? "……" : "")", level: .note))
                }
            }
            tally.notifications = tally.notifications.map(DisplayText.safe)
            formatter.finish(tally, sink)
            do { try sink.commit() } catch {
                return .failure(CommandFailure(message: "无法写入 \(options.output ?? "标准输出")：\(error.localizedDescription)"))
            }
            return .success(())
        }
        if case .failure(let e) = written { return fail((e as? CommandFailure)?.message ?? "\(e)") }
        if let site = formatter as? HTMLReportWriter {
            if let problem = site.failure { return fail(L10n.text("无法写入 ", "cannot write ") + problem) }
            warn(L10n.text("auditlint: 报告已写入 \(options.output!)/index.html", "auditlint: report written to \(options.output!)/index.html"))
        }
        // Text output carries the notifications itself; JSON and SARIF consumers read stdout only.
        if options.format != .text { for n in tally.notifications { warn("auditlint: \(L10n.severity(n.level)): \(n.message)") } }
        if tally.requiredPluginFailed {
            return fail(L10n.text("有插件运行失败（见上方通知）；把插件设为 \"optional\": true 可让其失败不影响退出码",
                                  "a plugin failed (see the notifications); \"optional\": true lets a plugin fail without failing the run"))
        }
        if options.writeBaseline != nil || options.exitZero { return 0 }
        if tally.count(.error) > 0 { return 1 }
        if let mw = settings.maxWarnings, mw >= 0, tally.count(.warning) > mw {
            warn(L10n.text("auditlint: 警告数 \(tally.count(.warning)) 超过 --max-warnings \(mw)，退出码 1",
                           "auditlint: \(tally.count(.warning)) warnings exceed --max-warnings \(mw); exit 1"))
            return 1
        }
        return 0
    }

    private struct CommandFailure: Error { var message: String }

    /// Workers for the files, unless `AUDITLINT_IN_PROCESS=1` asks for linting in this process
    /// (for measuring the isolation's cost) or this executable cannot be found again.
    static func isolation(_ options: Options, _ settings: LintSettings, engine: LintEngine? = nil) -> WorkerPool? {
        // The CSV and HTML formats draw on each file's recognised report, which stays in the
        // process that made it: those runs lint in process.
        guard options.format != .html && options.format != .csv,
              ProcessInfo.processInfo.environment["AUDITLINT_IN_PROCESS"] != "1",
              let executable = WorkerPlatform.executablePath() else { return nil }
        let pluginSeconds = settings.plugins.reduce(0) { $0 + $1.timeout }
        let launcher = WorkerLauncher(executable: executable, configArguments: options.configArguments,
                                      limits: settings.limits, pluginSeconds: pluginSeconds, engine: engine)
        return WorkerPool(launcher: launcher, prestart: prestartCount(options))
    }

    /// Workers worth starting before the files are collected: one per job, but no more than the
    /// files named when every path is a file (`auditlint report.pdf` needs one worker, and each
    /// idle one costs a process start-up that a one-file run would wait for).
    static func prestartCount(_ options: Options) -> Int {
        let jobs = options.jobs ?? ProcessInfo.processInfo.activeProcessorCount
        var isDirectory: ObjCBool = false
        let onlyFiles = options.paths.allSatisfy {
            FileManager.default.fileExists(atPath: $0, isDirectory: &isDirectory) && !isDirectory.boolValue
        }
        return onlyFiles ? min(jobs, options.paths.count) : jobs
    }

    // MARK: rules, explain, dump

    func rules(_ args: [String]) -> Int32 {
        var config: String?, noConfig = false, markdown = false, allowPlugins = false
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--config" where i + 1 < args.count: config = args[i + 1]; i += 1
            case "--no-config": noConfig = true
            case "--allow-plugins": allowPlugins = true
            case "--format" where i + 1 < args.count && ["text", "markdown"].contains(args[i + 1]):
                markdown = args[i + 1] == "markdown"; i += 1
            default: return fail(Options.help(for: "rules"))
            }
            i += 1
        }
        let setup: Setup
        do { setup = try Self.setup(config: config, noConfig: noConfig, ruleFlags: [], allowPlugins: allowPlugins) }
        catch let e as SetupError { return fail(e.message) } catch { return fail("\(error)") }
        let catalog = RuleCatalog(descriptors: setup.descriptors, settings: setup.settings, plugins: setup.settings.plugins,
                                  pluginsAllowed: setup.pluginsAllowed, builtinIds: Set(BuiltinChecks.registry.ids))
        print(markdown ? catalog.markdown() : catalog.text(), terminator: "")
        return 0
    }

    func explain(_ args: [String]) -> Int32 {
        guard args.count == 1 else { return fail(Options.help(for: "explain")) }
        let descriptors = (try? Self.setup(config: nil, noConfig: false, ruleFlags: [], allowPlugins: false).descriptors)
            ?? BuiltinChecks.registry.checks.map(\.descriptor) + [Self.parseErrorDescriptor]
        guard let d = descriptors.first(where: { $0.id == args[0] }) else {
            return fail("没有规则 \(args[0])；`auditlint rules` 列出全部规则")
        }
        var out = "\(d.id) — \(d.title)\n默认级别：\(d.defaultSeverity.rawValue)\n\n\(d.rationale)\n"
        if !d.options.isEmpty {
            out += "\n选项：\n"
            for o in d.options { out += "  \(o.key)（默认 \(o.defaultValue)）：\(o.help)\n" }
        }
        for ex in d.examples {
            out += "\n\(ex.triggers ? "✗ 报告（第\(ex.expectedLines.map(String.init).joined(separator: "、"))行）" : "✓ 不报告")：\(ex.title)\n"
            out += ex.input.split(separator: "\n", omittingEmptySubsequences: false).map { "    " + $0 }.joined(separator: "\n") + "\n"
        }
        print(out, terminator: "")
        return 0
    }

    func dump(_ args: [String]) -> Int32 {
        guard args.count == 1 else { return fail(Options.help(for: "dump")) }
        let path = args[0]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            // The config's vocabulary, so the dump shows what the linter recognises.
            let extra = (try? Self.setup(config: nil, noConfig: false, ruleFlags: [], allowPlugins: false))?.settings.vocabularyExtra ?? [:]
            let recognizer = Recognizer(vocabulary: extra.isEmpty ? .standard : Vocabulary(extra: extra))
            let report = try ReportLoader.report(from: data, path: path, recognizer: recognizer)
            FileHandle.standardOutput.write(try ModelFile.encode(report))
            FileHandle.standardOutput.write(Data("\n".utf8))
            return 0
        } catch let e as ReadError {
            warn("\(e.location.display): error: \(e.reason) [parse-error]")
            return 1
        } catch {
            return fail("\(path): \(error.localizedDescription)")
        }
    }

    private func warn(_ s: String) { FileHandle.standardError.write(Data((s + "\n").utf8)) }

    private func fail(_ s: String) -> Int32 {
        FileHandle.standardError.write(Data(("auditlint: " + s + "\n").utf8))
        return 2
    }
}

/// Writes a whole file as `OutputTarget` decides (a temporary file renamed over a regular file,
/// or straight to a device), so a reader never sees half a file.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let target = try OutputTarget(path)
        let (fd, temporary) = try target.openForWriting()
        // A signal during the write or the rename removes the temporary file (SignalCleanup.swift).
        try SignalCleanup.removing(temporary) {
            var bytes = Array(text.utf8)[...]
            while !bytes.isEmpty {
                let n = bytes.withUnsafeBytes { PlatformIO.write(fd, $0.baseAddress!, $0.count) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else {
                    let reason = String(cString: strerror(errno))
                    close(fd)
                    if let temporary { unlink(temporary) }
                    throw OutputTarget.Failure(reason: reason)
                }
                bytes = bytes.dropFirst(n)
            }
            close(fd)
            if let temporary { try target.commit(temporary: temporary) }
        }
    }
}

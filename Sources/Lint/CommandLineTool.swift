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
                throw SetupError(message: "配置无效：\(e.description)")
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

    func run() -> Int32 {
        switch arguments.first {
        case "dump": return dump(Array(arguments.dropFirst()))
        case "rules": return rules(Array(arguments.dropFirst()))
        case "explain": return explain(Array(arguments.dropFirst()))
        case "-h", "--help", "help": print(Options.help); return 0
        case "--version": print("auditlint \(Version.current)"); return 0
        case "lint": return lint(Array(arguments.dropFirst()))
        case WorkerLauncher.subcommand: return WorkerMain.run(Array(arguments.dropFirst()))
        default: return lint(arguments)
        }
    }

    // MARK: lint

    func lint(_ args: [String]) -> Int32 {
        let options: Options
        do { options = try Options.parse(args) } catch let e as Options.UsageError {
            return fail("\(e.message)\n\n\(Options.help)")
        } catch { return fail("\(error)") }
        guard !options.paths.isEmpty else { return fail("没有给出要检查的文件或目录\n\n\(Options.help)") }

        let setup: Setup
        do { setup = try Self.setup(config: options.config, noConfig: options.noConfig, ruleFlags: options.ruleFlags, allowPlugins: options.allowPlugins) }
        catch let e as SetupError { return fail(e.message) } catch { return fail("\(error)") }
        var settings = setup.settings
        let notifications = setup.notifications
        if let mw = options.maxWarnings { settings.maxWarnings = mw }
        var baseline: Baseline?
        if let path = options.baseline {
            do { baseline = try Baseline.load(path) } catch let e as Baseline.LoadError { return fail(e.reason) } catch { return fail("\(error)") }
        }

        // Workers start now, while the files are collected.
        let pool = Self.isolation(options, settings)
        defer { pool?.stopIdle() }
        let collector = FileCollector(include: settings.include, exclude: settings.exclude)
        let (files, problems) = collector.collect(options.paths)
        // The output order is the path order; sorting the inputs first lets results stream out.
        // Ties keep files before the problems found for the same path.
        let items = (files.map(ParallelLinter.Item.file) + problems.map { p in
            ParallelLinter.Item.known(FileResult(path: p.path, format: nil, diagnostics: [
                Diagnostic(ruleId: LintEngine.parseErrorRule, severity: .error, message: p.reason, location: SourceLocation(file: p.path), subject: p.reason),
            ]))
        }).enumerated().sorted { $0.element.path != $1.element.path ? $0.element.path < $1.element.path : $0.offset < $1.offset }.map(\.element)
        let engine = LintEngine(registry: setup.registry, settings: settings, pluginsAllowed: setup.pluginsAllowed)

        var formatter: Formatter
        switch options.format {
        case .text: formatter = TextFormatter(quiet: options.quiet, showSuppressed: options.showSuppressed, earlyNotifications: notifications)
        case .json: formatter = JSONFormatter()
        case .sarif: formatter = SARIFFormatter(rules: setup.descriptors)
        }
        let sink: OutputSink
        if let out = options.output {
            // Writing the report over one of the reports would lose it.
            if let target = OutputTarget.identity(out), files.contains(where: { OutputTarget.identity($0).map { $0 == target } ?? false }) {
                return fail("--output \(out) 是要检查的文件之一，不能覆盖")
            }
            do { sink = try OutputSink(file: out) } catch { return fail("无法写入 \(out)：\(error.localizedDescription)") }
        } else {
            sink = OutputSink()
        }
        var tally = RunTally(notifications: notifications, baselineApplied: baseline != nil)
        var matcher = baseline.map { Baseline.Matcher($0, path: options.baseline!) }
        var recorder = options.writeBaseline.map(Baseline.Recorder.init(writtenTo:))

        // A signal while the output file is being written removes its temporary file (SignalCleanup.swift).
        let written: Result<Void, Error> = SignalCleanup.removing(sink.temporaryPath) {
            formatter.begin(sink)
            ParallelLinter(engine: engine, jobs: options.jobs, isolation: pool).lint(items) { result in
                var result = result
                recorder?.add(result)
                matcher?.apply(to: &result)
                tally.add(result)
                formatter.file(result, sink)
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
            formatter.finish(tally, sink)
            do { try sink.commit() } catch {
                return .failure(CommandFailure(message: "无法写入 \(options.output ?? "标准输出")：\(error.localizedDescription)"))
            }
            return .success(())
        }
        if case .failure(let e) = written { return fail((e as? CommandFailure)?.message ?? "\(e)") }
        // Text output carries the notifications itself; JSON and SARIF consumers read stdout only.
        if options.format != .text { for n in tally.notifications { warn("auditlint: \(n.level.rawValue): \(n.message)") } }
        if options.writeBaseline != nil { return 0 }
        if tally.count(.error) > 0 { return 1 }
        if let mw = settings.maxWarnings, tally.count(.warning) > mw { return 1 }
        return 0
    }

    private struct CommandFailure: Error { var message: String }

    /// Workers for the files, unless `AUDITLINT_IN_PROCESS=1` asks for linting in this process
    /// (for measuring the isolation's cost) or this executable cannot be found again.
    static func isolation(_ options: Options, _ settings: LintSettings) -> WorkerPool? {
        guard ProcessInfo.processInfo.environment["AUDITLINT_IN_PROCESS"] != "1",
              let executable = WorkerPlatform.executablePath() else { return nil }
        let pluginSeconds = settings.plugins.reduce(0) { $0 + $1.timeout }
        let launcher = WorkerLauncher(executable: executable, configArguments: options.configArguments,
                                      limits: settings.limits, pluginSeconds: pluginSeconds)
        return WorkerPool(launcher: launcher, prestart: options.jobs ?? ProcessInfo.processInfo.activeProcessorCount)
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
            default: return fail("用法: auditlint rules [--config 文件 | --no-config] [--format text|markdown]")
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
        guard args.count == 1 else { return fail("用法: auditlint explain 规则ID") }
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
        guard args.count == 1 else { return fail("用法: auditlint dump 文件") }
        let path = args[0]
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            let report = try ReaderRegistry().report(from: data, path: path)
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
                let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress!, $0.count) }
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

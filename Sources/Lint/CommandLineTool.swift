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

    var registry: CheckRegistry { BuiltinChecks.registry }
    var allDescriptors: [CheckDescriptor] { registry.checks.map(\.descriptor) + [Self.parseErrorDescriptor] }

    func run() -> Int32 {
        switch arguments.first {
        case "dump": return dump(Array(arguments.dropFirst()))
        case "rules": return rules()
        case "explain": return explain(Array(arguments.dropFirst()))
        case "-h", "--help", "help": print(Options.help); return 0
        case "--version": print("auditlint \(Version.current)"); return 0
        case "lint": return lint(Array(arguments.dropFirst()))
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

        var loader = ConfigLoader(knownRules: Set(registry.ids))
        var settings = LintSettings()
        var notifications: [String] = []
        if !options.noConfig, let path = options.config ?? ConfigLoader.discover(from: FileManager.default.currentDirectoryPath) {
            do { settings = try loader.load(path: path) } catch let e as ConfigError {
                return fail("配置无效：\(e.description)")
            } catch { return fail("配置无效：\(error)") }
            notifications += loader.warnings
        }
        if let mw = options.maxWarnings { settings.maxWarnings = mw }

        let collector = FileCollector(include: settings.include, exclude: settings.exclude)
        let (files, problems) = collector.collect(options.paths)
        let engine = LintEngine(registry: registry, settings: settings)
        var results = ParallelLinter(engine: engine, jobs: options.jobs).lint(files)
        for p in problems {
            results.append(FileResult(path: p.path, format: nil, diagnostics: [
                Diagnostic(ruleId: LintEngine.parseErrorRule, severity: .error, message: p.reason, location: SourceLocation(file: p.path), subject: p.reason),
            ]))
        }
        results.sort { $0.path < $1.path }
        let run = RunResult(files: results, notifications: notifications)

        let formatter: Formatter
        switch options.format {
        case .text: formatter = TextFormatter(quiet: options.quiet)
        case .json: formatter = JSONFormatter()
        case .sarif: formatter = SARIFFormatter()
        }
        let rendered = formatter.render(run, rules: allDescriptors)
        if let out = options.output {
            do { try AtomicFile.write(rendered, to: out) } catch { return fail("无法写入 \(out)：\(error.localizedDescription)") }
        } else {
            FileHandle.standardOutput.write(Data(rendered.utf8))
        }
        // Text output carries the notifications itself; JSON and SARIF consumers read stdout only.
        if options.format != .text { for n in notifications { warn(n) } }
        if run.count(.error) > 0 { return 1 }
        if let mw = settings.maxWarnings, run.count(.warning) > mw { return 1 }
        return 0
    }

    // MARK: rules, explain, dump

    func rules() -> Int32 {
        var out = "规则ID\t默认级别\t说明\n"
        for d in allDescriptors { out += "\(d.id)\t\(d.defaultSeverity.rawValue)\t\(d.title)\n" }
        print(out, terminator: "")
        return 0
    }

    func explain(_ args: [String]) -> Int32 {
        guard args.count == 1 else { return fail("用法: auditlint explain 规则ID") }
        guard let d = allDescriptors.first(where: { $0.id == args[0] }) else {
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

/// Writes output through a temporary file and a rename, so a reader never sees half a file.
enum AtomicFile {
    static func write(_ text: String, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try Data(text.utf8).write(to: tmp)
        if rename(tmp.path, url.path) != 0 {
            try? FileManager.default.removeItem(at: tmp)
            throw CocoaError(.fileWriteUnknown)
        }
    }
}

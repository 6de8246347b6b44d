import Core

/// Output formats of a lint run.
enum OutputFormat: String, CaseIterable { case text, json, sarif, github, csv, html }

/// Parsed command-line options of a lint run.
struct Options {
    var paths: [String] = []
    var format: OutputFormat = .text
    var output: String?
    var config: String?
    var noConfig = false
    var maxWarnings: Int?
    var jobs: Int?
    var quiet = false
    /// `--enable`, `--disable` and `--severity` in order: the last layer, over every file.
    var ruleFlags: [(id: String, patch: RulePatch)] = []
    var allowPlugins = false
    var baseline: String?
    var writeBaseline: String?
    /// Text output lists baselined findings too.
    var showSuppressed = false
    /// The directory SARIF URIs are relative to (`%SRCROOT%`); nil: the git top level or the working directory.
    var sarifRoot: String?
    /// SARIF keeps the findings a baseline suppresses (with `suppressions`).
    var sarifIncludeSuppressed = false
    /// Exit 0 whatever the findings (failures of the tool still exit 2).
    var exitZero = false
    /// `-` among the paths: the report is read from standard input under this name.
    var stdinFilename: String?
    /// The language of the tool's own messages: "zh" (default) or "en".
    var lang = "zh"
    /// Results per SARIF run before a new run starts (GitHub's limit is 25,000).
    var sarifMaxResults = SARIFFormatter.defaultMaxResultsPerRun
    /// The options that decide the configuration (`--config`, `--no-config`, rule flags,
    /// `--allow-plugins`), as given: a worker process is started with them.
    var configArguments: [String] = []
    /// Text output: one line of counts per file instead of every finding.
    var summary = false
    /// Text output: repeated findings of one rule in one file shown as one line (`--no-group` lists each).
    var group = true

    struct UsageError: Error { var message: String }

    /// The usage of `command` (nil: linting), in the run's language.
    static func help(for command: String?) -> String {
        switch command {
        case "rules": return L10n.text("""
            用法: auditlint rules [--config 文件 | --no-config] [--allow-plugins] [--format text|markdown]

            列出全部规则，以及在当前配置下的开关、级别和来源（内置、配置、插件）。
            --format markdown 输出 docs/rules.md 的内容。

            """, """
            usage: auditlint rules [--config FILE | --no-config] [--allow-plugins] [--format text|markdown]

            Lists every rule with its state, severity and origin (built-in, config, plugin) under the
            current config. --format markdown prints the contents of docs/rules.md.

            """)
        case "explain": return L10n.text("""
            用法: auditlint explain 规则ID

            显示规则的说明、选项和示例（报告与不报告的输入）。

            """, """
            usage: auditlint explain RULE

            Prints the rule's rationale, options and examples (inputs it reports and does not report).

            """)
        case "dump": return L10n.text("""
            用法: auditlint dump 文件

            把识别出的模型（表格、单元格、叙述及其位置）打印为 JSON（auditlint-model/1），
            该 JSON 可再作为输入检查。

            """, """
            usage: auditlint dump FILE

            Prints the recognised model (tables, cells, narrative and their locations) as JSON
            (auditlint-model/1), which is valid input again.

            """)
        case "vocabulary": return L10n.text("""
            用法: auditlint vocabulary [--config 文件 | --no-config]

            列出识别表头和表名所用的词表：每个字段及其同义词（含 .lintrc 中 vocabulary 增加的名称）。

            """, """
            usage: auditlint vocabulary [--config FILE | --no-config]

            Lists the vocabulary headers and form titles are recognised with: every field and its
            names, the .lintrc's `vocabulary` additions included.

            """)
        default: return L10n.english ? helpEnglish : help
        }
    }

    static let help = """
    用法: auditlint [选项] [路径...]      检查文件或目录（递归；默认当前目录；- 从标准输入读取）
          auditlint rules [--config F|--no-config] [--format text|markdown]
                                          列出全部规则及其在当前配置下的开关与级别
          auditlint explain 规则ID        规则说明与示例
          auditlint dump 文件             打印识别出的模型（JSON）
          auditlint vocabulary            列出表头与表名的词表（字段及其同义词）
          auditlint 命令 --help           各命令的帮助

    选项:
      --format text|json|sarif|github|csv|html
                                 输出格式（默认 text；github：GitHub Actions 注释；csv：每条发现一行，
                                 可用 Excel 打开；html：静态网页报告，需 --output 目录）
      --output 文件              写入文件（原子写入）而不是标准输出；html 格式为输出目录
      --summary                  文本输出每个文件一行计数（错误、警告、提示、识别的表），不列出每条发现
      --no-group                 文本输出逐条列出重复的发现（默认把同一文件同一规则的同类发现合为一行）
      --config 文件              使用指定的 .lintrc（默认从当前目录向上查找 .lintrc）
      --no-config                不读取任何 .lintrc
      --max-warnings N           警告数超过 N 时退出码为 1（-1 表示不限）
      --exit-zero                有发现时退出码仍为 0（工具出错仍为 2）
      --enable 规则ID            启用规则（可重复；优先于配置文件）
      --disable 规则ID           关闭规则（可重复）
      --severity 规则ID=级别     设置规则级别 note|warning|error（可重复）
      --allow-plugins            允许运行配置中的外部插件（或设置 AUDITLINT_ALLOW_PLUGINS=1）
      --baseline 文件            抑制基线中已记录的发现；只有新发现决定退出码
      --write-baseline 文件      把本次全部发现写为基线（退出码 0，除非工具出错）
      --show-suppressed          文本输出也列出被基线抑制的发现
      --sarif-root 目录          SARIF 中的路径相对于此目录（%SRCROOT%；默认 git 顶层目录或当前目录）
      --sarif-include-suppressed SARIF 也列出被基线抑制的发现（带 suppressions；默认省略）
      --sarif-max-results N      每个 SARIF 运行最多 N 条结果，超出则按路径分为多个运行（默认 25000）
      --stdin-filename 名称      路径为 - 时，标准输入的报告以此名称显示并匹配配置
      --jobs N                   并行处理的文件数（默认：CPU 核数）
      -q, --quiet                文本输出只列出错误
      --lang zh|en               工具自身消息的语言（默认 zh；发现的消息始终为中文）
      -h, --help                 显示帮助（可出现在命令行任何位置）
      --version                  显示版本

    退出码: 0 无错误级发现；1 有错误级发现或警告超过 --max-warnings；
            2 用法、配置或内部错误，没有可检查的文件，或非 optional 的插件失败。

    """

    static let helpEnglish = """
    usage: auditlint [options] [PATH...]   lint files and directories (recursively; default: the
                                           current directory; - reads standard input)
           auditlint rules [--config F|--no-config] [--format text|markdown]
                                           list the rules, with their state under the config
           auditlint explain RULE          a rule's rationale and examples
           auditlint dump FILE             print the recognised model (JSON)
           auditlint vocabulary            list the vocabulary of header and title names
           auditlint COMMAND --help        help on a command

    options:
      --format text|json|sarif|github|csv|html
                                 output format (default text; github: GitHub Actions annotations;
                                 csv: one row per finding, opens in Excel; html: a static site, needs --output DIR)
      --output FILE              write to FILE atomically instead of standard output; a directory for html
      --summary                  text output: one line of counts per file (errors, warnings, notes, forms)
      --no-group                 text output lists repeated findings one by one (by default the findings of
                                 one rule in one file that repeat one pattern are shown as one line)
      --config FILE              use this .lintrc (default: the nearest .lintrc upwards)
      --no-config                read no .lintrc
      --max-warnings N           exit 1 with more than N warnings (-1: no limit)
      --exit-zero                exit 0 whatever the findings (tool failures still exit 2)
      --enable RULE              enable a rule (repeatable; over the config)
      --disable RULE             disable a rule (repeatable)
      --severity RULE=LEVEL      set a rule's level note|warning|error (repeatable)
      --allow-plugins            run the config's external plugins (or AUDITLINT_ALLOW_PLUGINS=1)
      --baseline FILE            suppress the findings recorded in FILE; only new ones set the exit code
      --write-baseline FILE      record this run's findings in FILE (exit 0 unless the tool fails)
      --show-suppressed          text output also lists baselined findings
      --sarif-root DIR           SARIF URIs are relative to DIR (%SRCROOT%; default: git top level or .)
      --sarif-include-suppressed SARIF keeps baselined findings (with suppressions; left out by default)
      --sarif-max-results N      at most N results per SARIF run, split by path beyond (default 25000)
      --stdin-filename NAME      with the path -, the name standard input is shown and configured as
      --jobs N                   files linted in parallel (default: the number of cores)
      -q, --quiet                text output lists errors only
      --lang zh|en               language of the tool's own messages (findings stay in Chinese)
      -h, --help                 show help (anywhere on the line)
      --version                  show the version

    exit codes: 0 no error-level findings; 1 error-level findings or more warnings than
                --max-warnings; 2 a usage, config or internal failure, no file to lint, or a
                plugin that is not optional failed.

    """

    static func parse(_ args: [String]) throws -> Options {
        var o = Options()
        var i = 0
        func value(_ name: String) throws -> String {
            i += 1
            guard i < args.count else { throw UsageError(message: "\(name) 需要一个值") }
            return args[i]
        }
        while i < args.count {
            let a = args[i]
            var name = a, inline: String?
            if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
                name = String(a[..<eq]); inline = String(a[a.index(after: eq)...])
            }
            func arg() throws -> String { if let inline { return inline }; return try value(name) }
            let first = i
            // Runs after `i += 1`, so `first..<i` are the tokens this option took.
            defer {
                if ["--config", "--no-config", "--enable", "--disable", "--severity", "--allow-plugins"].contains(name) {
                    o.configArguments += args[first..<min(i, args.count)]
                }
            }
            switch name {
            case "--format":
                let v = try arg()
                guard let f = OutputFormat(rawValue: v) else { throw UsageError(message: "--format 只能是 text、json、sarif、github、csv 或 html，而不是 \(v)") }
                o.format = f
            case "--output", "-o": o.output = try arg()
            case "--config": o.config = try arg()
            case "--no-config": o.noConfig = true
            case "--max-warnings":
                let v = try arg()
                guard let n = Int(v), n >= -1 else { throw UsageError(message: "--max-warnings 需要非负整数或 -1（不限），而不是 \(v)") }
                o.maxWarnings = n
            case "--jobs", "-j":
                let v = try arg()
                guard let n = Int(v), n >= 1 else { throw UsageError(message: "--jobs 需要正整数，而不是 \(v)") }
                o.jobs = n
            case "-q", "--quiet": o.quiet = true
            case "--enable": o.ruleFlags.append((try arg(), RulePatch(enabled: true)))
            case "--disable": o.ruleFlags.append((try arg(), RulePatch(enabled: false)))
            case "--severity":
                let v = try arg()
                let parts = v.split(separator: "=", maxSplits: 1).map(String.init)
                guard parts.count == 2, !parts[0].isEmpty, let sev = Severity(rawValue: parts[1]) else {
                    throw UsageError(message: "--severity 需要 规则ID=note|warning|error，而不是 \(v)")
                }
                o.ruleFlags.append((parts[0], RulePatch(enabled: true, severity: sev)))
            case "--allow-plugins": o.allowPlugins = true
            case "--baseline": o.baseline = try arg()
            case "--write-baseline": o.writeBaseline = try arg()
            case "--show-suppressed": o.showSuppressed = true
            case "--sarif-root": o.sarifRoot = try arg()
            case "--exit-zero": o.exitZero = true
            case "--stdin-filename": o.stdinFilename = try arg()
            case "--lang":
                let v = try arg()
                guard ["zh", "en"].contains(v) else { throw UsageError(message: "--lang 只能是 zh 或 en，而不是 \(v)") }
                o.lang = v
            case "--sarif-include-suppressed": o.sarifIncludeSuppressed = true
            case "--summary": o.summary = true
            case "--group": o.group = true
            case "--no-group": o.group = false
            case "--sarif-max-results":
                let v = try arg()
                guard let n = Int(v), n >= 1 else { throw UsageError(message: "--sarif-max-results 需要正整数，而不是 \(v)") }
                o.sarifMaxResults = n
            case "--":
                o.paths += args[(i + 1)...]; i = args.count; continue
            default:
                if a.hasPrefix("-") && a.count > 1 { throw UsageError(message: L10n.text("未知选项 \(a)", "unknown option \(a)")) }
                o.paths.append(a)
            }
            i += 1
        }
        return o
    }
}
